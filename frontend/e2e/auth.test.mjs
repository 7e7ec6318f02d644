// Sign-in and the shell around every screen.
import { ADMIN_EMAIL, ADMIN_PASSWORD, expect, screenshot, signIn, test } from './fixtures.mjs';
import { createUser } from './seed.mjs';

test.describe('sign-in and the shell', () => {
  test('sends a visitor to the sign-in page', async ({ page }) => {
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await screenshot(page, 'sign-in.png');
  });

  test('shows an error for a wrong password and stays on the sign-in page', async ({ page }) => {
    await page.goto('/sign-in');
    await signIn(page, ADMIN_EMAIL, 'not-the-password-at-all');
    await expect(page.getByRole('alert').filter({ hasText: 'The e-mail or password is not correct.' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
    // The e-mail stays filled in for the next try.
    await expect(page.getByLabel('Email')).toHaveValue(ADMIN_EMAIL);
  });

  test('shows how long to wait when the server rate-limits sign-in', async ({ page }) => {
    // The server's own limit depends on its settings; this checks the page's
    // handling of the contract's 429 + Retry-After.
    await page.route('**/api/v1/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '30', 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'too many sign-in attempts' } }),
      }),
    );
    await page.clock.install();
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    // The page's clock stands still from here, so the countdown shows where it
    // starts however slow the machine is.
    await page.clock.pauseAt(Date.now() + 1_000);
    await signIn(page, ADMIN_EMAIL, 'whatever-password');
    await expect(page.getByRole('alert').filter({ hasText: 'Too many attempts, try again in 30 seconds.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  test('signs the admin in and shows the shell with name and role', async ({ page }) => {
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');

    const me = await (await page.request.get('/api/v1/auth/me')).json();
    expect(me.role).toBe('admin');
    expect(me.email).toBe(ADMIN_EMAIL);

    const header = page.getByRole('banner');
    await expect(header.getByText('qualtrack', { exact: true })).toBeVisible();
    await expect(header.getByText(me.name, { exact: true })).toBeVisible();
    await expect(header.getByText('Admin', { exact: true })).toBeVisible();
    await expect(header.getByText('Read-only'), 'an admin is not read-only').toHaveCount(0);

    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Dashboard', 'Manufacturers', 'Sites', 'Inspections', 'Findings', 'Certifications', 'Reports', 'Import', 'Audit trail', 'Users']) {
      await expect(nav.getByRole('link', { name: link, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await screenshot(page, 'shell.png');

    // Every screen carries the page header with its breadcrumbs.
    await nav.getByRole('link', { name: 'Sites', exact: true }).click();
    await page.waitForURL('**/sites');
    await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Dashboard' })).toBeVisible();
  });

  test('returns to the page the visitor wanted after sign-in', async ({ page }) => {
    await page.goto('/certifications?status=expiring');
    await page.waitForURL('**/sign-in?next=*');
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/certifications' && url.search === '?status=expiring');
    await expect(page.getByRole('heading', { level: 1, name: 'Certifications' })).toBeVisible();
  });

  test('shows an auditor a read-only shell without admin or import screens', async ({ page, server }) => {
    const auditor = { email: 'auditor@example.com', name: 'Ines Ortega', role: 'auditor', password: 'reviewer-e2e-passphrase-7' };
    await createUser(server, auditor);
    await signIn(page, auditor.email, auditor.password);
    await page.waitForURL((url) => url.pathname === '/');
    const header = page.getByRole('banner');
    await expect(header.getByText(auditor.name, { exact: true })).toBeVisible();
    await expect(header.getByText('Auditor', { exact: true })).toBeVisible();
    await expect(header.getByText('Read-only', { exact: true })).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Audit trail', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Import', exact: true })).toHaveCount(0);

    // Typing the address does not open the screen either (and the server refuses its API).
    await page.goto('/users');
    await expect(page.getByText('Not available for your role')).toBeVisible();
    const users = await page.request.get('/api/v1/users');
    expect(users.status()).toBe(403);
  });

  test('signs out back to the sign-in page, and the session is gone', async ({ page }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

    const me = await page.request.get('/api/v1/auth/me');
    expect(me.status(), 'the session cookie no longer works').toBe(401);

    await page.goto('/sites');
    await page.waitForURL('**/sign-in?next=%2Fsites');
  });
});
