import type { ReactNode } from 'react';
import type { Role } from '../api';
import { label } from '../format/labels';
import { useCurrentUser } from './CurrentUser';
import { PageHeader } from './PageHeader';
import { Alert } from '@mantine/core';

/** Hides a screen from roles that may not use it. The server refuses them anyway. */
export function RequireRole({ roles, title, children }: { roles: readonly Role[]; title: string; children: ReactNode }) {
  const user = useCurrentUser();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <>
      <PageHeader title={title} breadcrumbs={[{ label: 'Dashboard', to: '/' }, { label: title }]} />
      <Alert color="gray" title="Not available for your role">
        Your role ({label(user.role)}) cannot open this screen. Ask an administrator if you need it.
      </Alert>
    </>
  );
}
