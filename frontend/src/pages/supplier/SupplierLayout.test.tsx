// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api';
import i18n from '../../i18n';
import { fakeApi, on, renderAsApp } from '../../test/render';
import SupplierLayout from './SupplierLayout';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
  await i18n.changeLanguage('en');
});

const supplier = (language: string) =>
  ({
    id: 31,
    version: 2,
    email: 'lin.wei@szb.example',
    name: 'Lin Wei',
    role: 'supplier',
    active: true,
    language,
    access_expires_at: null,
    last_login_at: null,
    totp_enabled: true,
    totp_enrolment_required: false,
    created_at: '2026-01-05T09:00:00Z',
    updated_at: '2026-01-05T09:00:00Z',
  }) as unknown as Me;

const home = on('GET', '/supplier/manufacturer', 200, { manufacturer: { id: 4, name: 'Shenzhen Boards' }, sites: [] });
const prefs = (channel: string) => ({ preferences: { answer_due: channel }, defaults: { answer_due: 'email' }, email_available: true });

describe('the supplier portal frame', { timeout: 30_000 }, () => {
  it('speaks the language chosen on the account, whatever this device chose before', async () => {
    window.localStorage.setItem('qualtrack.language', 'en');
    fakeApi(home, on('GET', '/me/notification-preferences', 200, prefs('email')));
    renderAsApp(<SupplierLayout />, { user: supplier('zh-CN'), path: '/supplier' });
    expect(await screen.findByText('供应商门户')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '您的设置' })).toBeTruthy();
  });

  it('keeps a language chosen here on the account, so the e-mails speak it too', async () => {
    const api = fakeApi(home, on('GET', '/me/notification-preferences', 200, prefs('email')), on('PUT', '/me/language', 200, supplier('zh-CN')));
    const user = userEvent.setup();
    renderAsApp(<SupplierLayout />, { user: supplier(''), path: '/supplier' });
    await user.click(await screen.findByRole('textbox', { name: 'Language' }));
    await user.click(await screen.findByRole('option', { name: '简体中文' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({ language: 'zh-CN' }));
    expect(await screen.findByText('供应商门户')).toBeTruthy();
  });

  it('lets the supplier turn its e-mail reminders off', async () => {
    const api = fakeApi(home, on('GET', '/me/notification-preferences', 200, prefs('email')), on('PUT', '/me/notification-preferences', 200, prefs('off')));
    const user = userEvent.setup();
    renderAsApp(<SupplierLayout />, { user: supplier('en'), path: '/supplier' });
    await user.click(await screen.findByRole('textbox', { name: 'Reminders of what is due from you' }));
    await user.click(await screen.findByRole('option', { name: 'Off' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({ preferences: { answer_due: 'off' } }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved.');
  });
});
