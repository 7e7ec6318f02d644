import type { QueryClient } from '@tanstack/react-query';

/**
 * The first element of every query key the app caches: one per kind of
 * data. A key is its root followed by what narrows it (an id, the list's
 * query), so invalidating a root refreshes every list or record under it.
 */
export type QueryRoot =
  | 'dashboard'
  | 'manufacturers'
  | 'manufacturer'
  | 'sites'
  | 'site'
  | 'site-history'
  | 'site-options'
  | 'inspections'
  | 'inspection'
  | 'findings'
  | 'finding'
  | 'certifications'
  | 'certification'
  | 'attachments'
  | 'audit-events'
  | 'users'
  | 'notifications'
  | 'change-notifications'
  | 'change-notification'
  | 'corrective-actions'
  | 'corrective-action'
  | 'site-integrity'
  | 'inspection-integrity'
  | 'integrity-drift'
  | 'products'
  | 'product'
  | 'part-incidents'
  | 'part-incident'
  | 'supplier'
  | 'service-tokens'
  | 'webhooks';

/** The query keys, built in one place. */
export const queryKeys = {
  dashboard: () => ['dashboard'] as const,
  list: (root: QueryRoot, query: object) => [root, query] as const,
  manufacturer: (id: number) => ['manufacturer', id] as const,
  site: (id: number) => ['site', id] as const,
  siteHistory: (id: number) => ['site-history', id] as const,
  siteOptions: (id: number) => ['site-options', id] as const,
  inspection: (id: number) => ['inspection', id] as const,
  checklists: (inspectionId: number) => ['inspection', inspectionId, 'checklists'] as const,
  finding: (id: number) => ['finding', id] as const,
  certification: (id: number) => ['certification', id] as const,
  changeNotification: (id: number) => ['change-notification', id] as const,
};

/** A write the app makes, named by the record it changes. */
export type Write =
  | 'manufacturer'
  | 'site'
  | 'decision'
  | 'inspection'
  | 'checklist'
  | 'finding'
  | 'certification'
  | 'attachment'
  | 'user'
  | 'change-notification'
  | 'corrective-action'
  | 'integrity'
  | 'service-token'
  | 'webhook';

/**
 * What each write makes stale: its own list and record, the records whose
 * derived figures it changes (a site's next inspection, open findings,
 * certificate status; a manufacturer's sites), the dashboard's figures and
 * the audit trail. Declared once, here; every mutation refreshes through
 * refreshAfter.
 */
export const STALE_AFTER: Record<Write, readonly QueryRoot[]> = {
  manufacturer: ['manufacturers', 'manufacturer', 'sites', 'site', 'dashboard', 'audit-events'],
  site: ['sites', 'site', 'site-history', 'manufacturers', 'manufacturer', 'dashboard', 'audit-events'],
  decision: ['sites', 'site', 'site-history', 'site-options', 'manufacturer', 'dashboard', 'audit-events'],
  inspection: ['inspections', 'inspection', 'sites', 'site', 'site-options', 'dashboard', 'audit-events'],
  checklist: ['inspection', 'inspections', 'findings', 'sites', 'site', 'dashboard', 'audit-events'],
  finding: ['findings', 'finding', 'inspections', 'inspection', 'sites', 'site', 'site-options', 'dashboard', 'audit-events'],
  certification: ['certifications', 'certification', 'sites', 'site', 'site-options', 'attachments', 'dashboard', 'audit-events'],
  attachment: ['attachments', 'audit-events'],
  user: ['users', 'audit-events'],
  // A change's decision may plan an inspection and move the site's next
  // one; a change found on site raises a finding. The supplier portal
  // lists the changes too.
  'change-notification': ['change-notifications', 'change-notification', 'sites', 'site', 'inspections', 'inspection', 'findings', 'finding', 'supplier', 'dashboard', 'audit-events'],
  // An answer, a review or a verification (which closes the finding, and
  // so changes its site's figures); the dashboard counts overdue stages.
  'corrective-action': ['corrective-actions', 'corrective-action', 'findings', 'finding', 'sites', 'site', 'supplier', 'dashboard', 'audit-events'],
  // Products, observations, seals and incidents; drift raises findings.
  integrity: ['site-integrity', 'inspection-integrity', 'integrity-drift', 'products', 'product', 'part-incidents', 'part-incident', 'findings', 'finding', 'dashboard', 'audit-events'],
  'service-token': ['service-tokens', 'audit-events'],
  webhook: ['webhooks', 'audit-events'],
};

/** Marks stale what write changed, and fetches again what is on screen. */
export async function refreshAfter(client: QueryClient, write: Write): Promise<void> {
  await Promise.all(STALE_AFTER[write].map((root) => client.invalidateQueries({ queryKey: [root] })));
}
