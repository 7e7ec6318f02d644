import { Button, Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { INSPECTION_RESULTS, INSPECTION_STATUSES, INSPECTION_TYPES, inspectionsApi } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { DateField } from '../../components/forms';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { ClearFilters } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { SitePicker } from '../../components/SitePicker';
import { options } from '../../format/labels';
import { PlanInspectionModal } from './InspectionForms';
import { inspectionColumns } from './InspectionsTable';

const FILTERS = ['q', 'site_id', 'status', 'type', 'result', 'from', 'to'] as const;
const columns = inspectionColumns(true);

export default function InspectionsPage() {
  const can = usePermissions();
  const { list, q, setQ, table } = useListScreen('inspections', FILTERS, '-date', (params, signal) => inspectionsApi.list(params, signal));
  const [planning, setPlanning] = useState(false);

  return (
    <>
      <PageHeader
        title="Inspections"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Inspections' }]}
        description="Planned and completed visits to the sites."
        actions={
          <>
            <Button variant="default" component={Link} to="/inspections/calendar">
              Calendar
            </Button>
            {can.edit && <Button onClick={() => setPlanning(true)}>Plan inspection</Button>}
          </>
        }
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchInput placeholder="Site, scope, summary" value={q} onChange={setQ} width={200} />
          <SitePicker value={Number(list.filters.site_id) || null} onChange={(v) => list.setFilter('site_id', v ? String(v) : null)} clearable placeholder="Any site" w={200} />
          <Select label="Status" placeholder="Any" data={options(INSPECTION_STATUSES)} value={list.filters.status || null} onChange={(v) => list.setFilter('status', v)} clearable w={130} />
          <Select label="Type" placeholder="Any" data={options(INSPECTION_TYPES)} value={list.filters.type || null} onChange={(v) => list.setFilter('type', v)} clearable w={140} />
          <Select label="Result" placeholder="Any" data={options(INSPECTION_RESULTS)} value={list.filters.result || null} onChange={(v) => list.setFilter('result', v)} clearable w={130} />
          <DateField label="From" value={list.filters.from ?? ''} onChange={(v) => list.setFilter('from', v)} w={150} />
          <DateField label="To" value={list.filters.to ?? ''} onChange={(v) => list.setFilter('to', v)} w={150} />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Inspections"
          columns={columns}
          rowKey={(i) => i.id}
          rowHref={(i) => `/inspections/${i.id}`}
          empty={
            list.active ? (
              <EmptyState title="No inspection matches these filters">Change the filters or clear them.</EmptyState>
            ) : (
              <EmptyState title="No inspections yet">
                {can.edit ? 'Plan a visit with "Plan inspection", or from a site\'s page.' : 'No inspection is recorded yet.'}
              </EmptyState>
            )
          }
        />
      </Stack>
      <PlanInspectionModal opened={planning} onClose={() => setPlanning(false)} />
    </>
  );
}
