// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Webhook, WebhookDelivery } from '../../api';
import { fakeApi, manager, on, renderAsApp } from '../../test/render';
import WebhooksPage from './WebhooksPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const admin = { ...manager, role: 'admin' as const };

const paused: Webhook = {
  id: 5,
  created_at: '2026-06-01T09:00:00Z',
  updated_at: '2026-06-14T09:00:00Z',
  name: 'ERP',
  url: 'https://erp.example.com/qualtrack',
  event_types: ['site.status_changed', 'certificate.expired'],
  active: true,
  status: 'paused',
  paused_at: '2026-06-14T09:00:00Z',
  pause_reason: 'Paused after 10 failed deliveries in a row; the last: the endpoint answered 503 Service Unavailable',
  consecutive_failures: 10,
  pending: 4,
  version: 3,
};

const attempt: WebhookDelivery = {
  id: 77,
  attempted_at: '2026-06-14T08:59:00Z',
  subscription_id: 5,
  event_id: 'evt_0123456789abcdef01234567',
  event_type: 'site.status_changed',
  attempt: 10,
  status_code: 503,
  duration_ms: 120,
  error: 'the endpoint answered 503 Service Unavailable',
  succeeded: false,
};

const list = { items: [paused], event_types: [] };

describe('the webhooks page', { timeout: 20_000 }, () => {
  it('shows a paused endpoint with why, and resumes it', async () => {
    const api = fakeApi(on('GET', '/admin/webhooks', 200, list), on('POST', '/admin/webhooks/5/resume', 200, { ...paused, status: 'active', paused_at: null }));
    const user = userEvent.setup();
    renderAsApp(<WebhooksPage />, { user: admin });
    const row = within(await screen.findByRole('table', { name: 'Webhooks' })).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Paused');
    expect(row.textContent).toContain('503 Service Unavailable');
    expect(row.textContent).toContain('Site qualification status changed, Certificate expired');
    expect(within(row).queryByRole('button', { name: 'Pause' })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Resume' }));
    expect(await screen.findByText(/ERP is resumed/)).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/admin/webhooks/5/resume')).toBe(true);
  });

  it('shows the delivery log of an endpoint', async () => {
    fakeApi(on('GET', '/admin/webhooks', 200, list), on('GET', '/admin/webhooks/5/deliveries?page=1&page_size=50', 200, { items: [attempt], total: 1, page: 1, page_size: 50 }));
    const user = userEvent.setup();
    renderAsApp(<WebhooksPage />, { user: admin });
    await user.click(await screen.findByRole('button', { name: 'Deliveries' }));
    const table = await screen.findByRole('table', { name: 'Delivery attempts' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('503');
    expect(row.textContent).toContain('Failed');
    expect(row.textContent).toContain('120 ms');
    expect(row.textContent).toContain('evt_0123456789abcdef01234567');
  });

  it('creates a webhook for the chosen events and shows its secret once', async () => {
    const api = fakeApi(
      on('GET', '/admin/webhooks', 200, { items: [], event_types: [] }),
      on('POST', '/admin/webhooks', 201, { ...paused, status: 'active', paused_at: null, secret: 'whsec_' + 'k'.repeat(43) }),
    );
    const user = userEvent.setup();
    renderAsApp(<WebhooksPage />, { user: admin });
    await user.click(await screen.findByRole('button', { name: 'New webhook' }));
    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.paste('ERP');
    await user.click(screen.getByRole('textbox', { name: /URL/ }));
    await user.paste('https://erp.example.com/qualtrack');
    await user.click(screen.getByRole('checkbox', { name: 'Site qualification status changed' }));
    await user.click(screen.getByRole('checkbox', { name: 'Certificate expired' }));
    await user.click(screen.getByRole('button', { name: 'Create webhook' }));

    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_' + 'k'.repeat(43));
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'ERP',
      url: 'https://erp.example.com/qualtrack',
      event_types: ['site.status_changed', 'certificate.expired'],
      active: true,
    });
  });

  it('shows a refused URL next to the field', async () => {
    fakeApi(
      on('GET', '/admin/webhooks', 200, list),
      on('PATCH', '/admin/webhooks/5', 422, {
        error: { code: 'validation_failed', message: 'The webhook cannot be saved.', fields: { url: 'Webhooks cannot go to a loopback, link-local or private address.' } },
      }),
    );
    const user = userEvent.setup();
    renderAsApp(<WebhooksPage />, { user: admin });
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const url = screen.getByRole('textbox', { name: /URL/ });
    await user.clear(url);
    await user.click(url);
    await user.paste('http://169.254.169.254/');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Webhooks cannot go to a loopback, link-local or private address.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save changes' })).toBeTruthy());
  });
});
