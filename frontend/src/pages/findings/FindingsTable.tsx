import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Finding } from '../../api';
import { FindingStatusBadge, SeverityBadge } from '../../components/badges';
import type { Column } from '../../components/DataTable';
import { DueDate } from '../../components/DueDate';
import { label } from '../../format/labels';

export function findingColumns(withSite: boolean): Column<Finding>[] {
  const cols: Column<Finding>[] = [
    {
      key: 'description',
      header: 'Finding',
      render: (f) => (
        <>
          <Anchor component={Link} to={`/findings/${f.id}`} size="sm" fw={600} lineClamp={2}>
            {f.description}
          </Anchor>
          {f.requirement && (
            <Text size="xs" c="dimmed">
              {f.requirement}
            </Text>
          )}
        </>
      ),
    },
  ];
  if (withSite) cols.push({ key: 'site', header: 'Site', render: (f) => <Text size="sm" ff="monospace">{f.site_code}</Text> });
  cols.push(
    { key: 'severity', header: 'Severity', sortKey: 'severity', render: (f) => <SeverityBadge severity={f.severity} size="sm" /> },
    { key: 'category', header: 'Category', render: (f) => label(f.category), wide: true },
    { key: 'owner', header: 'Owner', render: (f) => f.owner },
    { key: 'due', header: 'Due', sortKey: 'due_date', render: (f) => <DueDate date={f.due_date} done={f.status === 'closed'} inline /> },
    { key: 'status', header: 'Status', sortKey: 'status', render: (f) => <FindingStatusBadge status={f.status} size="sm" /> },
  );
  return cols;
}

/** Overdue findings get a red edge, so the list reads at a glance. */
export function findingRowStyle(f: Finding) {
  return f.overdue ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)', background: 'var(--mantine-color-red-0)' } : undefined;
}
