import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  integrityApi,
  integrityValueLabel,
  productsApi,
  type ComponentSource,
  type ComponentSourceCreate,
  type SiteProductIntegrity,
  refreshAfter,
} from '../../api';
import { CertificationBadge, SeverityBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmButton, DateField, FormButtons, ServerForm, serverErrors } from '../../components/forms';
import { PhotoStrip } from '../../components/Photos';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../components/CurrentUser';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';
import { observedText } from './ObservationsPanel';
import { EditSourceModal, ReSealModal } from './SiteIntegrityDialogs';

/**
 * A site's hardware integrity: each product's baseline against the newest
 * observations, what drifts, the history of every value, and the component
 * sources the site buys from (unauthorised ones without an accepted
 * justification are flagged).
 */
export default function SiteIntegrityPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const [adding, setAdding] = useState(false);
  const [addingSource, setAddingSource] = useState(false);
  const view = useQuery({ queryKey: ['site-integrity', id], queryFn: ({ signal }) => integrityApi.site(id, signal) });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Sites', to: '/sites' }];
  const v = view.data;
  if (!v) return <RecordState title="Hardware integrity" breadcrumbs={[...crumbs, { label: 'Hardware integrity' }]} error={view.error} onRetry={() => void view.refetch()} />;
  return (
    <>
      <PageHeader
        title={`Hardware integrity of ${v.site_code}`}
        breadcrumbs={[...crumbs, { label: v.site_code, to: `/sites/${id}` }, { label: 'Hardware integrity' }]}
        description={`${v.site_name} · values count as recent when observed since ${formatCalendarDate(v.observed_since)}`}
        actions={
          can.edit && (
            <>
              <Button variant="default" onClick={() => setAddingSource(true)}>
                Add component source
              </Button>
              <Button onClick={() => setAdding(true)}>Add product</Button>
            </>
          )
        }
      />
      <Stack gap="lg">
        {v.unjustified_sources > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" title="Unauthorised component sources">
            The site buys from {v.unjustified_sources} source(s) the original manufacturer has not authorised, with no accepted justification.
          </Alert>
        )}
        {adding && <AddProductForm siteId={id} onDone={() => setAdding(false)} />}
        {v.products.length === 0 && !adding && (
          <EmptyState title="No products">{can.edit ? 'Add the products this site builds to compare what inspectors see with their baselines.' : 'No product is recorded for this site.'}</EmptyState>
        )}
        {v.products.map((p) => (
          <ProductIntegrity key={p.site_product.id} product={p} />
        ))}
        <Stack gap="xs">
          <Title order={2} size="h4">
            Component sources
          </Title>
          {addingSource && <AddSourceForm siteId={id} onDone={() => setAddingSource(false)} />}
          <SourcesTable sources={v.sources} />
        </Stack>
      </Stack>
    </>
  );
}

