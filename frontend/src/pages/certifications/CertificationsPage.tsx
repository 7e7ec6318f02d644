import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { CERTIFICATION_STATUSES, COMMON_STANDARDS, certificationsApi } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { ClearFilters, FilterCheckbox } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { SitePicker } from '../../components/SitePicker';
import { options } from '../../format/labels';
import { CertificationModal } from './CertificationForm';
import { certificationColumns } from './CertificationsTable';

const FILTERS = ['q', 'site_id', 'standard', 'status', 'expiring_within_days', 'active_sites'] as const;
const columns = certificationColumns(true);
const WINDOWS = ['30', '60', '90', '180'];

export default function CertificationsPage() {
  const can = usePermissions();
  const { list, q, setQ, table } = useListScreen('certifications', FILTERS, 'expires_on', (params, signal) => certificationsApi.list(params, signal));
  const [adding, setAdding] = useState(false);
  const window = list.filters.expiring_within_days ?? '';

  return (
    <>
      <PageHeader
        title="Certifications"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Certifications' }]}
        description="Certificates held by the sites, with their expiry."
        actions={can.edit && <Button onClick={() => setAdding(true)}>Add certification</Button>}
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchInput placeholder="Standard, number, body, site code" value={q} onChange={setQ} width={240} />
          <SitePicker value={Number(list.filters.site_id) || null} onChange={(v) => list.setFilter('site_id', v ? String(v) : null)} clearable placeholder="Any site" w={200} />
          <Select label="Standard" placeholder="Any" data={[...COMMON_STANDARDS]} value={list.filters.standard || null} onChange={(v) => list.setFilter('standard', v)} clearable searchable w={190} />
          <Select label="Status" placeholder="Any" data={options(CERTIFICATION_STATUSES)} value={list.filters.status || null} onChange={(v) => list.setFilter('status', v)} clearable w={130} />
          {/* On a phone the choices scroll sideways inside their own box instead of widening the page. */}
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Text size="sm" fw={500} mb={2} id="expiry-window-label">
              Expiring within
            </Text>
            <SegmentedControl
              aria-labelledby="expiry-window-label"
              data={[{ value: '', label: 'Any time' }, ...WINDOWS.map((d) => ({ value: d, label: `${d} days` }))]}
              value={WINDOWS.includes(window) ? window : ''}
              onChange={(v) => list.setFilter('expiring_within_days', v || null)}
              size="sm"
            />
          </div>
          <FilterCheckbox list={list} name="active_sites" label="Active sites only" />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Certifications"
          columns={columns}
          rowKey={(c) => c.id}
          rowHref={(c) => `/certifications/${c.id}`}
          rowStyle={(c) =>
            c.status === 'expired'
              ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' }
              : c.status === 'expiring'
                ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-yellow-6)' }
                : undefined
          }
          empty={
            list.active ? (
              <EmptyState title="No certificate matches these filters">Widen the expiry window or clear the filters.</EmptyState>
            ) : (
              <EmptyState title="No certifications yet">
                {can.edit ? 'Record certificates with "Add certification" or import them from a spreadsheet (Import).' : 'No certificate is recorded yet.'}
              </EmptyState>
            )
          }
        />
      </Stack>
      <CertificationModal opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}
