import { Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { correctiveActionsApi, type CAStage, type CorrectiveActionRow } from '../../api';
import { SeverityBadge } from '../../components/badges';
import { DataTable, type Column } from '../../components/DataTable';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';
import { ClearFilters, FilterCheckbox, ManufacturerFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { useListScreen } from '../../components/useListScreen';

const FILTERS = ['status', 'stage', 'overdue', 'manufacturer_id'] as const;

export const STAGE_LABELS: Record<CAStage, string> = {
  d3: 'D3 Containment',
  d4: 'D4 Root cause',
  d5: 'D5/D6 Corrective action',
  d7: 'D7 Preventive action',
  d8: 'D8 Verification',
};

export const requestColumns: Column<CorrectiveActionRow>[] = [
  {
    key: 'finding',
    header: 'Finding',
    render: (r) => (
      <Anchor component={Link} to={`/findings/${r.finding_id}`} size="sm" fw={600} lineClamp={2}>
        {r.finding_description}
      </Anchor>
    ),
  },
  { key: 'site', header: 'Site', render: (r) => <Text size="sm" ff="monospace">{r.site_code}</Text> },
  { key: 'manufacturer', header: 'Manufacturer', render: (r) => r.manufacturer_name, wide: true },
  { key: 'severity', header: 'Severity', render: (r) => <SeverityBadge severity={r.finding_severity} size="sm" /> },
  {
    key: 'stage',
    header: 'Stage',
    sortKey: 'stage',
    render: (r) => (r.status === 'open' ? STAGE_LABELS[r.current_stage] : <Badge color="green" variant="light">Verified</Badge>),
  },
  { key: 'due', header: 'Supplier due', sortKey: 'next_due', render: (r) => (r.status === 'open' && r.next_due ? <DueDate date={r.next_due} done={false} inline /> : '') },
  { key: 'rework', header: 'Returned', render: (r) => r.rework_count, align: 'right', wide: true },
];

/** Every corrective-action request, the overdue and the stage they wait on first. */
export default function CorrectiveActionsPage() {
  const { list, table } = useListScreen('corrective-actions', FILTERS, 'next_due', (params, signal) => correctiveActionsApi.list(params, signal));
  return (
    <>
      <PageHeader
        title="Corrective-action requests"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Corrective-action requests' }]}
        description="Requests issued from findings and answered by the manufacturers in the supplier portal. Overdue: a stage past its due date."
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any"
            data={[
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
            ]}
            value={list.filters.status || null}
            onChange={(v) => list.setFilter('status', v)}
            clearable
            w={130}
          />
          <Select
            label="Waiting on"
            placeholder="Any stage"
            data={Object.entries(STAGE_LABELS).map(([value, label]) => ({ value, label }))}
            value={list.filters.stage || null}
            onChange={(v) => list.setFilter('stage', v)}
            clearable
            w={220}
          />
          <ManufacturerFilter list={list} />
          <FilterCheckbox list={list} name="overdue" label="Overdue only" />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Corrective-action requests"
          columns={requestColumns}
          rowKey={(r) => r.id}
          rowHref={(r) => `/findings/${r.finding_id}`}
          empty={<EmptyState title="No request matches">Requests are issued from a finding&apos;s page.</EmptyState>}
        />
      </Stack>
    </>
  );
}
