import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { auditApi, downloadFile, queryString, type AuditRecordType } from '../../api';
import { AuditEventsTable } from '../../components/AuditEventsTable';
import { DateField, FormError } from '../../components/forms';
import { useListState } from '../../components/listState';
import { ClearFilters } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { useExactCount } from '../../components/useListScreen';
import { SignedHeadPanel } from './SignedHead';

const FILTERS = ['entity_type', 'entity_id', 'actor_id', 'from', 'to'] as const;
/** The record types an auditor filters by; "export" is every spreadsheet exported. */
const RECORD_TYPES: { value: AuditRecordType; label: string }[] = [
  { value: 'site', label: 'Sites' },
  { value: 'manufacturer', label: 'Manufacturers' },
  { value: 'inspection', label: 'Inspections' },
  { value: 'finding', label: 'Findings' },
  { value: 'certification', label: 'Certificates' },
  { value: 'attachment', label: 'Attachments' },
  { value: 'checklist_answer', label: 'Checklist answers' },
  { value: 'inspection_checklist', label: 'Inspection checklists' },
  { value: 'checklist_template', label: 'Checklist templates' },
  { value: 'import', label: 'Imports' },
  { value: 'export', label: 'Exports' },
  { value: 'user', label: 'Users' },
];

export default function AuditTrailPage() {
  const list = useListState(FILTERS, '-sequence');
  const exactCount = useExactCount(JSON.stringify(list.filters));
  const params = exactCount.exact ? { ...list.query, count: 'exact' } : list.query;
  const query = useQuery({
    queryKey: ['audit-events', params],
    queryFn: ({ signal }) => auditApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
  const actors = useQuery({ queryKey: ['audit-actors'], queryFn: ({ signal }) => auditApi.actors(signal) });
  const verify = useMutation({ mutationFn: auditApi.verify });
  const exportTrail = useMutation({
    mutationFn: () => {
      const params = Object.fromEntries(FILTERS.map((f) => [f, list.filters[f] ?? '']).filter(([, v]) => v !== ''));
      return downloadFile('/reports/audit-trail.xlsx' + queryString(params), 'audit-trail.xlsx');
    },
  });

  return (
    <>
      <PageHeader
        title="Audit trail"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Audit trail' }]}
        description="Every change, who made it and when. Each event is chained to the one before by its hash, so a changed or removed event shows."
        actions={
          <>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => exportTrail.mutate()} loading={exportTrail.isPending}>
              Download spreadsheet
            </Button>
            <Button leftSection={<IconShieldCheck size={16} />} onClick={() => verify.mutate()} loading={verify.isPending}>
              Verify chain
            </Button>
          </>
        }
      />
      <Stack gap="sm">
        {verify.data &&
          (verify.data.valid ? (
            <Alert color="green" icon={<IconShieldCheck size={18} />} title="The audit trail is intact" role="status" data-testid="verify-result">
              All {verify.data.events} events were checked: every hash matches and every event links to the one before.
              <Text size="xs" c="dimmed" mt={4} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                Head hash {verify.data.head_hash}
              </Text>
            </Alert>
          ) : (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The audit trail was tampered with" role="alert" data-testid="verify-result">
              The chain breaks at event #{verify.data.first_invalid_sequence}
              {verify.data.reason ? `: ${verify.data.reason}` : ''}. {verify.data.events} events were checked. Tell your administrator.
            </Alert>
          ))}
        {verify.error && (
          <Alert color="red" role="alert">
            The check could not run: {verify.error.message}
          </Alert>
        )}
        {exportTrail.data && (
          <Text size="sm" role="status">
            Downloaded {exportTrail.data.name}: the trail with these filters, one row per changed field.
          </Text>
        )}
        <FormError error={exportTrail.error} />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select label="Record type" placeholder="Any" data={RECORD_TYPES} value={list.filters.entity_type || null} onChange={(v) => list.setFilter('entity_type', v)} clearable w={200} />
          <TextInput
            label="Record ID"
            inputMode="numeric"
            value={list.filters.entity_id}
            onChange={(e) => list.setFilter('entity_id', e.currentTarget.value.replace(/\D/g, ''))}
            w={110}
          />
          <Select
            label="Person"
            placeholder="Anyone"
            searchable
            nothingFoundMessage="Nobody by that name in the trail"
            data={(actors.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))}
            value={list.filters.actor_id || null}
            onChange={(v) => list.setFilter('actor_id', v)}
            clearable
            w={260}
          />
          <DateField label="From" value={list.filters.from ?? ''} onChange={(v) => list.setFilter('from', v)} w={150} />
          <DateField label="To" value={list.filters.to ?? ''} onChange={(v) => list.setFilter('to', v)} w={150} />
          <ClearFilters list={list} />
        </Group>
        <AuditEventsTable
          rows={query.data?.items}
          loading={query.isFetching}
          error={query.error}
          onRetry={() => void query.refetch()}
          total={query.data?.total}
          totalExact={query.data?.total_exact ?? true}
          onCountAll={exactCount.countAll}
          page={list.page}
          onPage={list.setPage}
          emptyText={list.active ? 'No event matches these filters. Clear them to see the whole trail.' : 'Nothing has been recorded yet.'}
        />
        <SignedHeadPanel />
      </Stack>
    </>
  );
}
