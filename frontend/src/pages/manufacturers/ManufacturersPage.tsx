import { Anchor, Badge, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { manufacturersApi, type Manufacturer } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { useListState } from '../../components/listState';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { useDebounced } from '../../components/useDebounced';
import { formatTimestamp } from '../../format/dates';
import { countryName } from '../../format/labels';

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
  const list = useListState(FILTERS, 'name');
  const [q, setQ] = useDebounced(list.filters.q ?? '', (v) => list.setFilter('q', v));
  const query = useQuery({
    queryKey: ['manufacturers', list.query],
    queryFn: ({ signal }) => manufacturersApi.list(list.query, signal),
    placeholderData: keepPreviousData,
  });

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
          <TextInput label="Search" placeholder="Name or legal name" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={260} />
          <TextInput
            label="Country code"
            placeholder="e.g. CN"
            value={list.filters.country}
            onChange={(e) => list.setFilter('country', e.currentTarget.value.toUpperCase().slice(0, 2))}
            w={120}
          />
          <Checkbox
            label="Archived only"
            checked={list.filters.archived === 'true'}
            onChange={(e) => list.setFilter('archived', e.currentTarget.checked ? 'true' : null)}
            mb={8}
          />
          {list.active && (
            <Button variant="subtle" onClick={list.clear}>
              Clear filters
            </Button>
          )}
        </Group>
        <DataTable
          caption="Manufacturers"
          columns={columns}
          rows={query.data?.items}
          rowKey={(m) => m.id}
          rowHref={(m) => `/manufacturers/${m.id}`}
          sort={list.sort}
          onSort={list.setSort}
          loading={query.isFetching}
          error={query.error}
          total={query.data?.total}
          page={list.page}
          onPage={list.setPage}
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
