import { Alert, Anchor, Badge, Button, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { manufacturersApi, sitesApi, refreshAfter, queryKeys } from '../../api';
import { ConfirmButton, Field } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { usePermissions } from '../../components/permissions';
import { RecordState } from '../../components/QueryState';
import { formatTimestamp } from '../../format/dates';
import { countryName } from '../../format/labels';
import { SitesTable } from '../sites/SitesTable';
import { SupplierAccountsPanel } from './SupplierAccountsPanel';

export default function ManufacturerPage() {
  const id = Number(useParams().id);
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery({ queryKey: queryKeys.manufacturer(id), queryFn: ({ signal }) => manufacturersApi.get(id, signal) });
  const sitesQuery = { manufacturer_id: id, archived: 'all', page_size: 200, sort: 'code' };
  const sites = useQuery({ queryKey: ['sites', sitesQuery], queryFn: ({ signal }) => sitesApi.list(sitesQuery, signal) });
  const crumbs = [{ label: 'Dashboard', to: '/' }, { label: 'Manufacturers', to: '/manufacturers' }];
  const m = record.data;
  if (!m) return <RecordState title="Manufacturer" breadcrumbs={[...crumbs, { label: 'Manufacturer' }]} error={record.error} onRetry={() => void record.refetch()} />;

  const refresh = async () => {
        await refreshAfter(queryClient, 'manufacturer');
  };

  return (
    <>
      <PageHeader
        title={m.name}
        breadcrumbs={[...crumbs, { label: m.name }]}
        description={m.archived ? <Badge color="gray">Archived {formatTimestamp(m.archived_at)}</Badge> : m.legal_name}
        actions={
          can.edit && (
            <>
              {!m.archived && (
                <Button variant="default" component={Link} to={`/manufacturers/${id}/edit`}>
                  Edit
                </Button>
              )}
              <ConfirmButton
                label={m.archived ? 'Restore' : 'Archive'}
                title={m.archived ? `Restore ${m.name}?` : `Archive ${m.name}?`}
                color={m.archived ? 'blue' : 'orange'}
                variant="default"
                onReload={() => void record.refetch()}
                onConfirm={async () => {
                  await manufacturersApi.update(id, { version: m.version, archived: !m.archived });
                  await refresh();
                }}
              >
                {m.archived
                  ? 'The manufacturer returns to the lists.'
                  : 'An archived manufacturer leaves the lists but keeps its history. Its sites are not changed. You can restore it later.'}
              </ConfirmButton>
              {can.remove && m.site_count === 0 && (
                <ConfirmButton
                  label="Delete"
                  title={`Delete ${m.name}?`}
                  onConfirm={async () => {
                    await manufacturersApi.remove(id);
                    await navigate('/manufacturers');
                    void refreshAfter(queryClient, 'manufacturer');
                  }}
                >
                  This manufacturer has no sites, so it can be deleted. The audit trail keeps the deleted record.
                </ConfirmButton>
              )}
              {!m.archived && (
                <Button component={Link} to={`/sites/new?manufacturer_id=${id}`}>
                  Add site
                </Button>
              )}
            </>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Field label="Legal name">{m.legal_name}</Field>
            <Field label="Country">{m.country && `${countryName(m.country)} (${m.country})`}</Field>
            <Field label="Website">
              {m.website && (
                <Anchor href={m.website.startsWith('http') ? m.website : `https://${m.website}`} target="_blank" rel="noopener noreferrer" size="sm">
                  {m.website}
                </Anchor>
              )}
            </Field>
            <Field label="Sites">{m.site_count}</Field>
          </SimpleGrid>
          {m.notes && (
            <Stack mt="md">
              <Field label="Notes">
                {m.notes}
              </Field>
            </Stack>
          )}
        </Paper>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Sites
          </Title>
          {sites.data && sites.data.total > 200 && <Alert color="gray">Showing the first 200 sites; use the Sites list to filter.</Alert>}
          <SitesTable
            rows={sites.data?.items}
            loading={sites.isFetching}
            error={sites.error}
            emptyTitle="No sites yet"
            emptyText={can.edit ? 'Add the factories of this manufacturer with "Add site".' : 'No site of this manufacturer is recorded.'}
            maxHeight="none"
            hideManufacturer
          />
        </Stack>
        {!m.archived && <SupplierAccountsPanel manufacturerId={id} sites={sites.data?.items ?? []} />}
      </Stack>
    </>
  );
}
