import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PageHeader, type Crumb } from './PageHeader';

interface ComingSoonProps {
  title: string;
  breadcrumbs?: Crumb[];
  /** What the screen will let people do, in a sentence or two. */
  children: ReactNode;
}

/** A placeholder screen: the page header and a note that the screen is coming. */
export function ComingSoon({ title, breadcrumbs, children }: ComingSoonProps) {
  const crumbs = breadcrumbs ?? [{ label: 'Dashboard', to: '/' }, { label: title }];
  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <Paper withBorder p="xl" radius="md">
        <Stack align="center" gap="xs" py="lg" maw={520} mx="auto" ta="center">
          <ThemeIcon variant="light" size={44} radius="xl" color="gray">
            <IconTools size={22} stroke={1.6} />
          </ThemeIcon>
          <Title order={2} size="h4">
            This screen is coming
          </Title>
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        </Stack>
      </Paper>
    </>
  );
}
