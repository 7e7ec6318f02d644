// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListResponse, Manufacturer } from '../../api';
import { fakeApi, renderAsApp, type Call } from '../../test/render';
import ManufacturersPage from './ManufacturersPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const acme: Manufacturer = {
  id: 1,
  created_at: '2026-01-05T09:00:00Z',
  updated_at: '2026-01-05T09:00:00Z',
  name: 'Acme Electronics',
  legal_name: 'Acme Electronics Ltd.',
  country: 'CN',
  website: '',
  notes: '',
  archived_at: null,
  version: 1,
  archived: false,
  site_count: 3,
};

/** The manufacturers list: its count stops at 1,000 unless count=exact asks for 4,321. */
function manufacturers(call: Call) {
  if (call.method !== 'GET' || !call.path.startsWith('/manufacturers?')) return undefined;
  const exact = new URLSearchParams(call.path.split('?')[1]).get('count') === 'exact';
  const body: ListResponse<Manufacturer> = { items: [acme], total: exact ? 4321 : 1000, total_exact: exact, page: 1, page_size: 50 };
  return { status: 200, body };
}

describe('a list whose count stopped short', { timeout: 20_000 }, () => {
  it('says more than its total, without a last page, and counts all on request', async () => {
    const api = fakeApi(manufacturers);
    const user = userEvent.setup();
    renderAsApp(<ManufacturersPage />, { path: '/manufacturers' });
    expect(await screen.findByText('1–50 of more than 1,000')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'last page' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Page 20' }), 'the 20th page is where the count stopped, not the last').toBeNull();
    expect(api.calls.every((c) => !c.path.includes('count='))).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Count all' }));
    expect(await screen.findByText('1–50 of 4,321')).toBeTruthy();
    expect(api.calls.at(-1)?.path).toContain('count=exact');
    expect(screen.queryByRole('button', { name: 'Count all' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'last page' })).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Page 87' })).toBeTruthy();
  });
});
