import { ADMIN_EMAIL, ADMIN_PASSWORD, expect, screenshot, signIn, test } from './fixtures.mjs';

const NEW_PASSWORD = 'a-brand-new-e2e-passphrase-42';

test.describe('change password', () => {
  test.describe('of the admin', () => {
    // A server of its own: the test changes the admin's password.
    test.use({ freshServer: true });

    test('shows the server refusal next to the field, then changes the password', async ({ page }) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('link', { name: 'Change password' }).click();
      await page.waitForURL('**/account/password');
      await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();

      const current = page.getByLabel('Current password');
      const next = page.getByLabel('New password', { exact: true });
      const submit = page.getByRole('button', { name: 'Change password' });

      // Too short: the server's 422 names new_password, shown under that field.
      await current.fill(ADMIN_PASSWORD);
      await next.fill('short');
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
      await submit.click();
      expect((await refused).status()).toBe(422);
      await expect(page.locator('input[name="new_password"][aria-invalid="true"]')).toBeVisible();
      await expect(page.locator('input[name="new_password"]'), 'the server reason is shown and tied to the field').toHaveAccessibleDescription(/\S/);
      await expect(page, 'still signed in, still on the form').toHaveURL(/\/account\/password$/);

      // Wrong current password: refused, and the user stays signed in.
      await current.fill('not-my-current-password');
      await next.fill(NEW_PASSWORD);
      const wrong = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
      await submit.click();
      expect((await wrong).status()).toBeGreaterThanOrEqual(400);
      await expect(page.locator('[role="alert"], input[aria-invalid="true"]').first()).toBeVisible();
      await expect(page).toHaveURL(/\/account\/password$/);

      // A good one.
      await current.fill(ADMIN_PASSWORD);
      await next.fill(NEW_PASSWORD);
      await submit.click();
      await expect(page.getByRole('status').filter({ hasText: 'Your password was changed.' })).toBeVisible();

      // The renewed session keeps working.
      const me = await page.request.get('/api/v1/auth/me');
      expect(me.status()).toBe(200);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await expect(page.getByRole('alert').filter({ hasText: 'The e-mail or password is not correct.' })).toBeVisible();
      await signIn(page, ADMIN_EMAIL, NEW_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    });

  });

  test('a user with a password the admin generated must choose their own before anything else opens', async ({ page, api }) => {
    const created = await api.post('/users', { email: 'fiona.first@example.com', name: 'Fiona First', role: 'procurement' });
    expect(created.generated_password).toBeTruthy();
    await signIn(page, created.email, created.generated_password);
    await page.waitForURL('**/account/password');
    await expect(page.getByText('Choose your own password to continue')).toBeVisible();
    await screenshot(page, 'password-change-required.png');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' })).toHaveCount(0);
    // Any other screen leads back here.
    await page.goto('/sites');
    await page.waitForURL('**/account/password');
    await page.getByLabel('Current password').fill(created.generated_password);
    await page.getByLabel('New password', { exact: true }).fill('my-own-e2e-passphrase-77');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your password was changed.' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sites', exact: true })).toBeVisible();
  });
});
