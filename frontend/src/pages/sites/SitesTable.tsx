import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Site } from '../../api';
import { QualificationBadge, RiskBadge } from '../../components/badges';
import { DataTable, type Column } from '../../components/DataTable';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';

export const siteColumns: Column<Site>[] = [
  {
    key: 'code',
    header: 'Code',
    sortKey: 'code',
    render: (s) => (
      <Anchor component={Link} to={`/sites/${s.id}`} fw={600} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {s.code}
      </Anchor>
    ),
  },
  {
    key: 'name',
    header: 'Site',
    sortKey: 'name',
    render: (s) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm" lineClamp={2}>
          {s.name}
        </Text>
        {s.archived && (
          <Badge size="xs" color="gray" variant="outline">
            Archived
          </Badge>
        )}
      </Group>
    ),
  },
  { key: 'manufacturer', header: 'Manufacturer', sortKey: 'manufacturer', render: (s) => s.manufacturer_name, wide: true },
  { key: 'country', header: 'Country', sortKey: 'country', render: (s) => s.country },
  { key: 'risk', header: 'Risk', sortKey: 'risk_tier', render: (s) => <RiskBadge tier={s.risk_tier} size="sm" /> },
  { key: 'status', header: 'Status', sortKey: 'qualification_status', render: (s) => <QualificationBadge status={s.qualification_status} size="sm" /> },
  {
    key: 'due',
    header: 'Next inspection due',
    sortKey: 'next_inspection_due',
    render: (s) => <DueDate date={s.next_inspection_due} done={!s.overdue && !!s.next_planned_date} inline />,
  },
  {
    key: 'findings',
    header: 'Open findings',
    render: (s) => {
      const f = s.open_findings;
      const total = f.critical + f.major + f.minor + f.observation;
      if (total === 0) return <Text size="sm" c="dimmed">0</Text>;
      return (
        <Text size="sm" c={f.critical > 0 ? 'red.8' : f.major > 0 ? 'orange.8' : undefined} fw={f.critical + f.major > 0 ? 600 : 400}>
          {total}
          {f.critical + f.major > 0 && ` (${[f.critical && `${f.critical} critical`, f.major && `${f.major} major`].filter(Boolean).join(', ')})`}
        </Text>
      );
    },
    wide: true,
  },
];

export function SitesTable({
  rows,
  loading,
  error,
  emptyTitle,
  emptyText,
  maxHeight,
  hideManufacturer = false,
}: {
  rows: Site[] | undefined;
  loading: boolean;
  error: Error | null;
  emptyTitle: string;
  emptyText: string;
  maxHeight?: string;
  /** On a manufacturer's page every row has the same one. */
  hideManufacturer?: boolean;
}) {
  return (
    <DataTable
      caption="Sites"
      columns={hideManufacturer ? siteColumns.filter((c) => c.key !== 'manufacturer') : siteColumns}
      rows={rows}
      rowKey={(s) => s.id}
      rowHref={(s) => `/sites/${s.id}`}
      loading={loading}
      error={error}
      empty={<EmptyState title={emptyTitle}>{emptyText}</EmptyState>}
      {...(maxHeight ? { maxHeight } : {})}
    />
  );
}
