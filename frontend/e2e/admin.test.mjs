// What only admins do (users, deleting) and what every editor meets sooner or
// later: a record changed by someone else while they were editing it.
import { ADMIN_EMAIL, ADMIN_PASSWORD, choose, expect, field, signIn, test } from './fixtures.mjs';
import { createUser, day } from './seed.mjs';

test.describe('administration', () => {
  test('creates users of every role, shows a generated password once, limits and disables access', async ({ page, server }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

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
      await expect(shown).toBeVisible();
      passwords[role] = (await shown.innerText()).trim();
      expect(passwords[role].length, 'a long generated password').toBeGreaterThanOrEqual(16);
      await page.getByRole('button', { name: 'Done' }).click();
      await expect(shown).not.toBeAttached();
      await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
    }
    // The generated password works, once and only as shown.
    const auditor = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualtrack' },
      body: JSON.stringify({ email: 'auditor.two@example.com', password: passwords.Auditor }),
    });
    expect(auditor.status).toBe(200);
    expect((await auditor.json()).password_change_required, 'a generated password must be changed at first sign-in').toBe(true);
    const auditorRow = page.getByRole('row').filter({ hasText: 'Ada Auditor' });
    await expect(auditorRow.getByText(/^Access ends \d/)).toBeVisible();

    // Disable, then enable again.
    const row = page.getByRole('row').filter({ hasText: 'Pedro Procurement' });
    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
    await row.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();

    // Reset a password: a new one is shown once.
    await row.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByTestId('generated-password')).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();

    // A duplicate e-mail is refused next to the field.
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await field(dialog, 'Name').fill('Someone Else');
    await field(dialog, 'E-mail').fill('manager.two@example.com');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByRole('alert').or(dialog.locator('.mantine-InputWrapper-error')).first()).toBeVisible();
  });

  test('limits an auditor to chosen manufacturers; the auditor sees nothing else', async ({ page, newPage, server, api }) => {
    const inScope = await api.post('/manufacturers', { name: 'Scoped Boards', legal_name: '', country: 'MY', website: '', notes: '' });
    const outside = await api.post('/manufacturers', { name: 'Hidden Harness', legal_name: '', country: 'MX', website: '', notes: '' });
    const site = (m, code) => api.post('/sites', { manufacturer_id: m.id, code, name: `${m.name} plant`, city: 'Penang', country: m.country, processes: [], risk_tier: 'medium', notes: '' });
    await site(inScope, 'SB-PEN1');
    await site(outside, 'HH-MTY1');
    const scoped = { email: 'sally.scoped@example.com', name: 'Sally Scoped', role: 'auditor', password: 'reviewer-e2e-passphrase-scope' };
    await createUser(server, scoped);

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
    await expect(page.getByRole('option', { name: 'Hidden Harness' })).toBeHidden();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).not.toBeAttached();
    await expect(row.getByText('1 manufacturer in scope')).toBeVisible();

    // The auditor, in a browser of their own.
    const auditor = await newPage();
    await signIn(auditor, scoped.email, scoped.password);
    await auditor.waitForURL((u) => u.pathname === '/');
    // The dashboard and the lists say whose records the view is limited to.
    await expect(auditor.getByTestId('scope-banner').filter({ hasText: 'limited to the records of Scoped Boards' })).toBeVisible();
    await auditor.goto('/sites');
    await expect(auditor.getByTestId('scope-banner').filter({ hasText: 'Scoped Boards' })).toBeVisible();
    await expect(auditor.getByRole('link', { name: 'SB-PEN1' })).toBeVisible();
    await expect(auditor.getByRole('link', { name: 'HH-MTY1' })).toHaveCount(0);
    // The search box stops at the 200 characters the server takes: a
    // pasted page of text finds nothing rather than failing.
    const search = auditor.getByRole('searchbox', { name: 'Search' });
    await search.fill('x'.repeat(250));
    await expect(search).toHaveValue('x'.repeat(200));
    await expect(auditor.getByText('No site matches these filters')).toBeVisible();
    await search.fill('SB-PEN');
    await expect(auditor.getByRole('link', { name: 'SB-PEN1' })).toBeVisible();
    await auditor.goto('/manufacturers');
    await expect(auditor.getByRole('link', { name: 'Scoped Boards' })).toBeVisible();
    await expect(auditor.getByRole('link', { name: 'Hidden Harness' })).toHaveCount(0);
    // Out of scope is not found, not forbidden.
    await auditor.goto(`/manufacturers/${outside.id}`);
    await expect(auditor.getByText('This record does not exist or was deleted.')).toBeVisible();
  });

  test('limits an auditor to chosen manufacturers when creating them', async ({ page, api }) => {
    const m = await api.post('/manufacturers', { name: 'Born Scoped Ltd', legal_name: '', country: 'LT', website: '', notes: '' });
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
    await expect(page.getByTestId('generated-password')).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Bea Scoped' }).getByText('1 manufacturer in scope')).toBeVisible();
    const users = await api.get('/users?q=bea.scoped');
    expect(users.items[0].scope_manufacturer_ids).toEqual([m.id]);
  });

  test('tells an editor that someone else changed the record, and reloads it', async ({ page, api }) => {
    const m = await api.post('/manufacturers', { name: 'Conflict Components', legal_name: '', country: 'DE', website: '', notes: '' });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/manufacturers/${m.id}/edit`);
    await expect(field(page, 'Legal name')).toBeVisible();
    // Someone else saves first.
    await api.patch(`/manufacturers/${m.id}`, { version: m.version, notes: 'Changed by a colleague' });
    await field(page, 'Legal name').fill('Conflict Components GmbH');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed this record' })).toBeVisible();
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed this record' })).not.toBeAttached();
    await expect(field(page, 'Notes'), 'the form shows the latest version').toHaveValue('Changed by a colleague');
    await field(page, 'Legal name').fill('Conflict Components GmbH');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/manufacturers/${m.id}$`));
    await expect(page.getByText('Conflict Components GmbH').first()).toBeVisible();
  });

  test('lets an admin delete an empty manufacturer after confirming', async ({ page, api }) => {
    const m = await api.post('/manufacturers', { name: 'Typo Manufacturing', legal_name: '', country: 'FR', website: '', notes: '' });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/manufacturers/${m.id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Typo Manufacturing?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).not.toBeAttached();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL((u) => u.pathname === '/manufacturers');
    const res = await api.raw('GET', `/manufacturers/${m.id}`);
    expect(res.status).toBe(404);
  });
});
