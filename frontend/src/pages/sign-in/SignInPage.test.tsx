// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, on, renderAsApp } from '../../test/render';
import SignInPage from './SignInPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const signedOut = on('GET', '/auth/me', 401, { error: { code: 'unauthenticated', message: 'Sign in.' } });
const ssoOnly = on('GET', '/auth/methods', 200, { password: false, sso: { provider_name: 'Contoso Entra ID' } });

describe('SignInPage', () => {
  it('offers the password form alone when single sign-on is off', async () => {
    fakeApi(signedOut, on('GET', '/auth/methods', 200, { password: true, sso: null }));
    renderAsApp(<SignInPage />, { path: '/sign-in' });
    expect(await screen.findByLabelText('Password')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Sign in with/ })).toBeNull();
  });

  it('sends the browser to the identity provider, and keeps the password form for the break-glass administrator', async () => {
    const user = userEvent.setup();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const api = fakeApi(
      signedOut,
      ssoOnly,
      on('POST', '/auth/oidc/start', 200, { authorization_url: 'https://login.example.com/authorize?state=s1', expires_at: '2026-06-15T10:10:00Z' }),
    );
    renderAsApp(<SignInPage />, { path: '/sign-in?next=/sites' });

    const sso = await screen.findByRole('button', { name: 'Sign in with Contoso Entra ID' });
    expect(screen.queryByLabelText('Password')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Administrator sign-in' }));
    expect(screen.getByLabelText('Password')).toBeTruthy();

    await user.click(sso);
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://login.example.com/authorize?state=s1'));
    expect(api.calls.filter((c) => c.path === '/auth/oidc/start')).toHaveLength(1);
    expect(sessionStorage.getItem('qualtrack.sso.next')).toBe('/sites');
  });

  it('completes the sign-in once on the way back, and says why it was refused', async () => {
    const api = fakeApi(
      signedOut,
      ssoOnly,
      on('POST', '/auth/oidc/callback', 400, {
        error: { code: 'bad_request', message: 'This sign-in has expired or was already used. Start again with the single sign-on button.' },
      }),
    );
    renderAsApp(<SignInPage />, { path: '/sso/callback?code=c1&state=s1' });

    expect((await screen.findByRole('alert')).textContent).toContain('already used');
    const posts = api.calls.filter((c) => c.path === '/auth/oidc/callback');
    expect(posts).toEqual([{ method: 'POST', path: '/auth/oidc/callback', body: { code: 'c1', state: 's1', session: 'cookie' } }]);
    expect(screen.getByRole('button', { name: 'Sign in with Contoso Entra ID' })).toBeTruthy();
  });

  it("shows the provider's refusal without calling the server", async () => {
    const api = fakeApi(signedOut, ssoOnly);
    renderAsApp(<SignInPage />, { path: '/sso/callback?error=access_denied&error_description=The+user+cancelled' });
    expect((await screen.findByRole('alert')).textContent).toContain('Contoso Entra ID did not sign you in: The user cancelled');
    expect(api.calls.some((c) => c.path === '/auth/oidc/callback')).toBe(false);
  });
});
