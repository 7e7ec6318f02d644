// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, on, renderAsApp } from '../../test/render';
import { ChangesSinceLastVisit } from './SiteSupplierPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a change found on site', { timeout: 30_000 }, () => {
  it('raises the finding and the after-the-fact notification from the inspection page, and links both', async () => {
    const api = fakeApi(on('GET', '/inspections/9/changes', 200, { since: null, items: [] }), (call) =>
      call.method === 'POST' && call.path === '/inspections/9/unnotified-change'
        ? { status: 201, body: { change_notification: { id: 21 }, finding: { id: 77, severity: 'major' } } }
        : undefined,
    );
    const user = userEvent.setup();
    renderAsApp(<ChangesSinceLastVisit inspectionId={9} canRecord />, { path: '/inspections/9' });
    expect(await screen.findByText('The manufacturer notified no change at this site since the last visit.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Record a change found on site' }));
    await user.click(await screen.findByRole('textbox', { name: /^What changed/ }));
    await user.click(await screen.findByRole('option', { name: 'Sub-tier source' }));
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Bare boards from an unapproved fabricator');
    await user.type(screen.getByRole('textbox', { name: /^What you found/ }), 'Lot labels name a fabricator not on the AVL.');
    await user.click(screen.getByRole('button', { name: 'Record the change and raise the finding' }));
    expect((await screen.findByRole('link', { name: 'Open the finding' })).getAttribute('href')).toBe('/findings/77');
    expect(screen.getByRole('link', { name: 'Open the change' }).getAttribute('href')).toBe('/change-notifications/21');
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'sub_tier_source',
        title: 'Bare boards from an unapproved fabricator',
        description: 'Lot labels name a fabricator not on the AVL.',
        severity: 'major',
      }),
    );
  });

  it('offers nothing to record to who may not edit', async () => {
    fakeApi(on('GET', '/inspections/9/changes', 200, { since: null, items: [] }));
    renderAsApp(<ChangesSinceLastVisit inspectionId={9} canRecord={false} />, { path: '/inspections/9' });
    expect(await screen.findByText('The manufacturer notified no change at this site since the last visit.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record a change found on site' })).toBeNull();
  });
});
