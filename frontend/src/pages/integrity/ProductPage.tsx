import { Anchor, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { productsApi, type Component, type FirmwareRelease, refreshAfter } from '../../api';
import { useCurrentUser } from '../../components/CurrentUser';
import { EmptyState } from '../../components/EmptyState';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { ConfirmButton, DateField, FormButtons, FormError, ServerForm, serverErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { SIGNATURE_FIELDS, SignatureFields, SignatureLine, useSignature } from '../../components/Signature';
import { formatCalendarDate } from '../../format/dates';
import { ProductEditModal } from './ProductForm';

const COMPONENTS: Component[] = ['bios', 'bmc', 'cpld', 'nic', 'other'];
const componentLabel = (c: string) => (c === 'other' ? 'Other' : c.toUpperCase());

/** A product's baselines: firmware releases (approved by a manager's signature) and BOM/AVL revisions. */
export default function ProductPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const me = useCurrentUser();
  const [addingRelease, setAddingRelease] = useState(false);
  const [addingBOM, setAddingBOM] = useState(false);
  const [editing, setEditing] = useState(false);
  const [approving, setApproving] = useState<FirmwareRelease | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = () => refreshAfter(queryClient, 'integrity');
  const record = useQuery({ queryKey: ['product', id], queryFn: ({ signal }) => productsApi.get(id, signal) });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Products', to: '/products' }];
  const p = record.data;
  if (!p) return <RecordState title="Product" breadcrumbs={[...crumbs, { label: 'Product' }]} error={record.error} onRetry={() => void record.refetch()} />;
  const mayApprove = me.role === 'admin' || me.role === 'manager';
  return (
    <>
      <PageHeader
        title={`${p.part_number}${p.revision ? ` rev ${p.revision}` : ''} · ${p.name}`}
        breadcrumbs={[...crumbs, { label: p.part_number }]}
        actions={
          can.edit && (
            <>
              {can.remove && p.sites.length === 0 && (
                <ConfirmButton
                  label="Delete product"
                  title={`Delete ${p.part_number}?`}
                  variant="default"
                  onConfirm={async () => {
                    await productsApi.remove(id);
                    await refresh();
                    await navigate('/products');
                  }}
                >
                  Only a product nothing refers to can be deleted: no release, revision or site. The deleted record is kept in the audit trail.
                </ConfirmButton>
              )}
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit product
              </Button>
              <Button variant="default" onClick={() => setAddingBOM(true)}>
                Record BOM/AVL revision
              </Button>
              <Button onClick={() => setAddingRelease(true)}>Record firmware release</Button>
            </>
          )
        }
      />
      <Stack gap="lg">
        {addingRelease && <ReleaseForm productId={id} releases={p.firmware_releases} onDone={() => setAddingRelease(false)} />}
        {addingBOM && <BOMForm productId={id} onDone={() => setAddingBOM(false)} />}
        <Stack gap="xs">
          <Title order={2} size="h4">
            Firmware releases
          </Title>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table fz="sm" verticalSpacing={6} miw={760} aria-label="Firmware releases">
              <Table.Thead bg="gray.1">
                <Table.Tr>
                  <Table.Th scope="col">Component</Table.Th>
                  <Table.Th scope="col">Version</Table.Th>
                  <Table.Th scope="col">SHA-256</Table.Th>
                  <Table.Th scope="col">Released</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.firmware_releases.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{componentLabel(r.component)}</Table.Td>
                    <Table.Td>{r.firmware_version}</Table.Td>
                    <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {r.sha256}
                      <Text size="xs" c="dimmed" ff="sans-serif">
                        {[r.signer && `signed by ${r.signer}`, r.key_id && `key ${r.key_id}`].filter(Boolean).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatCalendarDate(r.released_on)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        {r.current ? (
                          <Badge color="green" variant="light" tt="none">
                            Current
                          </Badge>
                        ) : r.status === 'pending' ? (
                          <Badge color="yellow" variant="light" tt="none">
                            Pending approval
                          </Badge>
                        ) : (
                          <Badge color="gray" variant="light" tt="none">
                            Superseded by {r.superseded_by_version}
                          </Badge>
                        )}
                        <SignatureLine signature={r.signature} />
                        {r.status === 'pending' && (mayApprove || can.remove) && (
                          <Group gap={6}>
                            {mayApprove && (
                              <Button size="compact-sm" variant="light" w="fit-content" onClick={() => setApproving(r)}>
                                Approve
                              </Button>
                            )}
                            {can.remove && (
                              <ConfirmButton
                                label="Delete release"
                                title={`Delete the pending ${componentLabel(r.component)} ${r.firmware_version} release?`}
                                size="compact-sm"
                                onConfirm={async () => {
                                  await productsApi.removeRelease(r.id);
                                  await refresh();
                                }}
                              >
                                A release recorded by mistake, not approved and matched by no observation. The deleted record is kept in the audit trail.
                              </ConfirmButton>
                            )}
                          </Group>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {p.firmware_releases.length === 0 && <EmptyState title="No firmware releases">Record each released image with its SHA-256.</EmptyState>}
          </Paper>
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h4">
            BOM and AVL revisions
          </Title>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table fz="sm" verticalSpacing={6} miw={760} aria-label="BOM and AVL revisions">
              <Table.Thead bg="gray.1">
                <Table.Tr>
                  <Table.Th scope="col">BOM</Table.Th>
                  <Table.Th scope="col">AVL</Table.Th>
                  <Table.Th scope="col">Effective</Table.Th>
                  <Table.Th scope="col">File</Table.Th>
                  <Table.Th scope="col" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.bom_revisions.map((b, i) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>{b.bom_revision}</Table.Td>
                    <Table.Td>{b.avl_revision}</Table.Td>
                    <Table.Td>{formatCalendarDate(b.effective_on)}</Table.Td>
                    <Table.Td miw={260}>
                      <AttachmentsPanel owner="bom_revision" ownerId={b.id} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {i === 0 && (
                          <Badge color="green" variant="light" tt="none">
                            Current
                          </Badge>
                        )}
                        {can.remove && (
                          <ConfirmButton
                            label="Delete revision"
                            title={`Delete BOM ${b.bom_revision} / AVL ${b.avl_revision}?`}
                            size="compact-sm"
                            onConfirm={async () => {
                              await productsApi.removeBOMRevision(b.id);
                              await refresh();
                            }}
                          >
                            A revision entered by mistake; the one before it becomes current again. The deleted record is kept in the audit trail.
                          </ConfirmButton>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Built at
          </Title>
          <Group gap="md">
            {p.sites.length === 0 && <Text size="sm" c="dimmed">No site builds this product yet.</Text>}
            {p.sites.map((s) => (
              <Anchor key={s.site_product_id} component={Link} to={`/sites/${s.site_id}/integrity`} size="sm">
                {s.site_code} · {s.site_name}
              </Anchor>
            ))}
          </Group>
        </Stack>
      </Stack>
      {approving && <ApproveModal release={approving} onClose={() => setApproving(null)} />}
      <ProductEditModal product={p} opened={editing} onClose={() => setEditing(false)} onReload={() => void record.refetch()} />
    </>
  );
}

function ReleaseForm({ productId, releases, onDone }: { productId: number; releases: FirmwareRelease[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ component: 'bmc', firmware_version: '', sha256: '', signer: '', key_id: '', released_on: '', supersedes_id: '' });
  const save = useMutation({
    mutationFn: () =>
      productsApi.addRelease(productId, {
        component: form.component as Component,
        firmware_version: form.firmware_version,
        sha256: form.sha256,
        signer: form.signer,
        key_id: form.key_id,
        released_on: form.released_on,
        supersedes_id: form.supersedes_id ? Number(form.supersedes_id) : null,
      }),
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onDone();
    },
  });
  const err = serverErrors(save.error);
  const current = releases.filter((r) => r.component === form.component && r.superseded_by_id === null);
  return (
    <Paper withBorder p="md">
      <ServerForm label="Record firmware release" onSubmit={() => save.mutate()} error={save.error} shownFields={['component', 'firmware_version', 'sha256', 'released_on', 'supersedes_id']}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select label="Component" data={COMPONENTS.map((c) => ({ value: c, label: componentLabel(c) }))} value={form.component} onChange={(v) => setForm({ ...form, component: v ?? 'bmc' })} error={err.field('component')} />
          <TextInput label="Version" required value={form.firmware_version} onChange={(e) => setForm({ ...form, firmware_version: e.currentTarget.value })} error={err.field('firmware_version')} />
          <DateField label="Released on" required value={form.released_on} onChange={(v) => setForm({ ...form, released_on: v })} error={err.field('released_on')} />
        </SimpleGrid>
        <TextInput label="Image SHA-256" description="The hash or the sha256sum line" required ff="monospace" value={form.sha256} onChange={(e) => setForm({ ...form, sha256: e.currentTarget.value })} error={err.field('sha256')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Signer" value={form.signer} onChange={(e) => setForm({ ...form, signer: e.currentTarget.value })} />
          <TextInput label="Key id" value={form.key_id} onChange={(e) => setForm({ ...form, key_id: e.currentTarget.value })} />
          <Select
            label="Supersedes"
            clearable
            data={current.map((r) => ({ value: String(r.id), label: `${componentLabel(r.component)} ${r.firmware_version}` }))}
            value={form.supersedes_id || null}
            onChange={(v) => setForm({ ...form, supersedes_id: v ?? '' })}
            error={err.field('supersedes_id')}
          />
        </SimpleGrid>
        <FormButtons submit="Record release" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}

function BOMForm({ productId, onDone }: { productId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ bom_revision: '', avl_revision: '', effective_on: '' });
  const save = useMutation({
    mutationFn: () => productsApi.addBOMRevision(productId, form),
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onDone();
    },
  });
  const err = serverErrors(save.error);
  return (
    <Paper withBorder p="md">
      <ServerForm label="Record BOM/AVL revision" onSubmit={() => save.mutate()} error={save.error} shownFields={['bom_revision', 'avl_revision', 'effective_on']}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="BOM revision" required value={form.bom_revision} onChange={(e) => setForm({ ...form, bom_revision: e.currentTarget.value })} error={err.field('bom_revision')} />
          <TextInput label="AVL revision" required value={form.avl_revision} onChange={(e) => setForm({ ...form, avl_revision: e.currentTarget.value })} error={err.field('avl_revision')} />
          <DateField label="Effective on" required value={form.effective_on} onChange={(v) => setForm({ ...form, effective_on: v })} error={err.field('effective_on')} />
        </SimpleGrid>
        <FormButtons submit="Record revision" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}

function ApproveModal({ release, onClose }: { release: FirmwareRelease; onClose: () => void }) {
  const queryClient = useQueryClient();
  const sig = useSignature(['approved']);
  const approve = useMutation({
    mutationFn: () => productsApi.approveRelease(release.id, sig.request),
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Approve ${componentLabel(release.component)} ${release.firmware_version}`} size="lg">
      <form
        noValidate
        aria-label="Approve firmware release"
        onSubmit={(e) => {
          e.preventDefault();
          approve.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            Image SHA-256 <Text span ff="monospace">{release.sha256}</Text>
          </Text>
          <FormError error={approve.error} shownFields={SIGNATURE_FIELDS} />
          <SignatureFields sig={sig} error={approve.error} />
          <FormButtons submit="Sign and approve" pending={approve.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
