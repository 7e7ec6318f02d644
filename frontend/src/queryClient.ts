import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, meQueryKey } from './api';

/**
 * One client for the app. Any 401 means the session may have ended (logout in
 * another tab, expired auditor login, disabled user): ask /auth/me again, and
 * when it answers "no session" RequireAuth sends the user to sign in.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // fetchMe turns its own 401 into null, so this never loops on /auth/me.
      onError: (error) => {
        if (isApiError(error, 401)) void client.invalidateQueries({ queryKey: meQueryKey });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isApiError(error, 401)) void client.invalidateQueries({ queryKey: meQueryKey });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) =>
          failureCount < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
