import { Alert, Anchor, Button, Group, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { downloadFile, integrityApi, integrityValueLabel } from '../../api';
import { SeverityBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { formatCalendarDate } from '../../format/dates';
import { label } from '../../format/labels';

/**
 * The drift report: every product at an active site whose observed
 * firmware, golden sample, BOM or AVL differs from its baseline, or was not
 * observed within the site's inspection interval.
 */
export default function DriftPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [download, setDownload] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const drift = useQuery({
    queryKey: ['integrity-drift', page],
    queryFn: ({ signal }) => integrityApi.drift({ page, page_size: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  const d = drift.data;
  return (
    <>
      <PageHeader
        title="Integrity drift"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Integrity drift' }]}
        description={d ? `${d.total} of ${d.site_products} products at sites differ from their baseline or were not observed in time.` : undefined}
        actions={
          <Button
            variant="default"
            loading={download.busy}
            onClick={async () => {
              setDownload({ busy: true, error: null });
              try {
                await downloadFile('/reports/integrity-drift.xlsx', 'integrity-drift.xlsx');
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
        {d && d.items.length === 0 && <EmptyState title="No drift">Every product at every site matches its baseline and was observed in time.</EmptyState>}
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
            <Pagination total={Math.ceil(d.total / d.page_size)} value={page} onChange={(p) => setParams({ page: String(p) })} />
          </Group>
        )}
      </Stack>
    </>
  );
}
