// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { fakeApi, on, renderAsApp } from '../../test/render';
import InvitationPage from './InvitationPage';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
  await i18n.changeLanguage('en');
});

describe('the invitation page', { timeout: 30_000 }, () => {
  it("opens in the invitation's language from the link, before the browser's, and accepts in it", async () => {
    expect(i18n.language).toBe('en');
    window.location.hash = '#invitation-token';
    const api = fakeApi(on('POST', '/auth/invitation', 200, { email: 'lin@sz.example' }));
    const user = userEvent.setup();
    renderAsApp(<InvitationPage />, { path: '/invitation?lang=zh-CN', route: '/invitation' });
    expect(await screen.findByRole('heading', { name: '设置您的密码' })).toBeTruthy();
    await user.type(screen.getByLabelText(/新密码/), 'ginkgo lantern 42 river');
    await user.click(screen.getByRole('button', { name: '设置密码' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ token: 'invitation-token', password: 'ginkgo lantern 42 river', language: 'zh-CN' }),
    );
  });

  it("keeps the browser's language for a link without one, and ignores a language not shipped", async () => {
    window.location.hash = '#invitation-token';
    fakeApi();
    for (const path of ['/invitation', '/invitation?lang=fr']) {
      renderAsApp(<InvitationPage />, { path, route: '/invitation' });
      expect(await screen.findByRole('heading', { name: 'Choose your password' })).toBeTruthy();
      cleanup();
    }
    expect(i18n.language).toBe('en');
  });
});
