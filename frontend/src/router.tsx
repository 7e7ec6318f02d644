import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { WRITER_ROLES } from './api';
import { AppLayout } from './components/AppLayout';
import { FullPageLoader } from './components/FullPageMessage';
import { RequireAuth } from './components/RequireAuth';
import { RequireRole } from './components/RequireRole';
import { RouteError } from './components/RouteError';

// One chunk per screen: a user downloads only the screens they open.
const SignInPage = lazy(() => import('./pages/sign-in/SignInPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const ManufacturersPage = lazy(() => import('./pages/manufacturers/ManufacturersPage'));
const SitesPage = lazy(() => import('./pages/sites/SitesPage'));
const InspectionsPage = lazy(() => import('./pages/inspections/InspectionsPage'));
const FindingsPage = lazy(() => import('./pages/findings/FindingsPage'));
const CertificationsPage = lazy(() => import('./pages/certifications/CertificationsPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const AuditTrailPage = lazy(() => import('./pages/audit-trail/AuditTrailPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const ChangePasswordPage = lazy(() => import('./pages/change-password/ChangePasswordPage'));
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage'));

export const router = createBrowserRouter([
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={<FullPageLoader />}>
        <SignInPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'manufacturers', element: <ManufacturersPage /> },
      { path: 'sites', element: <SitesPage /> },
      { path: 'inspections', element: <InspectionsPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'certifications', element: <CertificationsPage /> },
      { path: 'reports', element: <ReportsPage /> },
      {
        path: 'import',
        element: (
          <RequireRole roles={WRITER_ROLES} title="Import">
            <ImportPage />
          </RequireRole>
        ),
      },
      { path: 'audit-trail', element: <AuditTrailPage /> },
      {
        path: 'users',
        element: (
          <RequireRole roles={['admin']} title="Users">
            <UsersPage />
          </RequireRole>
        ),
      },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
