// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api';
import i18n from '../../i18n';
import { fakeApi, manager, on, renderAsApp } from '../../test/render';
import SupplierChangePage from './SupplierChangePage';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const supplier = { ...manager, role: 'supplier' } as Me;
const home = on('GET', '/supplier/manufacturer', 200, {
  manufacturer: { id: 4, name: 'Shenzhen Boards', country: 'CN' },
  sites: [
    { id: 5, manufacturer_id: 4, code: 'SZB-1', name: 'Longhua SMT' },
    { id: 6, manufacturer_id: 4, code: 'SZB-2', name: "Bao'an box build" },
  ],
});

describe("the supplier's change notification", { timeout: 30_000 }, () => {
  it('sends the change with its sites and planned date, and says what happens next', async () => {
    const api = fakeApi(home, (call) =>
      call.method === 'POST' && call.path === '/supplier/change-notifications' ? { status: 201, body: { id: 3, title: 'New reflow oven on line 2', status: 'pending' } } : undefined,
    );
    const user = userEvent.setup();
    renderAsApp(<SupplierChangePage />, { path: '/supplier/changes/new', user: supplier });
    await user.click(await screen.findByRole('textbox', { name: /^What changes( \*)?$/ }));
    await user.click(await screen.findByRole('option', { name: 'Equipment' }));
    await user.click(await screen.findByRole('checkbox', { name: 'SZB-2 · Bao\'an box build' }));
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'New reflow oven on line 2');
    await user.type(screen.getByRole('textbox', { name: /Planned date/ }), '1 Sep 2026');
    await user.click(screen.getByRole('button', { name: 'Send the notification' }));
    expect(await screen.findByText(/Your customer decides the change/)).toBeTruthy();
    // Drawings and descriptions go with it once it is sent.
    expect(screen.getByRole('button', { name: 'Attach a file' })).toBeTruthy();
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
        kind: 'equipment',
        title: 'New reflow oven on line 2',
        description: '',
        planned_date: '2026-09-01',
        site_ids: [6],
      }),
    );
  });

  it('reads in Chinese for a supplier who chose it', async () => {
    fakeApi(home);
    await i18n.changeLanguage('zh-CN');
    renderAsApp(<SupplierChangePage />, { path: '/supplier/changes/new', user: supplier });
    expect(await screen.findByRole('heading', { name: '通知变更' })).toBeTruthy();
    expect(await screen.findByRole('checkbox', { name: 'SZB-1 · Longhua SMT' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '发送通知' })).toBeTruthy();
  });
});
