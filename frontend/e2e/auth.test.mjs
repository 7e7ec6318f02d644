import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';

describe('sign-in and the shell', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a visitor to the sign-in page', async () => {
    await withPage(browser, server, 'redirect to sign-in', async (page) => {
      await page.goto('/');
      await page.waitForURL('**/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(page, 'sign-in.png');
    });
  });

  it('shows an error for a wrong password and stays on the sign-in page', async () => {
    await withPage(browser, server, 'wrong password', async (page) => {
      await page.goto('/sign-in');
      await signIn(page, ADMIN_EMAIL, 'not-the-password-at-all');
      await page.getByRole('alert').filter({ hasText: 'The e-mail or password is not correct.' }).waitFor();
      assert.match(page.url(), /\/sign-in$/);
      // The e-mail stays filled in for the next try.
      assert.equal(await page.getByLabel('Email').inputValue(), ADMIN_EMAIL);
    });
  });

  it('shows how long to wait when the server rate-limits sign-in', async () => {
    await withPage(browser, server, 'rate limited', async (page) => {
      // The server's own limit depends on its settings; this checks the page's
      // handling of the contract's 429 + Retry-After.
      await page.route('**/api/v1/auth/login', (route) =>
        route.fulfill({
          status: 429,
          headers: { 'Retry-After': '30', 'Content-Type': 'application/json' },
          body: JSON.stringify({ error: { code: 'rate_limited', message: 'too many sign-in attempts' } }),
        }),
      );
      await page.goto('/sign-in');
      await signIn(page, ADMIN_EMAIL, 'whatever-password');
      const alert = page.getByRole('alert').filter({ hasText: /Too many attempts, try again in (30|29|28) seconds/ });
      await alert.waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign in' }).isDisabled(), true);
    });
  });

  it('signs the admin in and shows the shell with name and role', async () => {
    await withPage(browser, server, 'admin shell', async (page) => {
      await page.goto('/');
      await page.waitForURL('**/sign-in');
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');

      const me = await (await page.request.get('/api/v1/auth/me')).json();
      assert.equal(me.role, 'admin');
      assert.equal(me.email, ADMIN_EMAIL);

      const header = page.getByRole('banner');
      await header.getByText('qualtrack', { exact: true }).waitFor();
      await header.getByText(me.name, { exact: true }).waitFor();
      await header.getByText('Admin', { exact: true }).waitFor();
      assert.equal(await header.getByText('Read-only').count(), 0, 'an admin is not read-only');

      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const link of ['Dashboard', 'Manufacturers', 'Sites', 'Inspections', 'Findings', 'Certifications', 'Reports', 'Import', 'Audit trail', 'Users']) {
        await nav.getByRole('link', { name: link, exact: true }).waitFor();
      }
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await screenshot(page, 'shell.png');

      // Every screen carries the page header with its breadcrumbs.
      await nav.getByRole('link', { name: 'Sites', exact: true }).click();
      await page.waitForURL('**/sites');
      await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Dashboard' }).waitFor();
    });
  });

  it('returns to the page the visitor wanted after sign-in', async () => {
    await withPage(browser, server, 'deep link', async (page) => {
      await page.goto('/certifications?status=expiring');
      await page.waitForURL('**/sign-in?next=*');
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/certifications' && url.search === '?status=expiring');
      await page.getByRole('heading', { level: 1, name: 'Certifications' }).waitFor();
    });
  });

  it('shows an auditor a read-only shell without admin or import screens', async () => {
    const auditor = { email: 'auditor@example.com', name: 'Ines Ortega', role: 'auditor', password: 'reviewer-e2e-passphrase-7' };
    await createUser(browser, server, auditor);
    await withPage(browser, server, 'auditor shell', async (page) => {
      await signIn(page, auditor.email, auditor.password);
      await page.waitForURL((url) => url.pathname === '/');
      const header = page.getByRole('banner');
      await header.getByText(auditor.name, { exact: true }).waitFor();
      await header.getByText('Auditor', { exact: true }).waitFor();
      await header.getByText('Read-only', { exact: true }).waitFor();

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Audit trail', exact: true }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Users', exact: true }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'Import', exact: true }).count(), 0);

      // Typing the address does not open the screen either (and the server refuses its API).
      await page.goto('/users');
      await page.getByText('Not available for your role').waitFor();
      const users = await page.request.get('/api/v1/users');
      assert.equal(users.status(), 403);
    });
  });

  it('signs out back to the sign-in page, and the session is gone', async () => {
    await withPage(browser, server, 'sign out', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();

      const me = await page.request.get('/api/v1/auth/me');
      assert.equal(me.status(), 401, 'the session cookie no longer works');

      await page.goto('/sites');
      await page.waitForURL('**/sign-in?next=%2Fsites');
    });
  });
});
