// What only admins do (users, deleting) and what every editor meets sooner or
// later: a record changed by someone else while they were editing it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, launchBrowser, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

function field(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

async function choose(page, label, option, scope = page) {
  await scope.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('administration', () => {
  let server;
  let browser;
  let api;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiClient(server);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates users of every role, shows a generated password once, limits and disables access', async () => {
    await withPage(browser, server, 'users', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

      const passwords = {};
      for (const [role, name] of [['Manager', 'Mina Manager'], ['Procurement', 'Pedro Procurement'], ['Auditor', 'Ada Auditor'], ['Admin', 'Alan Admin']]) {
        await page.getByRole('button', { name: 'New user' }).click();
        const dialog = page.getByRole('dialog', { name: 'New user' });
        await field(dialog, 'Name').fill(name);
        await field(dialog, 'E-mail').fill(`${role.toLowerCase()}.two@example.com`);
        await choose(page, 'Role', role, dialog);
        if (role === 'Auditor') await field(dialog, 'Access ends').fill(day(30));
        await dialog.getByRole('button', { name: 'Create user' }).click();
        const shown = page.getByTestId('generated-password');
        await shown.waitFor();
        passwords[role] = (await shown.innerText()).trim();
        assert.ok(passwords[role].length >= 16, 'a long generated password');
        await page.getByRole('button', { name: 'Done' }).click();
        await shown.waitFor({ state: 'detached' });
        await page.getByRole('row').filter({ hasText: name }).waitFor();
      }
      // The generated password works, once and only as shown.
      const auditor = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualtrack' },
        body: JSON.stringify({ email: 'auditor.two@example.com', password: passwords.Auditor }),
      });
      assert.equal(auditor.status, 200);
      assert.equal((await auditor.json()).password_change_required, true, 'a generated password must be changed at first sign-in');
      const auditorRow = page.getByRole('row').filter({ hasText: 'Ada Auditor' });
      await auditorRow.getByText(/^Access ends \d/).waitFor();

      // Disable, then enable again.
      const row = page.getByRole('row').filter({ hasText: 'Pedro Procurement' });
      await row.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
      await row.getByText('Disabled', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'Enable' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
      await row.getByText('Active', { exact: true }).waitFor();

      // Reset a password: a new one is shown once.
      await row.getByRole('button', { name: 'Reset password' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
      await page.getByTestId('generated-password').waitFor();
      await page.getByRole('button', { name: 'Done' }).click();

      // A duplicate e-mail is refused next to the field.
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await field(dialog, 'Name').fill('Someone Else');
      await field(dialog, 'E-mail').fill('manager.two@example.com');
      await dialog.getByRole('button', { name: 'Create user' }).click();
      await dialog.getByRole('alert').or(dialog.locator('.mantine-InputWrapper-error')).first().waitFor();
    });
  });

  it('limits an auditor to chosen manufacturers; the auditor sees nothing else', async () => {
    const inScope = await api.post('/manufacturers', { name: 'Scoped Boards', legal_name: '', country: 'MY', website: '', notes: '' });
    const outside = await api.post('/manufacturers', { name: 'Hidden Harness', legal_name: '', country: 'MX', website: '', notes: '' });
    const site = (m, code) => api.post('/sites', { manufacturer_id: m.id, code, name: `${m.name} plant`, city: 'Penang', country: m.country, processes: [], risk_tier: 'medium', notes: '' });
    await site(inScope, 'SB-PEN1');
    await site(outside, 'HH-MTY1');
    const scoped = { email: 'sally.scoped@example.com', name: 'Sally Scoped', role: 'auditor', password: 'reviewer-e2e-passphrase-scope' };
    await createUser(browser, server, scoped);

    await withPage(browser, server, 'auditor scope', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      const row = page.getByRole('row').filter({ hasText: scoped.name });
      await row.getByRole('button', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog', { name: `Edit ${scoped.name}` });
      await dialog.getByRole('textbox', { name: 'Manufacturers in scope' }).click();
      await page.getByRole('option', { name: 'Scoped Boards', exact: true }).click();
      // The picker stays open for more choices; clicking outside it closes it.
      await dialog.getByRole('heading', { name: `Edit ${scoped.name}` }).click();
      await page.getByRole('option', { name: 'Hidden Harness' }).waitFor({ state: 'hidden' });
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('1 manufacturer in scope').waitFor();
    });

    await withPage(browser, server, 'auditor in scope', async (page) => {
      await signIn(page, scoped.email, scoped.password);
      await page.waitForURL((u) => u.pathname === '/');
      // The dashboard and the lists say whose records the view is limited to.
      await page.getByTestId('scope-banner').filter({ hasText: 'limited to the records of Scoped Boards' }).waitFor();
      await page.goto('/sites');
      await page.getByTestId('scope-banner').filter({ hasText: 'Scoped Boards' }).waitFor();
      await page.getByRole('link', { name: 'SB-PEN1' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'HH-MTY1' }).count(), 0);
      // The search box stops at the 200 characters the server takes: a
      // pasted page of text finds nothing rather than failing.
      const search = page.getByRole('searchbox', { name: 'Search' });
      await search.fill('x'.repeat(250));
      assert.equal((await search.inputValue()).length, 200);
      await page.getByText('No site matches these filters').waitFor();
      await search.fill('SB-PEN');
      await page.getByRole('link', { name: 'SB-PEN1' }).waitFor();
      await page.goto('/manufacturers');
      await page.getByRole('link', { name: 'Scoped Boards' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Hidden Harness' }).count(), 0);
      // Out of scope is not found, not forbidden.
      await page.goto(`/manufacturers/${outside.id}`);
      await page.getByText('This record does not exist or was deleted.').waitFor();
    });
  });

  it('limits an auditor to chosen manufacturers when creating them', async () => {
    const m = await api.post('/manufacturers', { name: 'Born Scoped Ltd', legal_name: '', country: 'LT', website: '', notes: '' });
    await withPage(browser, server, 'auditor scoped at creation', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await field(dialog, 'Name').fill('Bea Scoped');
      await field(dialog, 'E-mail').fill('bea.scoped@example.com');
      await choose(page, 'Role', 'Auditor', dialog);
      await field(dialog, 'Access ends').fill(day(30));
      await dialog.getByRole('textbox', { name: 'Manufacturers in scope' }).click();
      await page.getByRole('option', { name: 'Born Scoped Ltd', exact: true }).click();
      await dialog.getByRole('heading', { name: 'New user' }).click();
      await dialog.getByRole('button', { name: 'Create user' }).click();
      await page.getByTestId('generated-password').waitFor();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('row').filter({ hasText: 'Bea Scoped' }).getByText('1 manufacturer in scope').waitFor();
    });
    const users = await api.get('/users?q=bea.scoped');
    assert.deepEqual(users.items[0].scope_manufacturer_ids, [m.id]);
  });

  it('tells an editor that someone else changed the record, and reloads it', async () => {
    const m = await api.post('/manufacturers', { name: 'Conflict Components', legal_name: '', country: 'DE', website: '', notes: '' });
    await withPage(browser, server, 'version conflict', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/manufacturers/${m.id}/edit`);
      await field(page, 'Legal name').waitFor();
      // Someone else saves first.
      await api.patch(`/manufacturers/${m.id}`, { version: m.version, notes: 'Changed by a colleague' });
      await field(page, 'Legal name').fill('Conflict Components GmbH');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone else changed this record' }).waitFor();
      await page.getByRole('button', { name: 'Reload the record' }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone else changed this record' }).waitFor({ state: 'detached' });
      assert.equal(await field(page, 'Notes').inputValue(), 'Changed by a colleague', 'the form shows the latest version');
      await field(page, 'Legal name').fill('Conflict Components GmbH');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(new RegExp(`/manufacturers/${m.id}$`));
      await page.getByText('Conflict Components GmbH').first().waitFor();
    });
  });

  it('lets an admin delete an empty manufacturer after confirming', async () => {
    const m = await api.post('/manufacturers', { name: 'Typo Manufacturing', legal_name: '', country: 'FR', website: '', notes: '' });
    await withPage(browser, server, 'delete manufacturer', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/manufacturers/${m.id}`);
      await page.getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Typo Manufacturing?' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.waitForURL((u) => u.pathname === '/manufacturers');
      const res = await api.raw('GET', `/manufacturers/${m.id}`);
      assert.equal(res.status, 404);
    });
  });
});
