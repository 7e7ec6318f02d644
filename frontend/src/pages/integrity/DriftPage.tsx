import { Alert, Anchor, Button, Group, MultiSelect, Pagination, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { downloadFile, integrityApi, integrityValueLabel, productsApi } from '../../api';
import { queryString } from '../../api/resources';
import { SeverityBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { ClearFilters, ManufacturerFilter } from '../../components/ListFilters';
import { useListState } from '../../components/listState';
import { PageHeader } from '../../components/PageHeader';
import { SitePicker } from '../../components/SitePicker';
import { formatCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';

/**
 * The drift report: every product at an active site whose observed
 * firmware, golden sample, BOM or AVL differs from its baseline, or was not
 * observed within the site's inspection interval.
 */
const FILTERS = ['manufacturer_id', 'site_id', 'product_id', 'kind'] as const;

/** The kinds of drift, as the kind filter offers them. */
const KINDS = [
  { value: 'firmware', label: 'Firmware' },
  { value: 'golden_sample', label: 'Golden sample' },
  { value: 'bom', label: 'BOM revision' },
  { value: 'avl', label: 'AVL revision' },
  { value: 'aoi', label: 'X-ray/AOI' },
];

export default function DriftPage() {
  const list = useListState(FILTERS, '');
  const { filters, page } = list;
  const [download, setDownload] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const drift = useQuery({
    queryKey: ['integrity-drift', filters, page],
    queryFn: ({ signal }) => integrityApi.drift({ ...filters, page, page_size: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  const products = useQuery({
    queryKey: ['products', 'options'],
    queryFn: ({ signal }) => productsApi.list({ page_size: 200, sort: 'part_number' }, signal),
    staleTime: 60_000,
  });
  const productOptions = (products.data?.items ?? []).map((p) => ({
    value: String(p.id),
    label: `${p.part_number}${p.revision ? ` rev ${p.revision}` : ''} · ${p.name}`,
  }));
  const d = drift.data;
  return (
    <>
      <PageHeader
        title="Integrity drift"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Integrity drift' }]}
        description={
          d
            ? list.active
              ? `${d.total} products at sites match the filters, of ${d.site_products} checked.`
              : `${d.total} of ${d.site_products} products at sites differ from their baseline or were not observed in time.`
            : undefined
        }
        actions={
          <Button
            variant="default"
            loading={download.busy}
            onClick={async () => {
              setDownload({ busy: true, error: null });
              try {
                await downloadFile('/reports/integrity-drift.xlsx' + queryString(filters), 'integrity-drift.xlsx');
                setDownload({ busy: false, error: null });
              } catch (error) {
                setDownload({ busy: false, error });
              }
            }}
          >
            Download spreadsheet
          </Button>
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <ManufacturerFilter list={list} />
          <SitePicker
            value={filters.site_id ? Number(filters.site_id) : null}
            onChange={(id) => list.setFilter('site_id', id ? String(id) : null)}
            clearable
            placeholder="Any"
            w={240}
          />
          <Select
            label="Product"
            placeholder="Any"
            data={productOptions}
            value={filters.product_id || null}
            onChange={(v) => list.setFilter('product_id', v)}
            clearable
            searchable
            w={260}
          />
          <MultiSelect
            label="Kind of drift"
            placeholder={filters.kind ? undefined : 'Any'}
            data={KINDS}
            value={filters.kind ? filters.kind.split(',') : []}
            onChange={(v) => list.setFilter('kind', v.length ? v.join(',') : null)}
            clearable
            w={260}
          />
          <ClearFilters list={list} />
        </Group>
        {download.error ? (
          <Alert color="red" variant="light" role="alert">
            {(download.error as Error).message}
          </Alert>
        ) : null}
        {drift.error && (
          <Alert color="red" variant="light" role="alert">
            {drift.error.message}
          </Alert>
        )}
        {d && d.items.length === 0 && !list.active && <EmptyState title="No drift">Every product at every site matches its baseline and was observed in time.</EmptyState>}
        {d && d.items.length === 0 && list.active && <EmptyState title="No drift matches the filters">No product at a site drifts in the way the filters ask.</EmptyState>}
        {d && d.items.length > 0 && (
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table fz="sm" verticalSpacing={6} miw={860} stickyHeader aria-label="Integrity drift">
              <Table.Thead bg="gray.1">
                <Table.Tr>
                  <Table.Th scope="col">Site</Table.Th>
                  <Table.Th scope="col">Product</Table.Th>
                  <Table.Th scope="col">Value</Table.Th>
                  <Table.Th scope="col">Severity</Table.Th>
                  <Table.Th scope="col">What differs</Table.Th>
                  <Table.Th scope="col">Observed on</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.flatMap((r) =>
                  r.items.map((it, i) => (
                    <Table.Tr key={`${r.site_product_id}-${i}`}>
                      {i === 0 && (
                        <>
                          <Table.Td rowSpan={r.items.length} style={{ verticalAlign: 'top' }}>
                            <Anchor component={Link} to={`/sites/${r.site_id}/integrity`} fw={600} size="sm">
                              {r.site_code}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {r.site_name} · {r.manufacturer}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {label(r.risk_tier)} risk
                            </Text>
                          </Table.Td>
                          <Table.Td rowSpan={r.items.length} style={{ verticalAlign: 'top' }}>
                            {r.part_number}
                            {r.revision ? ` rev ${r.revision}` : ''}
                            <Text size="xs" c="dimmed">
                              {r.product_name}
                            </Text>
                          </Table.Td>
                        </>
                      )}
                      <Table.Td>{integrityValueLabel(it.kind, it.component)}</Table.Td>
                      <Table.Td>
                        <SeverityBadge severity={it.severity} size="sm" />
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{it.problem}</Table.Td>
                      <Table.Td>{formatCalendarDate(it.observed_on)}</Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        {d && d.total > d.page_size && (
          <Group justify="flex-end">
            <Pagination total={Math.ceil(d.total / d.page_size)} value={page} onChange={list.setPage} />
          </Group>
        )}
      </Stack>
    </>
  );
}