function ProductIntegrity({ product: p }: { product: SiteProductIntegrity }) {
  const can = usePermissions();
  const queryClient = useQueryClient();
  const [resealing, setResealing] = useState(false);
  const latest = (kind: string, component = '') => p.latest.find((o) => o.kind === kind && o.component === component);
  const rows: { key: string; value: string; expected: string; kind: string; component?: string }[] = [
    ...p.expected_firmware.map((fw) => ({
      key: `fw-${fw.component}`,
      value: integrityValueLabel('firmware', fw.component),
      expected: `${fw.firmware_version} · ${fw.sha256}`,
      kind: 'firmware',
      component: fw.component,
    })),
    {
      key: 'golden',
      value: 'Golden sample',
      expected: `serial ${p.site_product.golden_serial || '—'}, seal ${p.site_product.golden_seal_number || '—'}`,
      kind: 'golden_sample',
    },
    { key: 'bom', value: 'BOM revision', expected: p.bom_revision, kind: 'bom' },
    { key: 'avl', value: 'AVL revision', expected: p.avl_revision, kind: 'avl' },
  ];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} component="h2" size="lg" m={0}>
            <Anchor component={Link} to={`/products/${p.site_product.product_id}`} inherit>
              {p.part_number}
            </Anchor>
            {p.revision ? ` rev ${p.revision}` : ''} · {p.product_name}
          </Text>
          <Group gap="xs">
            {p.drift.length === 0 ? (
              <Badge color="green" variant="light" tt="none">
                As the baseline
              </Badge>
            ) : (
              <Badge color="red" variant="light" tt="none">
                {p.drift.length} value(s) drift
              </Badge>
            )}
            {can.edit && (
              <Button size="compact-md" variant="default" onClick={() => setResealing(true)}>
                Re-seal golden sample
              </Button>
            )}
            {can.remove && (
              <ConfirmButton
                label="Remove from site"
                title={`Remove ${p.part_number} from this site?`}
                size="compact-md"
                onConfirm={async () => {
                  await integrityApi.removeSiteProduct(p.site_product.id);
                  await refreshAfter(queryClient, 'integrity');
                }}
              >
                The site no longer builds this product. Only possible while nothing was observed for it; the deleted record is kept in the audit trail.
              </ConfirmButton>
            )}
          </Group>
        </Group>
        {resealing && <ReSealModal siteProduct={p.site_product} title={p.part_number} onClose={() => setResealing(false)} />}
        <Text size="sm" c="dimmed">
          Processes: {p.site_product.processes.map(label).join(', ') || '—'} · golden sample kept by {p.site_product.golden_custodian || '—'} in{' '}
          {p.site_product.golden_location || '—'}, sealed {formatCalendarDate(p.site_product.golden_sealed_on)}
        </Text>
        <PhotoStrip ids={p.site_product.golden_photo_ids} label={`Golden sample photos of ${p.part_number}`} />
        <div style={{ overflowX: 'auto' }}>
          <Table fz="sm" verticalSpacing={4} miw={640} aria-label={`Baseline and last observations of ${p.part_number}`}>
            <Table.Thead bg="gray.1">
              <Table.Tr>
                <Table.Th scope="col">Value</Table.Th>
                <Table.Th scope="col">Baseline</Table.Th>
                <Table.Th scope="col">Last observed</Table.Th>
                <Table.Th scope="col">On</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const o = latest(r.kind, r.component);
                const drift = p.drift.find((d) => d.kind === r.kind && (d.component ?? '') === (r.component ?? ''));
                return (
                  <Table.Tr key={r.key}>
                    <Table.Td>{r.value}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }} ff={r.kind === 'firmware' ? 'monospace' : undefined}>
                      {r.expected || '—'}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }} ff={r.kind === 'firmware' ? 'monospace' : undefined}>
                      {o ? observedText(o) : '—'}
                    </Table.Td>
                    <Table.Td>{o ? formatCalendarDate(o.observed_on) : ''}</Table.Td>
                    <Table.Td>
                      {drift ? (
                        <Stack gap={2}>
                          <SeverityBadge severity={drift.severity} size="sm" />
                          <Text size="xs">{drift.problem}</Text>
                        </Stack>
                      ) : o ? (
                        <Badge color="green" variant="light" radius="sm" tt="none">
                          Matches
                        </Badge>
                      ) : (
                        ''
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
        <History product={p} />
      </Stack>
    </Paper>
  );
}

