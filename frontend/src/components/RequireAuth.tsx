import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { meQuery } from '../api';
import { CurrentUserProvider } from './CurrentUser';
import { FullPageLoader, FullPageMessage } from './FullPageMessage';
import { signInPath } from './redirect';

const SECURITY_PATH = '/profile/security';

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
  // A role that must use two-factor sign-in gets a session that can only
  // enrol; every other screen would answer 403, so keep the user on enrolment.
  if (me.data.totp_enrolment_required && location.pathname !== SECURITY_PATH) {
    return <Navigate to={SECURITY_PATH} replace />;
  }
  return <CurrentUserProvider value={me.data}>{children}</CurrentUserProvider>;
}
