import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AuditEvent, AuditFieldChange } from '../api';
import { formatCalendarDate, formatTimestamp } from '../format/dates';
import { label } from '../format/labels';
import { DataTable } from './DataTable';
import { EmptyState } from './EmptyState';

/** A value as the reader's locale writes it: dates and timestamps through the one date formatter. */
export function auditValue(change: AuditFieldChange, v: string): string {
  if (!v) return '∅';
  if (change.kind === 'date') return formatCalendarDate(v);
  if (change.kind === 'timestamp') return formatTimestamp(v);
  return v;
}

/** Only what changed: "Label: before → after"; a creation lists what the record was created with. */
export function Changes({ event }: { event: AuditEvent }) {
  const fields = event.fields;
  if (fields.length === 0) return <Text size="xs" c="dimmed">—</Text>;
  const created = fields.every((f) => f.before === '');
  const deleted = fields.every((f) => f.after === '');
  return (
    <Stack gap={2}>
      {(created || deleted) && fields.length > 1 && (
        <Text size="xs" fw={600}>
          {deleted ? 'The record was:' : event.action.endsWith('.create') ? 'Created with:' : 'Details:'}
        </Text>
      )}
      {fields.map((f) => (
        <Text key={f.field} size="xs" style={{ overflowWrap: 'anywhere' }}>
          <Text span fw={600} size="xs">
            {f.label}
          </Text>
          {': '}
          {created ? (
            auditValue(f, f.after)
          ) : deleted ? (
            auditValue(f, f.before)
          ) : (
            <>
              <Text span size="xs" c="dimmed" td="line-through">
                {auditValue(f, f.before)}
              </Text>
              {' → '}
              <Text span size="xs">
                {auditValue(f, f.after)}
              </Text>
            </>
          )}
        </Text>
      ))}
    </Stack>
  );
}

function RecordCell({ event }: { event: AuditEvent }) {
  const r = event.record;
  if (!r) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <>
      <Text size="xs" c="dimmed">
        {r.type_label}
      </Text>
      {r.link ? (
        <Anchor component={Link} to={r.link} size="sm">
          {r.label}
        </Anchor>
      ) : (
        <Text size="sm">{r.label}</Text>
      )}
    </>
  );
}

export function AuditEventsTable({
  rows,
  loading,
  error,
  total,
  totalExact,
  onCountAll,
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
  totalExact?: boolean;
  onCountAll?: () => void;
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
      {...(totalExact !== undefined ? { totalExact } : {})}
      {...(onCountAll ? { onCountAll } : {})}
      {...(page !== undefined ? { page } : {})}
      {...(onPage ? { onPage } : {})}
      {...(maxHeight ? { maxHeight } : {})}
      empty={<EmptyState title="No events">{emptyText}</EmptyState>}
      columns={[
        { key: 'seq', header: '#', render: (e) => e.sequence, width: 60 },
        { key: 'when', header: 'When', render: (e) => <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(e.occurred_at)}</span> },
        {
          key: 'actor',
          header: 'Person',
          render: (e) => (
            <>
              <Text size="sm">{e.actor_name || e.actor_email || 'System'}</Text>
              <Text size="xs" c="dimmed">
                {label(e.actor_role)}
              </Text>
            </>
          ),
        },
        { key: 'action', header: 'What happened', render: (e) => <Text size="sm">{e.summary}</Text> },
        { key: 'entity', header: 'Record', render: (e) => <RecordCell event={e} /> },
        { key: 'changes', header: 'What changed (before → after)', render: (e) => <Changes event={e} /> },
      ]}
    />
  );
}
