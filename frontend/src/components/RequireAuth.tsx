import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { meQuery } from '../api';
import { CurrentUserProvider } from './CurrentUser';
import { FullPageLoader, FullPageMessage } from './FullPageMessage';
import { signInPath } from './redirect';

const SECURITY_PATH = '/profile/security';
const PASSWORD_PATH = '/account/password';

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
  // A password an administrator set must be replaced first; the server
  // refuses everything else until then.
  if (me.data.must_change_password && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  if (!me.data.must_change_password && me.data.totp_enrolment_required && location.pathname !== SECURITY_PATH) {
    return <Navigate to={SECURITY_PATH} replace />;
  }
  // A supplier has the supplier portal, not the register's screens (the
  // server refuses those to it anyway).
  if (me.data.role === 'supplier' && !location.pathname.startsWith('/supplier') && location.pathname !== PASSWORD_PATH && location.pathname !== SECURITY_PATH) {
    return <Navigate to="/supplier" replace />;
  }
  return <CurrentUserProvider value={me.data}>{children}</CurrentUserProvider>;
}
