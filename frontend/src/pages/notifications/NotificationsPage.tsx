import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { notificationsApi, type Notification } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { formatCalendarDate, formatTimestamp } from '../../format/dates';
import { label } from '../../format/labels';

/** The signed-in user's reminders, newest first, each linking to its record. */
export default function NotificationsPage() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: ({ signal }) => notificationsApi.list({ page_size: 100 }, signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markAll = useMutation({ mutationFn: notificationsApi.markAllRead, onSuccess: refresh });
  const items = list.data?.items ?? [];
  const unread = items.some((n) => !n.read_at);
  return (
    <>
      <PageHeader
        title="Notifications"
        breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Notifications' }]}
        actions={
          <>
            <Button component={Link} to="/profile/notifications" variant="default">
              Notification settings
            </Button>
            <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!unread}>
              Mark all read
            </Button>
          </>
        }
      />
      <Stack gap="sm">
        <FormError error={list.error ?? markAll.error} />
        {list.isSuccess && items.length === 0 && (
          <Paper withBorder>
            <EmptyState title="No notifications">Reminders about expiring certificates, due inspections and overdue findings appear here.</EmptyState>
          </Paper>
        )}
        {items.map((n) => (
          <NotificationRow key={n.id} notification={n} onChanged={refresh} />
        ))}
      </Stack>
    </>
  );
}

function NotificationRow({ notification: n, onChanged }: { notification: Notification; onChanged: () => Promise<void> }) {
  const markRead = useMutation({ mutationFn: () => notificationsApi.markRead(n.id), onSuccess: onChanged });
  return (
    <Paper withBorder p="md" role="article" aria-label={n.title} bg={n.read_at ? undefined : 'blue.0'}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            {!n.read_at && (
              <Badge color="blue" size="sm">
                Unread
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {label(n.kind)} · {formatTimestamp(n.created_at)}
              {n.due_date ? ` · date ${formatCalendarDate(n.due_date)}` : ''}
            </Text>
          </Group>
          <Anchor component={Link} to={n.link} fw={n.read_at ? 500 : 700} onClick={() => !n.read_at && markRead.mutate()}>
            {n.title}
          </Anchor>
          {n.body && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
            </Text>
          )}
        </Stack>
        {!n.read_at && (
          <Button size="xs" variant="light" onClick={() => markRead.mutate()} loading={markRead.isPending}>
            Mark as read
          </Button>
        )}
      </Group>
    </Paper>
  );
}
