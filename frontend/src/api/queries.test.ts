import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshAfter, STALE_AFTER, type QueryRoot, type Write } from './queries';

const ROOTS: QueryRoot[] = [
  'dashboard', 'manufacturers', 'manufacturer', 'sites', 'site', 'site-history', 'site-options', 'inspections', 'inspection',
  'findings', 'finding', 'certifications', 'certification', 'attachments', 'audit-events', 'users', 'notifications',
  'change-notifications', 'change-notification', 'corrective-actions', 'corrective-action', 'site-integrity', 'inspection-integrity',
  'integrity-drift', 'products', 'product', 'part-incidents', 'part-incident', 'supplier',
];

/** A client holding one fresh entry under every root. */
function filledClient(): QueryClient {
  const client = new QueryClient();
  for (const root of ROOTS) client.setQueryData([root, 1], { cached: root });
  return client;
}

function stale(client: QueryClient): QueryRoot[] {
  return ROOTS.filter((root) => client.getQueryState([root, 1])?.isInvalidated);
}

describe('what each write refreshes', () => {
  it('refreshes the dashboard after every write that changes one of its figures', async () => {
    for (const write of ['manufacturer', 'site', 'decision', 'inspection', 'checklist', 'finding', 'certification', 'change-notification', 'corrective-action', 'integrity'] as Write[]) {
      const client = filledClient();
      await refreshAfter(client, write);
      expect(stale(client), write).toContain('dashboard');
      expect(stale(client), write).toContain('audit-events');
    }
  });

  it("refreshes a certificate's site, its lists and the dashboard after a certificate changes", async () => {
    const client = filledClient();
    await refreshAfter(client, 'certification');
    expect(stale(client)).toEqual(['dashboard', 'sites', 'site', 'site-options', 'certifications', 'certification', 'attachments', 'audit-events']);
  });

  it("refreshes the supplier's portal and the finding's site after a corrective-action answer, review or verification", async () => {
    const client = filledClient();
    await refreshAfter(client, 'corrective-action');
    expect(stale(client)).toEqual(['dashboard', 'sites', 'site', 'findings', 'finding', 'audit-events', 'corrective-actions', 'corrective-action', 'supplier']);
  });

  it('refreshes every integrity screen and the findings drift raises after an integrity write', async () => {
    const client = filledClient();
    await refreshAfter(client, 'integrity');
    expect(stale(client)).toEqual([
      'dashboard', 'findings', 'finding', 'audit-events', 'site-integrity', 'inspection-integrity', 'integrity-drift', 'products', 'product',
      'part-incidents', 'part-incident',
    ]);
  });

  it('leaves alone what a write cannot change', async () => {
    const client = filledClient();
    await refreshAfter(client, 'attachment');
    expect(stale(client)).toEqual(['attachments', 'audit-events']);
    for (const [write, roots] of Object.entries(STALE_AFTER)) {
      expect(roots, write).not.toContain('notifications');
      expect(new Set(roots).size, write).toBe(roots.length);
    }
  });
});
