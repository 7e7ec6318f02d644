import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** What an empty list says: what is missing and what to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap={6} py="xl" px="md" ta="center" data-testid="empty-state">
      <Title order={2} size="h5">
        {title}
      </Title>
      {children && (
        <Text size="sm" c="dimmed" maw={520}>
          {children}
        </Text>
      )}
      {action}
    </Stack>
  );
}
