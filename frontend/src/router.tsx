import { lazy, Suspense, type ReactNode } from 'react';
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
const ManufacturerPage = lazy(() => import('./pages/manufacturers/ManufacturerPage'));
const ManufacturerFormPage = lazy(() => import('./pages/manufacturers/ManufacturerFormPage'));
const SitesPage = lazy(() => import('./pages/sites/SitesPage'));
const SitePage = lazy(() => import('./pages/sites/SitePage'));
const SiteFormPage = lazy(() => import('./pages/sites/SiteFormPage'));
const InspectionsPage = lazy(() => import('./pages/inspections/InspectionsPage'));
const InspectionPage = lazy(() => import('./pages/inspections/InspectionPage'));
const InspectPage = lazy(() => import('./pages/inspect/InspectPage'));
const CalendarPage = lazy(() => import('./pages/inspections/CalendarPage'));
const FindingsPage = lazy(() => import('./pages/findings/FindingsPage'));
const FindingPage = lazy(() => import('./pages/findings/FindingPage'));
const CertificationsPage = lazy(() => import('./pages/certifications/CertificationsPage'));
const CertificationPage = lazy(() => import('./pages/certifications/CertificationPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const AuditTrailPage = lazy(() => import('./pages/audit-trail/AuditTrailPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const WebhooksPage = lazy(() => import('./pages/webhooks/WebhooksPage'));
const ChangePasswordPage = lazy(() => import('./pages/change-password/ChangePasswordPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('./pages/profile/NotificationSettingsPage'));
const SecurityPage = lazy(() => import('./pages/profile/SecurityPage'));
const ProductsPage = lazy(() => import('./pages/integrity/ProductsPage'));
const ProductPage = lazy(() => import('./pages/integrity/ProductPage'));
const SiteIntegrityPage = lazy(() => import('./pages/integrity/SiteIntegrityPage'));
const DriftPage = lazy(() => import('./pages/integrity/DriftPage'));
const IncidentsPage = lazy(() => import('./pages/integrity/IncidentsPage'));
const IncidentPage = lazy(() => import('./pages/integrity/IncidentsPage').then((m) => ({ default: m.IncidentPage })));
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage'));
const CorrectiveActionsPage = lazy(() => import('./pages/corrective-actions/CorrectiveActionsPage'));
const ChangeNotificationsPage = lazy(() => import('./pages/change-notifications/ChangeNotificationsPage'));
const ChangeNotificationPage = lazy(() => import('./pages/change-notifications/ChangeNotificationPage'));
const InvitationPage = lazy(() => import('./pages/invitation/InvitationPage'));
const SupplierLayout = lazy(() => import('./pages/supplier/SupplierLayout'));
const SupplierHomePage = lazy(() => import('./pages/supplier/SupplierHomePage'));
const SupplierRequestPage = lazy(() => import('./pages/supplier/SupplierRequestPage'));
const SupplierChangePage = lazy(() => import('./pages/supplier/SupplierChangePage'));
const SupplierChangeDetailPage = lazy(() => import('./pages/supplier/SupplierChangeDetailPage'));
const SupplierAssessmentPage = lazy(() => import('./pages/supplier/SupplierAssessmentPage'));
const SelfAssessmentsPage = lazy(() => import('./pages/self-assessments/SelfAssessmentsPage'));
const SelfAssessmentPage = lazy(() => import('./pages/self-assessments/SelfAssessmentPage'));

const writersOnly = (title: string, page: ReactNode) => (
  <RequireRole roles={WRITER_ROLES} title={title}>
    {page}
  </RequireRole>
);

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
  // Back from the identity provider (single sign-on): the sign-in page
  // completes the sign-in, or says why it failed.
  {
    path: '/sso/callback',
    element: (
      <Suspense fallback={<FullPageLoader />}>
        <SignInPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/invitation',
    element: (
      <Suspense fallback={<FullPageLoader />}>
        <InvitationPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  // The supplier portal: a frame of its own, for suppliers only.
  {
    path: '/supplier',
    element: (
      <RequireAuth>
        <RequireRole roles={['supplier']} title="Supplier portal">
          <Suspense fallback={<FullPageLoader />}>
            <SupplierLayout />
          </Suspense>
        </RequireRole>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <SupplierHomePage /> },
      { path: 'requests/:id', element: <SupplierRequestPage /> },
      { path: 'changes/new', element: <SupplierChangePage /> },
      { path: 'changes/:id', element: <SupplierChangeDetailPage /> },
      { path: 'questionnaires/:id', element: <SupplierAssessmentPage /> },
    ],
  },
  // Inspection mode works from the copy on the device, without a network,
  // so it does not wait for the session check; its requests still need one.
  {
    path: '/inspections/:id/inspect',
    element: (
      <Suspense fallback={<FullPageLoader />}>
        <InspectPage />
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
      { path: 'manufacturers/new', element: writersOnly('New manufacturer', <ManufacturerFormPage />) },
      { path: 'manufacturers/:id', element: <ManufacturerPage /> },
      { path: 'manufacturers/:id/edit', element: writersOnly('Edit manufacturer', <ManufacturerFormPage />) },
      { path: 'sites', element: <SitesPage /> },
      { path: 'sites/new', element: writersOnly('New site', <SiteFormPage />) },
      { path: 'sites/:id', element: <SitePage /> },
      { path: 'sites/:id/edit', element: writersOnly('Edit site', <SiteFormPage />) },
      { path: 'sites/:id/integrity', element: <SiteIntegrityPage /> },
      { path: 'products', element: <ProductsPage /> },
      { path: 'products/:id', element: <ProductPage /> },
      { path: 'integrity/drift', element: <DriftPage /> },
      { path: 'part-incidents', element: <IncidentsPage /> },
      { path: 'part-incidents/:id', element: <IncidentPage /> },
      { path: 'inspections', element: <InspectionsPage /> },
      { path: 'inspections/calendar', element: <CalendarPage /> },
      { path: 'inspections/:id', element: <InspectionPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'findings/:id', element: <FindingPage /> },
      { path: 'corrective-actions', element: <CorrectiveActionsPage /> },
      { path: 'change-notifications', element: <ChangeNotificationsPage /> },
      { path: 'change-notifications/:id', element: <ChangeNotificationPage /> },
      { path: 'self-assessments', element: <SelfAssessmentsPage /> },
      { path: 'self-assessments/:id', element: <SelfAssessmentPage /> },
      { path: 'certifications', element: <CertificationsPage /> },
      { path: 'certifications/:id', element: <CertificationPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'import', element: writersOnly('Import', <ImportPage />) },
      { path: 'audit-trail', element: <AuditTrailPage /> },
      {
        path: 'users',
        element: (
          <RequireRole roles={['admin']} title="Users">
            <UsersPage />
          </RequireRole>
        ),
      },
      {
        path: 'webhooks',
        element: (
          <RequireRole roles={['admin']} title="Webhooks">
            <WebhooksPage />
          </RequireRole>
        ),
      },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'profile/notifications', element: <NotificationSettingsPage /> },
      { path: 'profile/security', element: <SecurityPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
