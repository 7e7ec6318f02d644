import { Anchor, Box, Breadcrumbs, Group, Text, Title } from '@mantine/core';
import { useCallback, useEffect, type ReactNode } from 'react';
import { headingMounted } from './headingFocus';
import { Link } from 'react-router-dom';

export interface Crumb {
  label: string;
  /** Absent for the current page. */
  to?: string;
}

interface PageHeaderProps {
  title: string;
  breadcrumbs: Crumb[];
  description?: ReactNode;
  /** The page's primary action (and secondary ones), shown on the right. */
  actions?: ReactNode;
}

/** The one header every screen uses: breadcrumbs, title, primary action on the right. */
export function PageHeader({ title, breadcrumbs, description, actions }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · qualtrack`;
  }, [title]);
  const headingRef = useCallback((el: HTMLHeadingElement | null) => headingMounted(el), []);

  return (
    <Box component="header" mb="lg">
      <Box component="nav" aria-label="Breadcrumb" mb={6}>
        <Breadcrumbs separator="/" separatorMargin={6} fz="sm">
          {breadcrumbs.map((crumb, i) =>
            crumb.to ? (
              <Anchor key={i} component={Link} to={crumb.to} size="sm" c="dimmed">
                {crumb.label}
              </Anchor>
            ) : (
              <Text key={i} size="sm" c="dimmed" aria-current={i === breadcrumbs.length - 1 ? 'page' : undefined}>
                {crumb.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      </Box>
      <Group justify="space-between" align="flex-start" gap="sm" style={{ rowGap: 8 }}>
        <Box style={{ flex: '1 1 340px', minWidth: 0 }}>
          <Title order={1} ref={headingRef}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={4} component="div">
              {description}
            </Text>
          )}
        </Box>
        {actions && (
          <Group gap="xs" justify="flex-end" style={{ flex: '0 1 auto' }}>
            {actions}
          </Group>
        )}
      </Group>
    </Box>
  );
}
