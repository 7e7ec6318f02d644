// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceToken } from '../../api';
import { fakeApi, on, renderAsApp } from '../../test/render';
import { ServiceTokens } from './ServiceTokens';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const erp: ServiceToken = {
  id: 3,
  name: 'ERP vendor sync',
  prefix: 'qt_AbC1x2',
  role: 'auditor',
  manufacturer_id: null,
  manufacturer_name: '',
  status: 'active',
  expires_at: '2027-06-15T10:00:00Z',
  revoked_at: null,
  last_used_at: '2026-06-14T08:30:00Z',
  created_at: '2026-06-01T09:00:00Z',
  created_by: 'Ada Admin',
};

const secret = 'qt_' + 'S'.repeat(43);

describe('service tokens on the Users page', { timeout: 20_000 }, () => {
  it('lists tokens with their access, state and last use', async () => {
    fakeApi(on('GET', '/admin/service-tokens', 200, { items: [erp, { ...erp, id: 4, name: 'Old BI', status: 'revoked', last_used_at: null, revoked_at: '2026-06-10T00:00:00Z' }] }));
    renderAsApp(<ServiceTokens />);
    const table = await screen.findByRole('table', { name: 'Service tokens' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('ERP vendor sync');
    expect(rows[1]!.textContent).toContain('Read-only');
    expect(rows[1]!.textContent).toContain('Every manufacturer');
    expect(rows[1]!.textContent).toContain('Active');
    expect(within(rows[1]!).getByRole('button', { name: 'Revoke' })).toBeTruthy();
    expect(rows[2]!.textContent).toContain('Revoked');
    expect(rows[2]!.textContent).toContain('Never');
    expect(within(rows[2]!).queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  it('creates a token and shows its secret once, with a copy button and a warning', async () => {
    const api = fakeApi(
      on('GET', '/admin/service-tokens', 200, { items: [] }),
      on('GET', '/manufacturers?page_size=200&sort=name', 200, { items: [{ id: 9, name: 'Acme' }], total: 1, page: 1, page_size: 200 }),
      on('POST', '/admin/service-tokens', 201, { ...erp, token: secret }),
    );
    const user = userEvent.setup();
    renderAsApp(<ServiceTokens />);
    await user.click(await screen.findByRole('button', { name: 'New service token' }));
    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.paste('ERP vendor sync');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByTestId('service-token-secret');
    expect(shown.textContent).toBe(secret);
    expect(screen.getByText(/shown only now and cannot be shown again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeTruthy();
    const body = api.calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'ERP vendor sync', role: 'auditor' });
    expect(String(body.expires_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body).not.toHaveProperty('manufacturer_id');

    await user.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByTestId('service-token-secret')).toBeNull());
  });

  it('shows the server’s reason next to the field', async () => {
    fakeApi(
      on('GET', '/admin/service-tokens', 200, { items: [erp] }),
      on('GET', '/manufacturers?page_size=200&sort=name', 200, { items: [], total: 0, page: 1, page_size: 200 }),
      on('POST', '/admin/service-tokens', 409, { error: { code: 'conflict', message: 'A service token with this name already exists.', fields: { name: 'A service token with this name already exists.' } } }),
    );
    const user = userEvent.setup();
    renderAsApp(<ServiceTokens />);
    await user.click(await screen.findByRole('button', { name: 'New service token' }));
    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.paste('ERP vendor sync');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('A service token with this name already exists.')).toBeTruthy();
    expect(screen.queryByTestId('service-token-secret')).toBeNull();
  });

  it('revokes a token after confirmation', async () => {
    const api = fakeApi(on('GET', '/admin/service-tokens', 200, { items: [erp] }), on('POST', '/admin/service-tokens/3/revoke', 200, { ...erp, status: 'revoked' }));
    const user = userEvent.setup();
    renderAsApp(<ServiceTokens />);
    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the token ERP vendor sync?' });
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST' && c.path === '/admin/service-tokens/3/revoke')).toBe(true));
  });
});
