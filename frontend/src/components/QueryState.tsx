import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { isApiError } from '../api';
import { PageHeader, type Crumb } from './PageHeader';

/** Loading and failure for a record page, with the page header kept in place. */
export function RecordState({ title, breadcrumbs, error, onRetry }: { title: string; breadcrumbs: Crumb[]; error: Error | null; onRetry: () => void }) {
  return (
    <>
      <PageHeader title={title} breadcrumbs={breadcrumbs} />
      {error ? (
        <Alert color={isApiError(error, 404) ? 'gray' : 'red'} role="alert" title={isApiError(error, 404) ? 'Not found' : 'Could not load'}>
          <Stack gap="xs">
            <Text size="sm">{isApiError(error, 404) ? 'This record does not exist or was deleted.' : error.message}</Text>
            {!isApiError(error, 404) && (
              <Button size="xs" variant="default" w="fit-content" onClick={onRetry}>
                Try again
              </Button>
            )}
          </Stack>
        </Alert>
      ) : (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      )}
    </>
  );
}
