import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { CHANGE_KIND_LABELS, changeNotificationsApi, type ChangeNotification, type ChangeStatus } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ClearFilters } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { useListScreen } from '../../components/useListScreen';
import { usePermissions } from '../../components/permissions';
import { formatCalendarDate } from '../../format/dates';
import { RecordChangeModal } from './RecordChangeModal';

const FILTERS = ['status'] as const;

export const CHANGE_STATUS_COLOR = { pending: 'orange', approved: 'green', approved_with_conditions: 'yellow', rejected: 'red' } as const;
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
};

export const changeColumns: Column<ChangeNotification>[] = [
  {
    key: 'title',
    header: 'Change',
    render: (c) => (
      <>
        <Text size="sm" fw={600}>
          {c.title}
        </Text>
        <Text size="xs" c="dimmed">
          {CHANGE_KIND_LABELS[c.kind]}
          {c.retroactive ? ' · found on site, not notified' : ''}
        </Text>
      </>
    ),
  },
  { key: 'manufacturer', header: 'Manufacturer', render: (c) => c.manufacturer_name },
  { key: 'sites', header: 'Sites', render: (c) => <Text size="sm" ff="monospace">{c.sites.map((s) => s.code).join(', ')}</Text> },
  { key: 'planned', header: 'Planned', sortKey: 'planned_date', render: (c) => (c.planned_date ? formatCalendarDate(c.planned_date) : '') },
  {
    key: 'status',
    header: 'Decision',
    sortKey: 'status',
    render: (c) => (
      <Badge color={CHANGE_STATUS_COLOR[c.status]} variant="light">
        {CHANGE_STATUS_LABELS[c.status]}
      </Badge>
    ),
  },
];

/** The manufacturers' change notifications, newest first. */
export default function ChangeNotificationsPage() {
  const { list, table } = useListScreen('change-notifications', FILTERS, '-created_at', (params, signal) => changeNotificationsApi.list(params, signal));
  const can = usePermissions();
  const [recording, setRecording] = useState(false);
  return (
    <>
      <PageHeader
        title="Change notifications"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Change notifications' }]}
        description="Changes the manufacturers notified (or that were found on site), and the decisions on them."
        actions={can.edit && <Button onClick={() => setRecording(true)}>Record a change</Button>}
      />
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <Select
            label="Decision"
            placeholder="Any"
            data={Object.entries(CHANGE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            value={list.filters.status || null}
            onChange={(v) => list.setFilter('status', v)}
            clearable
            w={220}
          />
          <ClearFilters list={list} />
        </Group>
        <DataTable
          {...table}
          caption="Change notifications"
          columns={changeColumns}
          rowKey={(c) => c.id}
          rowHref={(c) => `/change-notifications/${c.id}`}
          empty={
            <EmptyState title="No change notification">
              {list.filters.status ? 'None matches the filter.' : 'Manufacturers notify changes in their portal; record one they told you of another way with "Record a change".'}
            </EmptyState>
          }
        />
      </Stack>
      <RecordChangeModal opened={recording} onClose={() => setRecording(false)} />
    </>
  );
}
