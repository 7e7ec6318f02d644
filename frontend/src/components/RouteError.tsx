import { useRouteError } from 'react-router-dom';
import { FullPageMessage } from './FullPageMessage';

/**
 * Shown when a screen fails to render or its code cannot be loaded. After a
 * deploy, an open tab may ask for a chunk that no longer exists: reloading fixes it.
 */
export function RouteError() {
  const error = useRouteError();
  const chunkMissing =
    error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  return (
    <FullPageMessage
      title={chunkMissing ? 'qualtrack was updated' : 'Something went wrong'}
      actionLabel="Reload the page"
      onAction={() => window.location.reload()}
    >
      {chunkMissing
        ? 'A newer version of qualtrack is available. Reload the page to continue.'
        : 'This screen could not be shown. Reload the page; if it happens again, tell your administrator what you were doing.'}
    </FullPageMessage>
  );
}
