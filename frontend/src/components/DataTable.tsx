import { Box, Button, Center, Group, Loader, Pagination, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { CSSProperties, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { nextSort } from './listState';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The API's sort field; absent when the column cannot be sorted. */
  sortKey?: string;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  /** Hide on narrow screens (tablet portrait). */
  wide?: boolean;
}

interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  /** Where a row click goes; the first cell should also hold a link for keyboard users. */
  rowHref?: (row: T) => string;
  sort?: string;
  onSort?: (sort: string) => void;
  loading?: boolean;
  error?: Error | null;
  /** Offered as a Retry button when the list failed to load. */
  onRetry?: () => void;
  empty: ReactNode;
  total?: number;
  /** False when the server stopped counting: more than `total` rows match. */
  totalExact?: boolean;
  /** Offered as a "Count all" button while the total is not exact. */
  onCountAll?: () => void;
  page?: number;
  pageSize?: number;
  onPage?: (page: number) => void;
  rowStyle?: (row: T) => CSSProperties | undefined;
  /** Max height of the scroll area; the header row sticks at its top. */
  maxHeight?: string;
}

function SortIcon({ dir }: { dir: 'asc' | 'desc' | null }) {
  if (dir === 'asc') return <IconArrowUp size={14} aria-hidden />;
  if (dir === 'desc') return <IconArrowDown size={14} aria-hidden />;
  return <IconArrowsSort size={14} aria-hidden style={{ opacity: 0.35 }} />;
}

/**
 * A dense, spreadsheet-like table: sticky header, sortable columns (aria-sort),
 * row click opens the record, server-side pages of 50.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowHref,
  sort,
  onSort,
  loading,
  error,
  onRetry,
  empty,
  total,
  totalExact = true,
  onCountAll,
  page = 1,
  pageSize = 50,
  onPage,
  rowStyle,
  maxHeight = 'calc(100dvh - 250px)',
}: DataTableProps<T>) {
  const navigate = useNavigate();
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / pageSize)) : 1;
  const from = total ? (page - 1) * pageSize + 1 : 0;
  const to = total ? Math.min(total, page * pageSize) : 0;

  return (
    <Paper withBorder radius="sm">
      <Box style={{ overflow: 'auto', maxHeight, minHeight: 120 }}>
        <Table
          stickyHeader
          highlightOnHover={!!rowHref}
          verticalSpacing={6}
          horizontalSpacing="sm"
          fz="sm"
          striped="even"
          stripedColor="var(--mantine-color-gray-0)"
          style={{ minWidth: 640 }}
        >
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left', position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
            {caption}
          </Table.Caption>
          <Table.Thead style={{ zIndex: 2 }}>
            <Table.Tr>
              {columns.map((col) => {
                const dir = col.sortKey && sort ? (sort === col.sortKey ? 'asc' : sort === `-${col.sortKey}` ? 'desc' : null) : null;
                return (
                  <Table.Th
                    key={col.key}
                    scope="col"
                    w={col.width}
                    ta={col.align}
                    visibleFrom={col.wide ? 'md' : undefined}
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : col.sortKey ? 'none' : undefined}
                    bg="gray.1"
                    style={{ whiteSpace: 'nowrap', fontSize: 'var(--mantine-font-size-xs)', textTransform: 'uppercase', letterSpacing: '0.03em' }}
                  >
                    {col.sortKey && onSort && sort !== undefined ? (
                      <UnstyledButton
                        onClick={() => onSort(nextSort(sort, col.sortKey!))}
                        fz="xs"
                        fw={700}
                        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, textTransform: 'uppercase', letterSpacing: '0.03em' }}
                      >
                        {col.header}
                        <SortIcon dir={dir} />
                      </UnstyledButton>
                    ) : (
                      col.header
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows?.map((row) => {
              const href = rowHref?.(row);
              return (
                <Table.Tr
                  key={rowKey(row)}
                  onClick={
                    href
                      ? (e) => {
                          // Let links, buttons and text selection inside the row work as they are.
                          const target = e.target as HTMLElement;
                          if (target.closest('a,button,input,label') || window.getSelection()?.toString()) return;
                          void navigate(href);
                        }
                      : undefined
                  }
                  style={{ cursor: href ? 'pointer' : undefined, ...rowStyle?.(row) }}
                >
                  {columns.map((col) => (
                    <Table.Td key={col.key} ta={col.align} visibleFrom={col.wide ? 'md' : undefined}>
                      {col.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {loading && !rows && (
          <Center py="xl">
            <Loader size="sm" aria-label="Loading" />
          </Center>
        )}
        {error && (
          <Group p="md" gap="sm" role="alert">
            <Text c="red.8" size="sm">
              The list could not be loaded: {error.message}
            </Text>
            {onRetry && (
              <Button size="xs" variant="default" onClick={onRetry} loading={loading}>
                Retry
              </Button>
            )}
          </Group>
        )}
        {rows && rows.length === 0 && !error && empty}
      </Box>
      {total !== undefined && (
        <Group justify="space-between" px="sm" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="xs" c="dimmed" aria-live="polite">
            {total === 0 ? 'No records' : `${from}–${to} of ${totalExact ? total.toLocaleString('en') : `more than ${total.toLocaleString('en')}`}`}
            {loading && rows ? ' · updating…' : ''}
          </Text>
          {!totalExact && onCountAll && (
            <Button size="compact-xs" variant="subtle" onClick={onCountAll} loading={loading}>
              Count all
            </Button>
          )}
          {pages > 1 && onPage && (
            <Pagination
              total={pages}
              value={page}
              onChange={onPage}
              size="sm"
              withEdges={totalExact}
              boundaries={totalExact ? 1 : 0}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
              getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            />
          )}
        </Group>
      )}
    </Paper>
  );
}
