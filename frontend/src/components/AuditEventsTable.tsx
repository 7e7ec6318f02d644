import { Anchor, Code, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AuditEvent } from '../api';
import { formatTimestamp } from '../format/dates';
import { DataTable } from './DataTable';
import { EmptyState } from './EmptyState';

const ENTITY_PATH: Record<string, string> = {
  site: '/sites',
  manufacturer: '/manufacturers',
  inspection: '/inspections',
  finding: '/findings',
  certification: '/certifications',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** {field: [old, new]} as "field: old → new" lines; {"deleted": record} as the record. */
export function Changes({ changes }: { changes: AuditEvent['changes'] }) {
  if (!changes || Object.keys(changes).length === 0) return <Text size="xs" c="dimmed">—</Text>;
  if ('deleted' in changes && Object.keys(changes).length === 1) {
    return (
      <Stack gap={2}>
        <Text size="xs" fw={600}>
          Deleted record:
        </Text>
        <Code block fz="xs" style={{ maxWidth: 480, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {JSON.stringify(changes.deleted, null, 1)}
        </Code>
      </Stack>
    );
  }
  const entries = Object.entries(changes);
  // A created record has no old values: list what it was created with.
  const created = entries.every(([, pair]) => Array.isArray(pair) && pair.length === 2 && pair[0] === null);
  if (created) {
    return (
      <Stack gap={2}>
        <Text size="xs" fw={600}>
          Created with:
        </Text>
        {entries
          .filter(([, pair]) => (pair as unknown[])[1] !== null && (pair as unknown[])[1] !== '')
          .map(([field, pair]) => (
            <Text key={field} size="xs" style={{ overflowWrap: 'anywhere' }}>
              <Text span fw={600} size="xs">
                {field}
              </Text>
              {': '}
              {show((pair as unknown[])[1])}
            </Text>
          ))}
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      {entries.map(([field, pair]) => {
        const [before, after] = Array.isArray(pair) && pair.length === 2 ? pair : [undefined, pair];
        return (
          <Text key={field} size="xs" style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={600} size="xs">
              {field}
            </Text>
            {': '}
            <Text span size="xs" c="dimmed" td={before !== undefined ? 'line-through' : undefined}>
              {before !== undefined ? show(before) : ''}
            </Text>
            {before !== undefined ? ' → ' : ''}
            <Text span size="xs">
              {show(after)}
            </Text>
          </Text>
        );
      })}
    </Stack>
  );
}

export function AuditEventsTable({
  rows,
  loading,
  error,
  total,
  page,
  onPage,
  emptyText,
  maxHeight,
  onRetry,
}: {
  rows: AuditEvent[] | undefined;
  loading: boolean;
  error: Error | null;
  total?: number;
  page?: number;
  onPage?: (p: number) => void;
  emptyText: string;
  maxHeight?: string;
  onRetry?: () => void;
}) {
  return (
    <DataTable
      caption="Audit events"
      rows={rows}
      rowKey={(e) => e.id}
      loading={loading}
      error={error}
      {...(onRetry ? { onRetry } : {})}
      {...(total !== undefined ? { total } : {})}
      {...(page !== undefined ? { page } : {})}
      {...(onPage ? { onPage } : {})}
      {...(maxHeight ? { maxHeight } : {})}
      empty={<EmptyState title="No events">{emptyText}</EmptyState>}
      columns={[
        { key: 'seq', header: '#', render: (e) => e.sequence, width: 60 },
        { key: 'when', header: 'When', render: (e) => <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(e.occurred_at)}</span> },
        {
          key: 'actor',
          header: 'Actor',
          render: (e) => (
            <>
              <Text size="sm">{e.actor_email || 'system'}</Text>
              <Text size="xs" c="dimmed">
                {e.actor_role}
              </Text>
            </>
          ),
        },
        { key: 'action', header: 'Action', render: (e) => <Code fz="xs">{e.action}</Code> },
        {
          key: 'entity',
          header: 'Record',
          render: (e) => {
            const base = ENTITY_PATH[e.entity_type];
            const text = `${e.entity_type} ${e.entity_id ?? ''}`;
            return base && e.entity_id && !e.action.endsWith('.delete') ? (
              <Anchor component={Link} to={`${base}/${e.entity_id}`} size="sm">
                {text}
              </Anchor>
            ) : (
              <Group gap={4}>
                <Text size="sm">{text}</Text>
              </Group>
            );
          },
        },
        { key: 'changes', header: 'Changes (old → new)', render: (e) => <Changes changes={e.changes} /> },
      ]}
    />
  );
}