/** Every observation of the product at the site, newest first: when each value changed, at which visit. */
function History({ product: p }: { product: SiteProductIntegrity }) {
  const [open, setOpen] = useState(false);
  if (p.history.length === 0) return <Text size="sm" c="dimmed">Nothing observed yet.</Text>;
  return (
    <Stack gap="xs">
      <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Hide history' : `Show history (${p.history.length} observations)`}
      </Button>
      {open && (
        <div style={{ overflowX: 'auto' }}>
          <Table fz="sm" verticalSpacing={4} miw={640} aria-label={`History of ${p.part_number}`}>
            <Table.Thead bg="gray.1">
              <Table.Tr>
                <Table.Th scope="col">Observed on</Table.Th>
                <Table.Th scope="col">Visit</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
                <Table.Th scope="col">Observed</Table.Th>
                <Table.Th scope="col">Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.history.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{formatCalendarDate(o.observed_on)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/inspections/${o.inspection_id}`} size="sm">
                      Inspection {o.inspection_id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{integrityValueLabel(o.kind, o.component)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{observedText(o)}</Table.Td>
                  <Table.Td>
                    {o.matches ? (
                      'Matches'
                    ) : (
                      <Text size="xs">
                        {o.problem}{' '}
                        {o.finding_id && (
                          <Anchor component={Link} to={`/findings/${o.finding_id}`} size="xs">
                            Finding {o.finding_id}
                          </Anchor>
                        )}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}

function AddProductForm({ siteId, onDone }: { siteId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const products = useQuery({ queryKey: ['products', 'all'], queryFn: ({ signal }) => productsApi.list({ page_size: 200 }, signal) });
  const [form, setForm] = useState({ product_id: '', golden_serial: '', golden_seal_number: '', golden_custodian: '', golden_location: '', golden_sealed_on: '' });
  const set = (k: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const save = useMutation({
    mutationFn: () =>
      integrityApi.addProduct(siteId, {
        product_id: Number(form.product_id),
        golden_serial: form.golden_serial,
        golden_seal_number: form.golden_seal_number,
        golden_custodian: form.golden_custodian,
        golden_location: form.golden_location,
        golden_sealed_on: form.golden_sealed_on || null,
      }),
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onDone();
    },
  });
  const err = serverErrors(save.error);
  const fields = ['product_id', 'golden_serial', 'golden_seal_number', 'golden_custodian', 'golden_location', 'golden_sealed_on'];
  return (
    <Paper withBorder p="md">
      <ServerForm label="Add product" onSubmit={() => save.mutate()} error={save.error} shownFields={fields}>
        <Select
          label="Product"
          required
          searchable
          data={(products.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.part_number}${p.revision ? ` rev ${p.revision}` : ''} · ${p.name}` }))}
          value={form.product_id || null}
          onChange={(v) => set('product_id')(v ?? '')}
          error={err.field('product_id')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Golden sample serial" value={form.golden_serial} onChange={(e) => set('golden_serial')(e.currentTarget.value)} error={err.field('golden_serial')} />
          <TextInput label="Tamper seal number" value={form.golden_seal_number} onChange={(e) => set('golden_seal_number')(e.currentTarget.value)} error={err.field('golden_seal_number')} />
          <DateField label="Sealed on" value={form.golden_sealed_on} onChange={set('golden_sealed_on')} error={err.field('golden_sealed_on')} />
          <TextInput label="Custodian" value={form.golden_custodian} onChange={(e) => set('golden_custodian')(e.currentTarget.value)} error={err.field('golden_custodian')} />
          <TextInput label="Storage location" value={form.golden_location} onChange={(e) => set('golden_location')(e.currentTarget.value)} error={err.field('golden_location')} />
        </SimpleGrid>
        <FormButtons submit="Add product" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}

const SOURCE_TYPES = ['manufacturer', 'authorised_distributor', 'independent_distributor', 'broker'] as const;

function AddSourceForm({ siteId, onDone }: { siteId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', source_type: 'authorised_distributor', families: '', authorised: true, certification_standard: '', certificate_number: '', certificate_expires_on: '', justification: '' });
  const save = useMutation({
    mutationFn: () => {
      const body: ComponentSourceCreate = {
        name: form.name,
        source_type: form.source_type as ComponentSourceCreate['source_type'],
        component_families: form.families.split(',').map((f) => f.trim()).filter(Boolean),
        authorised: form.authorised,
        certification_standard: form.certification_standard,
        certificate_number: form.certificate_number,
        certificate_expires_on: form.certificate_expires_on || null,
        justification: form.justification,
      };
      return integrityApi.addSource(siteId, body);
    },
    onSuccess: async () => {
      await refreshAfter(queryClient, 'integrity');
      onDone();
    },
  });
  const err = serverErrors(save.error);
  return (
    <Paper withBorder p="md">
      <ServerForm label="Add component source" onSubmit={() => save.mutate()} error={save.error} shownFields={['name', 'source_type', 'certificate_expires_on']}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Source name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={err.field('name')} />
          <Select
            label="Type"
            data={SOURCE_TYPES.map((t) => ({ value: t, label: label(t) }))}
            value={form.source_type}
            onChange={(v) => setForm({ ...form, source_type: v ?? 'broker' })}
            error={err.field('source_type')}
          />
          <TextInput label="Component families" description="Separated by commas" value={form.families} onChange={(e) => setForm({ ...form, families: e.currentTarget.value })} />
          <TextInput label="Certification" placeholder="SAE AS6081" value={form.certification_standard} onChange={(e) => setForm({ ...form, certification_standard: e.currentTarget.value })} />
          <TextInput label="Certificate number" value={form.certificate_number} onChange={(e) => setForm({ ...form, certificate_number: e.currentTarget.value })} />
          <DateField label="Certificate expires" value={form.certificate_expires_on} onChange={(v) => setForm({ ...form, certificate_expires_on: v })} error={err.field('certificate_expires_on')} />
        </SimpleGrid>
        <Checkbox label="Authorised by the original component manufacturer" checked={form.authorised} onChange={(e) => setForm({ ...form, authorised: e.currentTarget.checked })} />
        {!form.authorised && (
          <TextInput label="Justification for an unauthorised source" value={form.justification} onChange={(e) => setForm({ ...form, justification: e.currentTarget.value })} />
        )}
        <FormButtons submit="Add source" pending={save.isPending} onCancel={onDone} />
      </ServerForm>
    </Paper>
  );
}

function SourcesTable({ sources }: { sources: ComponentSource[] }) {
  const me = useCurrentUser();
  const can = usePermissions();
  const [editing, setEditing] = useState<ComponentSource | null>(null);
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: (s: ComponentSource) => integrityApi.acceptJustification(s.id, s.version),
    onSuccess: () => refreshAfter(queryClient, 'integrity'),
  });
  const mayApprove = me.role === 'admin' || me.role === 'manager';
  if (sources.length === 0) return <EmptyState title="No component sources">No distributor or manufacturer is recorded for this site.</EmptyState>;
  return (
    <Paper withBorder style={{ overflowX: 'auto' }}>
      {accept.error ? (
        <Alert color="red" variant="light" m="sm" role="alert">
          {(accept.error as Error).message}
        </Alert>
      ) : null}
      <Table fz="sm" verticalSpacing={6} miw={720} aria-label="Component sources">
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Type</Table.Th>
            <Table.Th scope="col">Families</Table.Th>
            <Table.Th scope="col">Authorised</Table.Th>
            <Table.Th scope="col">Certificate</Table.Th>
            <Table.Th scope="col">Justification</Table.Th>
            {(can.edit || can.remove) && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sources.map((s) => (
            <Table.Tr key={s.id} style={s.flagged ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' } : undefined}>
              <Table.Td fw={600}>{s.name}</Table.Td>
              <Table.Td>{label(s.source_type)}</Table.Td>
              <Table.Td>{s.component_families.join(', ')}</Table.Td>
              <Table.Td>
                {s.authorised ? (
                  'Yes'
                ) : s.flagged ? (
                  <Badge color="red" variant="light" tt="none">
                    No, not justified
                  </Badge>
                ) : (
                  'No, justified'
                )}
              </Table.Td>
              <Table.Td>
                {s.certificate_number ? (
                  <Group gap={6}>
                    <Text size="sm">
                      {s.certification_standard} {s.certificate_number}
                    </Text>
                    {s.certificate_status && <CertificationBadge status={s.certificate_status} size="sm" />}
                  </Group>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Text size="sm">{s.justification}</Text>
                  {s.justification_accepted_by_name && <Text size="xs" c="dimmed">Accepted by {s.justification_accepted_by_name}</Text>}
                  {mayApprove && s.flagged && s.justification && (
                    <Button size="compact-sm" variant="light" w="fit-content" loading={accept.isPending} onClick={() => accept.mutate(s)}>
                      Accept justification
                    </Button>
                  )}
                </Stack>
              </Table.Td>
              {(can.edit || can.remove) && (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {can.edit && (
                      <Button size="compact-sm" variant="default" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                        Edit
                      </Button>
                    )}
                    {can.remove && (
                      <ConfirmButton
                        label="Delete"
                        title={`Delete the source ${s.name}?`}
                        size="compact-sm"
                        onConfirm={async () => {
                          await integrityApi.removeSource(s.id);
                          await refreshAfter(queryClient, 'integrity');
                        }}
                      >
                        The source leaves the site's list and its blast radius; the deleted record is kept in the audit trail.
                      </ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <EditSourceModal source={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
