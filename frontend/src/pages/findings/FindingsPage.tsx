import { Group, Select, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { SEVERITIES, findingsApi } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { ClearFilters, FilterCheckbox } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { SitePicker } from '../../components/SitePicker';
import { options } from '../../format/labels';
import { findingColumns, findingRowStyle } from './FindingsTable';

const FILTERS = ['q', 'site_id', 'status', 'severity', 'overdue', 'active_sites'] as const;
const columns = findingColumns(true);
const STATUS_CHOICES = [
  { value: 'open,in_progress', label: 'Not closed' },
  { value: 'open', label: 'Open' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'closed', label: 'Closed' },
];

/** The list opens on what still needs work: findings not closed, the earliest due (the overdue) first. */
export const DEFAULT_FINDING_STATUS = 'open,in_progress';

export default function FindingsPage() {
  const { list, q, setQ, table } = useListScreen('findings', FILTERS, 'due_date', (params, signal) => findingsApi.list(params, signal));
  const [params] = useSearchParams();
  const opensOnDefault = useRef(!params.has('status'));
  const { update } = list;
  useEffect(() => {
    if (!opensOnDefault.current) return;
    opensOnDefault.current = false;
    update({ status: DEFAULT_FINDING_STATUS }, true);
  }, [update]);

  return (
    <>
      <PageHeader
        title="Findings"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Findings' }]}
        description="What inspections found and the corrective actions that follow. Overdue ones are marked red."
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchInput placeholder="Description, requirement, owner" value={q} onChange={setQ} width={240} />
          <SitePicker value={Number(list.filters.site_id) || null} onChange={(v) => list.setFilter('site_id', v ? String(v) : null)} clearable placeholder="Any site" w={200} />
          <Select label="Status" placeholder="Any" data={STATUS_CHOICES} value={list.filters.status || null} onChange={(v) => list.setFilter('status', v)} clearable w={150} />
          <Select label="Severity" placeholder="Any" data={options(SEVERITIES)} value={list.filters.severity || null} onChange={(v) => list.setFilter('severity', v)} clearable w={140} />
          <FilterCheckbox list={list} name="overdue" label="Overdue only" />
          <FilterCheckbox list={list} name="active_sites" label="Active sites only" />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Findings"
          columns={columns}
          rowKey={(f) => f.id}
          rowHref={(f) => `/findings/${f.id}`}
          rowStyle={findingRowStyle}
          empty={
            list.active ? (
              <EmptyState title="No finding matches these filters">Change the filters or clear them.</EmptyState>
            ) : (
              <EmptyState title="No findings yet">Findings are added on an inspection's page, while or after visiting the site.</EmptyState>
            )
          }
        />
      </Stack>
    </>
  );
}
