import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function FullPageLoader({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center h="100vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

interface FullPageMessageProps {
  title: string;
  children: ReactNode;
  actionLabel?: string;
  onAction?: () => void;
}

/** A message that replaces the whole page: the server is unreachable, a build is stale. */
export function FullPageMessage({ title, children, actionLabel, onAction }: FullPageMessageProps) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="xs" p="xl" maw={460} w="100%" role="alert">
        <Stack gap="sm">
          <Title order={1} size="h3">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {children}
          </Text>
          {actionLabel && onAction && (
            <Button onClick={onAction} w="fit-content">
              {actionLabel}
            </Button>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
