import { Alert, Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { downloadFile, incidentsApi, refreshAfter, type PartIncidentDetail } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmButton, DateField, Field, FormButtons, FormError, ServerForm, serverErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';

const STATUS_COLORS: Record<string, string> = { open: 'red', investigating: 'orange', closed: 'gray' };

/** Suspect or counterfeit part incidents. */
export default function IncidentsPage() {
  const can = usePermissions();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['part-incidents'], queryFn: ({ signal }) => incidentsApi.list({ page_size: 200 }, signal) });
  const rows = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Suspect parts"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Suspect parts' }]}
        description="Suspect or counterfeit part incidents, and every site and product that used the same source."
        actions={can.edit && <Button onClick={() => setAdding(true)}>Record incident</Button>}
      />
      {adding && <IncidentForm onDone={() => setAdding(false)} />}
      <Paper withBorder style={{ overflowX: 'auto' }} mt="md">
        <Table fz="sm" verticalSpacing={6} miw={640} aria-label="Suspect-part incidents">
          <Table.Thead bg="gray.1">
            <Table.Tr>
              <Table.Th scope="col">Part</Table.Th>
              <Table.Th scope="col">Source</Table.Th>
              <Table.Th scope="col">Lot codes</Table.Th>
              <Table.Th scope="col">Reported</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/part-incidents/${i.id}`} fw={600} size="sm">
                    {i.part_number}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {i.component_family}
                  </Text>
                </Table.Td>
                <Table.Td>{i.source_name}</Table.Td>
                <Table.Td>{i.lot_codes}</Table.Td>
                <Table.Td>{formatCalendarDate(i.reported_on)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[i.status]} variant="light" tt="none">
                    {label(i.status)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.isSuccess && rows.length === 0 && <EmptyState title="No incidents">No suspect part has been recorded.</EmptyState>}
      </Paper>
    </>
  );
}

function IncidentForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ part_number: '', component_family: '', lot_codes: '', date_codes: '', source_name: '', how_found: '', gidep_reference: '', erai_reference: '', reported_on: '' });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const save = useMutation({
    mutationFn: () => incidentsApi.create(form),
    onSuccess: async (i) => {
      await refreshAfter(queryClient, 'integrity');
      await navigate(`/part-incidents/${i.id}`);
    },
  });
  const err = serverErrors(save.error);
  const input = (k: keyof typeof form, text: string, required = false) => (
    <TextInput label={text} required={required} value={form[k]} onChange={(e) => set(k)(e.currentTarget.value)} error={err.field(k)} />
  );
  return (
    <Paper withBorder p="md">
      <ServerForm label="Record incident" onSubmit={() => save.mutate()} error={save.error} shownFields={Object.keys(form)}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {input('part_number', 'Part number', true)}
          {input('component_family', 'Component family')}
          {input('source_name', 'Source (distributor or broker)', true)}
          {input('lot_codes', 'Lot codes')}
          {input('date_codes', 'Date codes')}
          <DateField label="Reported on" required value={form.reported_on} onChange={set('reported_on')} error={err.field('reported_on')} />
          {input('gidep_reference', 'GIDEP report')}
          {input('erai_reference', 'ERAI report')}
          {input('how_found', 'How it was found')}
        </SimpleGrid>
        <FormButtons submit="Record incident" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}

/** An incident and its blast radius. */
export function IncidentPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [download, setDownload] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const record = useQuery({ queryKey: ['part-incident', id], queryFn: ({ signal }) => incidentsApi.get(id, signal) });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Suspect parts', to: '/part-incidents' }];
  const i = record.data;
  if (!i) return <RecordState title="Incident" breadcrumbs={[...crumbs, { label: 'Incident' }]} error={record.error} onRetry={() => void record.refetch()} />;
  return (
    <>
      <PageHeader
        title={`${i.part_number} from ${i.source_name}`}
        breadcrumbs={[...crumbs, { label: i.part_number }]}
        actions={
          <>
          {can.remove && (
            <ConfirmButton
              label="Delete incident"
              title={`Delete the incident ${i.part_number}?`}
              variant="default"
              onConfirm={async () => {
                await incidentsApi.remove(id);
                await refreshAfter(queryClient, 'integrity');
                await navigate('/part-incidents');
              }}
            >
              For an incident entered by mistake. The deleted record is kept in the audit trail.
            </ConfirmButton>
          )}
          <Button
            variant="default"
            loading={download.busy}
            onClick={async () => {
              setDownload({ busy: true, error: null });
              try {
                await downloadFile(`/part-incidents/${id}/blast-radius.xlsx`, 'blast-radius.xlsx');
                setDownload({ busy: false, error: null });
              } catch (error) {
                setDownload({ busy: false, error });
              }
            }}
          >
            Download blast radius
          </Button>
          </>
        }
      />
      <Stack gap="lg">
        {download.error ? (
          <Alert color="red" variant="light" role="alert">
            {(download.error as Error).message}
          </Alert>
        ) : null}
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="Component family">{i.component_family}</Field>
            <Field label="Lot codes">{i.lot_codes}</Field>
            <Field label="Date codes">{i.date_codes}</Field>
            <Field label="Status">{can.edit ? <IncidentStatus incident={i} onReload={() => void record.refetch()} /> : label(i.status)}</Field>
            <Field label="GIDEP">{i.gidep_reference}</Field>
            <Field label="ERAI">{i.erai_reference}</Field>
            <Field label="Reported">{formatCalendarDate(i.reported_on)}</Field>
            <Field label="How found">{i.how_found}</Field>
          </SimpleGrid>
        </Paper>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Blast radius
          </Title>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table fz="sm" verticalSpacing={6} miw={720} aria-label="Blast radius">
              <Table.Thead bg="gray.1">
                <Table.Tr>
                  <Table.Th scope="col">Site</Table.Th>
                  <Table.Th scope="col">Source</Table.Th>
                  <Table.Th scope="col">Why listed</Table.Th>
                  <Table.Th scope="col">Product</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {i.blast_radius.map((r, n) => (
                  <Table.Tr key={n}>
                    <Table.Td>
                      <Anchor component={Link} to={`/sites/${r.site_id}/integrity`} size="sm" fw={600}>
                        {r.site_code}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {r.site_name} · {r.manufacturer}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.source_name}
                      <Text size="xs" c="dimmed">
                        {r.authorised ? 'authorised' : 'not authorised'} · {r.component_families}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.reason === 'same_source' ? 'Same source' : 'Unauthorised, same family'}</Table.Td>
                    <Table.Td>{r.part_number ? `${r.part_number} · ${r.product_name}` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {i.blast_radius.length === 0 && <EmptyState title="No site affected">No site records this source or an unauthorised source of this family.</EmptyState>}
          </Paper>
        </Stack>
      </Stack>
    </>
  );
}

/** Moves an incident on (open, investigating, closed), with the version read so a concurrent change is not overwritten. */
function IncidentStatus({ incident: i, onReload }: { incident: PartIncidentDetail; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>(i.status);
  const save = useMutation({
    mutationFn: () => incidentsApi.update(i.id, { version: i.version, status: status as PartIncidentDetail['status'] }),
    onSuccess: () => refreshAfter(queryClient, 'integrity'),
  });
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          label="Incident status"
          data={['open', 'investigating', 'closed'].map((v) => ({ value: v, label: label(v) }))}
          value={status}
          onChange={(v) => setStatus(v ?? i.status)}
          allowDeselect={false}
          w={160}
        />
        <Button variant="light" disabled={status === i.status} loading={save.isPending} onClick={() => save.mutate()}>
          Change status
        </Button>
      </Group>
      <FormError error={save.error} onReload={onReload} />
    </Stack>
  );
}
