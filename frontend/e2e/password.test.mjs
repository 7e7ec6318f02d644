import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient } from './seed.mjs';

// Its own server: this file changes the admin's password.
/** The text of the elements that describe an input (its hint and its error). */
async function describedBy(page, input) {
  const ids = ((await input.getAttribute('aria-describedby')) || '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

describe('change password', () => {
  let server;
  let browser;
  const NEW_PASSWORD = 'a-brand-new-e2e-passphrase-42';

  let created;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Made before any test changes the admin's password.
    const api = await apiClient(server);
    created = await api.post('/users', { email: 'fiona.first@example.com', name: 'Fiona First', role: 'procurement' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the server refusal next to the field, then changes the password', async () => {
    await withPage(browser, server, 'change password', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('link', { name: 'Change password' }).click();
      await page.waitForURL('**/account/password');
      await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();

      const current = page.getByLabel('Current password');
      const next = page.getByLabel('New password', { exact: true });
      const submit = page.getByRole('button', { name: 'Change password' });

      // Too short: the server's 422 names new_password, shown under that field.
      await current.fill(ADMIN_PASSWORD);
      await next.fill('short');
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
      await submit.click();
      assert.equal((await refused).status(), 422);
      await page.locator('input[name="new_password"][aria-invalid="true"]').waitFor();
      const why = await describedBy(page, page.locator('input[name="new_password"]'));
      assert.ok(why.trim().length > 0, 'the server reason is shown and tied to the field');
      assert.match(page.url(), /\/account\/password$/, 'still signed in, still on the form');

      // Wrong current password: refused, and the user stays signed in.
      await current.fill('not-my-current-password');
      await next.fill(NEW_PASSWORD);
      const wrong = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
      await submit.click();
      assert.ok((await wrong).status() >= 400);
      await page.locator('[role="alert"], input[aria-invalid="true"]').first().waitFor();
      assert.match(page.url(), /\/account\/password$/);

      // A good one.
      await current.fill(ADMIN_PASSWORD);
      await next.fill(NEW_PASSWORD);
      await submit.click();
      await page.getByRole('status').filter({ hasText: 'Your password was changed.' }).waitFor();

      // The renewed session keeps working.
      const me = await page.request.get('/api/v1/auth/me');
      assert.equal(me.status(), 200);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.getByRole('alert').filter({ hasText: 'The e-mail or password is not correct.' }).waitFor();
      await signIn(page, ADMIN_EMAIL, NEW_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    });
  });

  it('a user with a password the admin generated must choose their own before anything else opens', async () => {
    assert.ok(created.generated_password);
    await withPage(browser, server, 'first sign-in', async (page) => {
      await signIn(page, created.email, created.generated_password);
      await page.waitForURL('**/account/password');
      await page.getByText('Choose your own password to continue').waitFor();
      await screenshot(page, 'password-change-required.png');
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).count(), 0);
      // Any other screen leads back here.
      await page.goto('/sites');
      await page.waitForURL('**/account/password');
      await page.getByLabel('Current password').fill(created.generated_password);
      await page.getByLabel('New password', { exact: true }).fill('my-own-e2e-passphrase-77');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').filter({ hasText: 'Your password was changed.' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sites', exact: true }).waitFor();
    });
  });
});
