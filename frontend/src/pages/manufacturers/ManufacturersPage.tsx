import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { manufacturersApi, type Manufacturer } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SearchInput } from '../../components/SearchInput';
import { useListScreen } from '../../components/useListScreen';
import { ClearFilters, FilterCheckbox } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { formatTimestamp } from '../../format/dates';
import { countryName } from '../../format/labels';
import { CountrySelect } from '../../components/CountrySelect';

const FILTERS = ['q', 'country', 'archived'] as const;

const columns: Column<Manufacturer>[] = [
  {
    key: 'name',
    header: 'Name',
    sortKey: 'name',
    render: (m) => (
      <Group gap={6} wrap="nowrap">
        <Anchor component={Link} to={`/manufacturers/${m.id}`} fw={600} size="sm">
          {m.name}
        </Anchor>
        {m.archived && (
          <Badge size="xs" color="gray" variant="outline">
            Archived
          </Badge>
        )}
      </Group>
    ),
  },
  { key: 'legal_name', header: 'Legal name', render: (m) => m.legal_name, wide: true },
  { key: 'country', header: 'Country', sortKey: 'country', render: (m) => (m.country ? `${countryName(m.country)} (${m.country})` : '') },
  { key: 'sites', header: 'Sites', render: (m) => m.site_count, align: 'right' },
  { key: 'updated', header: 'Updated', sortKey: 'updated_at', render: (m) => formatTimestamp(m.updated_at), wide: true },
];

export default function ManufacturersPage() {
  const can = usePermissions();
  const { list, q, setQ, table } = useListScreen('manufacturers', FILTERS, 'name', (params, signal) => manufacturersApi.list(params, signal));

  return (
    <>
      <PageHeader
        title="Manufacturers"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Manufacturers' }]}
        description="The companies whose factories (sites) build your products."
        actions={
          can.edit && (
            <Button component={Link} to="/manufacturers/new">
              New manufacturer
            </Button>
          )
        }
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchInput placeholder="Name or legal name" value={q} onChange={setQ} width={260} />
          <CountrySelect label="Country" placeholder="Any" value={list.filters.country ?? ''} onChange={(v) => list.setFilter('country', v)} w={200} />
          <FilterCheckbox list={list} name="archived" label="Archived only" />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Manufacturers"
          columns={columns}
          rowKey={(m) => m.id}
          rowHref={(m) => `/manufacturers/${m.id}`}
          empty={
            list.active ? (
              <EmptyState title="No manufacturer matches these filters">
                <Text size="sm" c="dimmed">
                  Change the search or clear the filters.
                </Text>
              </EmptyState>
            ) : (
              <EmptyState title="No manufacturers yet">
                {can.edit
                  ? 'Add the first contract manufacturer with "New manufacturer", or import your sites spreadsheet (Import), which creates manufacturers as it goes.'
                  : 'Nobody has recorded a manufacturer yet.'}
              </EmptyState>
            )
          }
        />
      </Stack>
    </>
  );
}
