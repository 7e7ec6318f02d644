import { Button, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';

export default function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: 'Not found' }]} />
      <Paper withBorder p="xl">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">There is no screen at this address. It may have moved, or the link may be mistyped.</Text>
          <Button component={Link} to="/" variant="light">
            Go to the dashboard
          </Button>
        </Stack>
      </Paper>
    </>
  );
}
