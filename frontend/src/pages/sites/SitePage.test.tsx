// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, on, renderAsApp, type Call } from '../../test/render';
import SitePage from './SitePage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const site = {
  id: 5,
  version: 3,
  manufacturer_id: 1,
  manufacturer_name: 'Acme Electronics',
  code: 'ACME-SZ1',
  name: 'Acme Shenzhen 1',
  city: 'Shenzhen',
  country: 'CN',
  processes: ['smt'],
  risk_tier: 'high',
  qualification_status: 'qualified',
  status_since: '2026-03-15T10:00:00Z',
  open_findings: { critical: 0, major: 1, minor: 0, observation: 0 },
  certification_summary: { valid: 1, expiring: 0, expired: 0, withdrawn: 0, next_expiry: '2027-12-31' },
};

const finding = (id: number, description: string) => ({
  id,
  version: 1,
  inspection_id: 9,
  site_id: 5,
  site_code: 'ACME-SZ1',
  severity: 'major',
  category: 'esd',
  description,
  status: 'open',
  due_date: '2026-07-15',
  overdue: false,
});

/** Answers the site's findings: the search "solder" finds one, anything else both. */
function findings(call: Call) {
  if (call.method !== 'GET' || !call.path.startsWith('/findings?')) return undefined;
  const q = new URLSearchParams(call.path.split('?')[1]).get('q');
  const items = q === 'solder' ? [finding(2, 'Solder paste out of date')] : [finding(1, 'Ionizer off'), finding(2, 'Solder paste out of date')];
  return { status: 200, body: { items, total: items.length, page: 1, page_size: 50 } };
}

/** A busy machine renders slowly: wait as long as a person would. */
const slow = { timeout: 10_000 };

const findingRequests = (calls: Call[]) =>
  calls.filter((c) => c.path.startsWith('/findings?')).map((c) => Object.fromEntries(new URLSearchParams(c.path.split('?')[1])));

describe("the site page's record tabs", { timeout: 30_000 }, () => {
  it('lists the site\'s findings through the list machinery: search, sort and page, always narrowed to the site', async () => {
    const api = fakeApi(on('GET', '/sites/5', 200, site), findings);
    const user = userEvent.setup();
    renderAsApp(<SitePage />, { path: '/sites/5?tab=findings', route: '/sites/:id' });

    expect(await screen.findByText('Ionizer off', {}, slow)).toBeTruthy();
    expect(findingRequests(api.calls)[0]).toMatchObject({ site_id: '5', sort: 'due_date', page: '1', page_size: '50' });

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'solder');
    await waitFor(() => expect(screen.queryByText('Ionizer off')).toBeNull(), slow);
    expect(screen.getByText('Solder paste out of date')).toBeTruthy();
    expect(findingRequests(api.calls).at(-1)).toMatchObject({ site_id: '5', q: 'solder' });

    await user.click(screen.getByRole('button', { name: /Severity/ }));
    await waitFor(() => expect(findingRequests(api.calls).at(-1)).toMatchObject({ site_id: '5', q: 'solder', sort: 'severity' }), slow);
    // Every request of the tab is the site's, whatever the person did.
    expect(findingRequests(api.calls).every((p) => p.site_id === '5')).toBe(true);
  });

  it('says when a search finds nothing, and what to do', async () => {
    fakeApi(on('GET', '/sites/5', 200, site), (call) =>
      call.path.startsWith('/certifications?') ? { status: 200, body: { items: [], total: 0, page: 1, page_size: 50 } } : undefined,
    );
    const user = userEvent.setup();
    renderAsApp(<SitePage />, { path: '/sites/5?tab=certifications', route: '/sites/:id' });
    expect(await screen.findByText('No certifications', {}, slow)).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'iso');
    expect(await screen.findByText('Nothing matches this search', {}, slow)).toBeTruthy();
  });
});
