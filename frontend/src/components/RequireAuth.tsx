import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { meQuery } from '../api';
import { CurrentUserProvider } from './CurrentUser';
import { FullPageLoader, FullPageMessage } from './FullPageMessage';
import { signInPath } from './redirect';

/** Renders its children for a signed-in user; sends everyone else to /sign-in?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useQuery(meQuery);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError && me.data === undefined) {
    return (
      <FullPageMessage title="qualtrack is not reachable" actionLabel="Try again" onAction={() => void me.refetch()}>
        {me.error.message}
      </FullPageMessage>
    );
  }
  if (!me.data) {
    return <Navigate to={signInPath(location.pathname + location.search + location.hash)} replace />;
  }
  return <CurrentUserProvider value={me.data}>{children}</CurrentUserProvider>;
}
