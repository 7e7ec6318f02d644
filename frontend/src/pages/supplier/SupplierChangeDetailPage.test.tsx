// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api';
import i18n from '../../i18n';
import { fakeApi, fakeUploads, manager, on, renderAsApp } from '../../test/render';
import SupplierChangeDetailPage from './SupplierChangeDetailPage';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const supplier = { ...manager, role: 'supplier' } as Me;
const change = {
  id: 3,
  manufacturer_id: 4,
  manufacturer_name: 'Shenzhen Boards',
  kind: 'equipment',
  title: 'New reflow oven on line 2',
  description: 'A 10-zone oven replaces the 8-zone one.',
  planned_date: '2026-09-01',
  status: 'pending',
  conditions: '',
  decision_reason: '',
  decided_at: null,
  sites: [{ id: 5, code: 'SZB-1', name: 'Longhua SMT' }],
};
const file = { id: 11, owner_type: 'change_notification', owner_id: 3, file_name: 'oven-layout.pdf', content_type: 'application/pdf', size: 20 };

describe("the supplier's change", { timeout: 30_000 }, () => {
  it('attaches a file to a pending change, in Chinese, and lists it to download', async () => {
    let files: unknown[] = [];
    fakeApi(on('GET', '/supplier/change-notifications/3', 200, change), (call) =>
      call.method === 'GET' && call.path === '/supplier/change-notifications/3/files?page_size=200'
        ? { status: 200, body: { items: files, total: files.length, page: 1, page_size: 200 } }
        : undefined,
    );
    const { uploads } = fakeUploads(201, file);
    await i18n.changeLanguage('zh-CN');
    const user = userEvent.setup();
    renderAsApp(<SupplierChangeDetailPage />, { path: '/supplier/changes/3', route: '/supplier/changes/:id', user: supplier });
    expect(await screen.findByRole('heading', { name: 'New reflow oven on line 2' })).toBeTruthy();
    expect(screen.getByText('待审批')).toBeTruthy();
    expect(await screen.findByText('尚未附加文件。')).toBeTruthy();
    files = [file];
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    expect(screen.getByRole('button', { name: '附加文件' })).toBeTruthy();
    await user.upload(input!, new File(['%PDF-1.4'], 'oven-layout.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(uploads.map((u) => u.path)).toEqual(['/supplier/change-notifications/3/files']));
    const link = await screen.findByRole('link', { name: 'oven-layout.pdf' });
    expect(link.getAttribute('href')).toBe('/api/v1/supplier/change-notification-files/11');
  });

  it('shows the decision and offers no upload once the change is decided', async () => {
    fakeApi(
      on('GET', '/supplier/change-notifications/3', 200, {
        ...change,
        status: 'approved_with_conditions',
        conditions: 'First 3 lots 100% tested',
        decided_at: '2026-08-20T09:00:00Z',
      }),
      on('GET', '/supplier/change-notifications/3/files?page_size=200', 200, { items: [file], total: 1, page: 1, page_size: 200 }),
    );
    renderAsApp(<SupplierChangeDetailPage />, { path: '/supplier/changes/3', route: '/supplier/changes/:id', user: supplier });
    expect(await screen.findByText('Conditions: First 3 lots 100% tested')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'oven-layout.pdf' })).toBeTruthy();
    expect(screen.getByText('The change was decided; its files are final.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
  });
});
