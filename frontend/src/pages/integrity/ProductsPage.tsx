import { Anchor, Button, Paper, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { productsApi, refreshAfter } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { FormButtons, ServerForm, serverErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';

/** The buyer's products: boards and systems whose baselines sites are compared with. */
export default function ProductsPage() {
  const can = usePermissions();
  const [adding, setAdding] = useState(false);
  const products = useQuery({ queryKey: ['products', 'all'], queryFn: ({ signal }) => productsApi.list({ page_size: 200 }, signal) });
  const rows = products.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Products"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Products' }]}
        description="Each product's firmware releases and BOM/AVL revision are the baseline inspectors' observations are compared with."
        actions={can.edit && <Button onClick={() => setAdding(true)}>New product</Button>}
      />
      {adding && <NewProductForm onDone={() => setAdding(false)} />}
      <Paper withBorder style={{ overflowX: 'auto' }} mt="md">
        <Table fz="sm" verticalSpacing={6} miw={520} aria-label="Products">
          <Table.Thead bg="gray.1">
            <Table.Tr>
              <Table.Th scope="col">Part number</Table.Th>
              <Table.Th scope="col">Revision</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Sites</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/products/${p.id}`} fw={600} size="sm">
                    {p.part_number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.revision}</Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.site_count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {products.isSuccess && rows.length === 0 && (
          <EmptyState title="No products">
            <Text size="sm">Record the boards and systems your manufacturers build.</Text>
          </EmptyState>
        )}
      </Paper>
    </>
  );
}

function NewProductForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ part_number: '', revision: '', name: '' });
  const save = useMutation({
    mutationFn: () => productsApi.create(form),
    onSuccess: async (p) => {
      await refreshAfter(queryClient, 'integrity');
      await navigate(`/products/${p.id}`);
    },
  });
  const err = serverErrors(save.error);
  return (
    <Paper withBorder p="md">
      <ServerForm label="New product" onSubmit={() => save.mutate()} error={save.error} shownFields={['part_number', 'revision', 'name']}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Part number" required value={form.part_number} onChange={(e) => setForm({ ...form, part_number: e.currentTarget.value })} error={err.field('part_number')} />
          <TextInput label="Revision" value={form.revision} onChange={(e) => setForm({ ...form, revision: e.currentTarget.value })} error={err.field('revision')} />
          <TextInput label="Name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={err.field('name')} />
        </SimpleGrid>
        <FormButtons submit="Create product" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}
