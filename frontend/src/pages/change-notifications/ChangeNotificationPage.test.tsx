// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeNotification, Me } from '../../api';
import { fakeApi, fakeUploads, manager, on, renderAsApp } from '../../test/render';
import ChangeNotificationPage from './ChangeNotificationPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const pending = {
  id: 12,
  created_at: '2026-06-01T08:00:00Z',
  updated_at: '2026-06-01T08:00:00Z',
  manufacturer_id: 4,
  manufacturer_name: 'Shenzhen Boards',
  kind: 'sub_tier_source',
  title: 'New PCB fabricator for the main board',
  description: 'Second source for the 12-layer boards.',
  planned_date: '2026-08-01',
  status: 'pending',
  conditions: '',
  decision_reason: '',
  requires_inspection: false,
  inspection_id: null,
  retroactive: false,
  finding_id: null,
  submitted_by_id: 31,
  submitted_by_name: 'Lin Wei',
  submitted_at: '2026-06-01T08:00:00Z',
  decided_by_id: null,
  decided_by_name: '',
  decided_at: null,
  version: 1,
  sites: [{ id: 5, code: 'SZB-1', name: 'Longhua SMT' }],
} as unknown as ChangeNotification;

describe('a change notification', { timeout: 30_000 }, () => {
  it('lets a manager approve it on conditions with a for-cause inspection, signed, and shows the conditions the server asks for', async () => {
    const decided = { ...pending, status: 'approved_with_conditions', conditions: 'First lots inspected 100 %', decided_by_name: 'Mira Manager', decided_at: '2026-06-02T09:00:00Z', inspection_id: 88 };
    let first = true;
    let current: unknown = pending;
    const api = fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/change-notifications/12') return { status: 200, body: current };
      if (call.method !== 'POST' || call.path !== '/change-notifications/12/decision') return undefined;
      if (first) {
        first = false;
        return { status: 422, body: { error: { code: 'validation_failed', message: 'The decision is not valid.', fields: { conditions: 'State the conditions of the approval.' } } } };
      }
      current = decided;
      return { status: 200, body: decided };
    });
    const user = userEvent.setup();
    renderAsApp(<ChangeNotificationPage />, { path: '/change-notifications/12', route: '/change-notifications/:id' });
    expect(await screen.findByRole('heading', { level: 1, name: 'New PCB fabricator for the main board' })).toBeTruthy();
    expect(screen.getByText('Sub-tier source')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: 'Approve with conditions' }));
    await user.click(screen.getByRole('checkbox', { name: /plan a for-cause inspection/ }));
    await user.type(screen.getByRole('textbox', { name: /Inspection date/ }), '15 Jul 2026');
    await user.type(screen.getByLabelText(/Your password/), 'mira-passphrase');
    await user.click(screen.getByRole('button', { name: 'Sign and record the decision' }));
    expect(await screen.findByText('State the conditions of the approval.')).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: /Conditions/ }), 'First lots inspected 100 %');
    await user.click(screen.getByRole('button', { name: 'Sign and record the decision' }));
    expect(await screen.findByRole('heading', { name: 'Decision' })).toBeTruthy();
    const sent = api.calls.filter((c) => c.method === 'POST');
    expect(sent[1]!.body).toEqual({
      status: 'approved_with_conditions',
      conditions: 'First lots inspected 100 %',
      reason: '',
      requires_inspection: true,
      inspection_date: '2026-07-15',
      signature: { password: 'mira-passphrase', meaning: 'approved' },
    });
    expect(screen.getByRole('link', { name: 'The inspection planned for it' }).getAttribute('href')).toBe('/inspections/88');
  });

  it('shows an auditor the change without a way to decide it', async () => {
    fakeApi(on('GET', '/change-notifications/12', 200, pending));
    renderAsApp(<ChangeNotificationPage />, { path: '/change-notifications/12', route: '/change-notifications/:id', user: { ...manager, role: 'auditor' } as Me });
    expect(await screen.findByText("Waiting for a manager's decision.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign and record the decision' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('link', { name: 'SZB-1' }).getAttribute('href')).toBe('/sites/5?tab=supplier'));
  });

  it("lets procurement attach a file while the change is pending, and keeps a decided change's files as they were signed", async () => {
    const file = { id: 40, owner_type: 'change_notification', owner_id: 12, file_name: 'fabricator-audit.pdf', content_type: 'application/pdf', size: 2048,
      sha256: 'a'.repeat(64), uploaded_by_id: 31, uploaded_by_name: 'Lin Wei', uploaded_at: '2026-06-01T08:05:00Z', created_at: '2026-06-01T08:05:00Z', updated_at: '2026-06-01T08:05:00Z' };
    let current: unknown = pending;
    fakeApi(
      (call) => (call.method === 'GET' && call.path === '/change-notifications/12' ? { status: 200, body: current } : undefined),
      on('GET', '/change-notifications/12/attachments?page_size=200', 200, { items: [file], total: 1, page: 1, page_size: 200 }),
    );
    const { uploads } = fakeUploads(201, file);
    const user = userEvent.setup();
    const view = renderAsApp(<ChangeNotificationPage />, { path: '/change-notifications/12', route: '/change-notifications/:id', user: { ...manager, role: 'procurement' } as Me });
    expect(await screen.findByRole('link', { name: 'fabricator-audit.pdf' })).toBeTruthy();
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    await user.upload(input!, new File(['%PDF-1.4'], 'drawing.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(uploads.map((u) => u.path)).toEqual(['/change-notifications/12/attachments']));
    view.unmount();

    current = { ...pending, status: 'approved', decided_by_name: 'Mira Manager', decided_at: '2026-06-02T09:00:00Z' };
    renderAsApp(<ChangeNotificationPage />, { path: '/change-notifications/12', route: '/change-notifications/:id', user: { ...manager, role: 'admin' } as Me });
    expect(await screen.findByText(/its files are the ones the decision was signed with/)).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'fabricator-audit.pdf' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Upload file' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });
});
