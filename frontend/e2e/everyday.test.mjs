// Everyday friction on the list screens: the findings list opens on what
// still needs work, most urgent first; a country is picked by its name;
// typed input is never lost without a question.
import { ADMIN_EMAIL, ADMIN_PASSWORD, expect, signIn, test } from './fixtures.mjs';

test.describe('everyday lists', () => {
  test('opens the findings list on the findings not closed, the most urgent (earliest due) first', async ({ page, api, register }) => {
    expect(register.sites.length, 'the seeded register').toBeGreaterThan(0);
    const all = await api.get('/findings?page_size=200');
    const closed = all.items.filter((f) => f.status === 'closed');
    const urgent = await api.get('/findings?status=open,in_progress&sort=due_date&page_size=1');
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
    await page.waitForURL((u) => u.pathname === '/findings' && u.searchParams.get('status') === 'open,in_progress');
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('input')].some((i) => i.value === 'Not closed')), 'the status filter reads "Not closed"').toBe(true);
    const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(rows.first()).toBeVisible();
    await expect(rows.first()).toContainText(new RegExp(urgent.items[0].description.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    for (const f of closed) await expect(page.getByText(f.description, { exact: true }), `closed finding ${f.id} is not listed`).toHaveCount(0);
    await expect(page.getByText(`of ${urgent.total}`)).toBeVisible();

    // Clearing the filters shows every finding, and stays so.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.searchParams.has('status'));
    await expect(page.getByText(`of ${all.total}`)).toBeVisible();
  });

  test('filters sites and manufacturers by a country typed by name, not by a guessed code', async ({ page, register }) => {
    expect(register.sites.map((s) => s.code)).toEqual(expect.arrayContaining(['ACME-SZ1', 'BALT-VNO']));
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/sites');
    await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
    const country = page.getByRole('textbox', { name: 'Country', exact: true });
    await country.fill('Lithuania');
    await page.getByRole('option', { name: 'Lithuania (LT)' }).click();
    await page.waitForURL((u) => u.searchParams.get('country') === 'LT');
    // The list shows the previous page until the filtered one arrives: wait for the other countries to go.
    await expect(page.getByRole('link', { name: 'ACME-SZ1', exact: true })).not.toBeAttached();
    await expect(page.getByRole('link', { name: 'BALT-VNO', exact: true })).toBeVisible();
    await expect(page.getByText('The filters are not valid')).toHaveCount(0);

    // "Germany" is Germany, not Georgia (GE) nor a code to guess.
    await country.fill('Germany');
    const options = page.getByRole('option');
    await expect(options).toHaveText(['Germany (DE)']);
    await options.first().click();
    await page.waitForURL((u) => u.searchParams.get('country') === 'DE');
    await expect(page.getByText('No site matches these filters')).toBeVisible();

    await page.goto('/manufacturers');
    await page.getByRole('textbox', { name: 'Country', exact: true }).fill('Viet');
    await page.getByRole('option', { name: /\(VN\)$/ }).click();
    await page.waitForURL((u) => u.searchParams.get('country') === 'VN');
    await expect(page.getByRole('link', { name: 'Acme Electronics' })).not.toBeAttached();
    await expect(page.getByRole('link', { name: 'Saigon Precision' })).toBeVisible();
  });

  test('asks before a dialog with typed input closes on Escape, and before a full-page form with changes is left', async ({ page }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel(/^Name/).fill('Half Typed');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect(ask).not.toBeAttached();
    await expect(dialog.getByLabel(/^Name/), 'the input is kept').toHaveValue('Half Typed');
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await expect(dialog).not.toBeAttached();
    // An untouched dialog closes on Escape at once.
    await page.getByRole('button', { name: 'New user' }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).not.toBeAttached();

    await page.goto('/sites/new');
    await page.getByLabel(/^Site name/).fill('Unsaved plant');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Manufacturers' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.getByRole('button', { name: 'Keep editing' }).click();
    await expect(page).toHaveURL(/\/sites\/new$/);
    await expect(page.getByLabel(/^Site name/)).toHaveValue('Unsaved plant');
    await nav.getByRole('link', { name: 'Manufacturers' }).click();
    await leave.getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL((u) => u.pathname === '/manufacturers');
  });
});
