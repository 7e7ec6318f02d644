import { Button, Group, Select, Stack } from '@mantine/core';
import { Link } from 'react-router-dom';
import { QUALIFICATION_STATUSES, RISK_TIERS, sitesApi } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { ClearFilters, FilterCheckbox, ManufacturerFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { options } from '../../format/labels';
import { siteColumns } from './SitesTable';
import { CountrySelect } from '../../components/CountrySelect';

const FILTERS = ['q', 'status', 'risk_tier', 'country', 'manufacturer_id', 'overdue', 'due_soon', 'archived'] as const;

export default function SitesPage() {
  const can = usePermissions();
  const { list, q, setQ, table } = useListScreen('sites', FILTERS, 'code', (params, signal) => sitesApi.list(params, signal));

  return (
    <>
      <PageHeader
        title="Sites"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Sites' }]}
        description="Factories of contract manufacturers, their qualification status and inspection schedule."
        actions={
          can.edit && (
            <Button component={Link} to="/sites/new">
              New site
            </Button>
          )
        }
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchInput placeholder="Code, name, city" value={q} onChange={setQ} width={220} />
          <Select
            label="Status"
            placeholder="Any"
            data={options(QUALIFICATION_STATUSES)}
            value={list.filters.status || null}
            onChange={(v) => list.setFilter('status', v)}
            clearable
            w={170}
          />
          <Select
            label="Risk tier"
            placeholder="Any"
            data={options(RISK_TIERS)}
            value={list.filters.risk_tier || null}
            onChange={(v) => list.setFilter('risk_tier', v)}
            clearable
            w={130}
          />
          <CountrySelect label="Country" placeholder="Any" value={list.filters.country ?? ''} onChange={(v) => list.setFilter('country', v)} w={200} />
          <ManufacturerFilter list={list} w={200} />
          <FilterCheckbox list={list} name="overdue" label="Overdue only" />
          <FilterCheckbox list={list} name="due_soon" label="Due in 30 days" />
          <FilterCheckbox list={list} name="archived" label="Archived only" />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Sites"
          columns={siteColumns}
          rowKey={(s) => s.id}
          rowHref={(s) => `/sites/${s.id}`}
          rowStyle={(s) => (s.overdue ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' } : undefined)}
          empty={
            list.active ? (
              <EmptyState title="No site matches these filters">Change the filters, or clear them to see every site.</EmptyState>
            ) : (
              <EmptyState title="No sites yet">
                {can.edit
                  ? 'Add a site with "New site" (it needs a manufacturer first), or import your existing sites spreadsheet under Import.'
                  : 'Nobody has recorded a site yet.'}
              </EmptyState>
            )
          }
        />
      </Stack>
    </>
  );
}
