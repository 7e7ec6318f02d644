import { Badge, Button } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { notificationsApi } from '../api/notifications';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** The header's bell: the unread count, refreshed every minute; opens the list. */
export function NotificationsBell() {
  const unread = useQuery({ queryKey: unreadCountKey, queryFn: ({ signal }) => notificationsApi.unreadCount(signal), refetchInterval: 60_000 });
  const count = unread.data?.count ?? 0;
  return (
    <Button
      component={Link}
      to="/notifications"
      variant="default"
      size="xs"
      leftSection={<IconBell size={16} stroke={1.6} />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" color="red" circle={count < 10} aria-label={`${count} unread`}>
            {count > 99 ? '99+' : count}
          </Badge>
        ) : undefined
      }
    >
      Notifications
    </Button>
  );
}
