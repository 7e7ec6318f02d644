// Everyday friction on the list screens: the findings list opens on what
// still needs work, most urgent first; a country is picked by its name;
// typed input is never lost without a question.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, signIn, startServer, withPage } from './harness.mjs';
import { seedRegister } from './seed.mjs';

describe('everyday lists', () => {
  let server;
  let browser;
  let seeded;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    seeded = await seedRegister(server);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the findings list on the findings not closed, the most urgent (earliest due) first', async () => {
    const { api } = seeded;
    const all = await api.get('/findings?page_size=200');
    const closed = all.items.filter((f) => f.status === 'closed');
    const urgent = await api.get('/findings?status=open,in_progress&sort=due_date&page_size=1');
    await withPage(browser, server, 'findings default', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
      await page.waitForURL((u) => u.pathname === '/findings' && u.searchParams.get('status') === 'open,in_progress');
      await page.waitForFunction(() => document.querySelector('input[aria-haspopup][value="Not closed"]') || [...document.querySelectorAll('input')].some((i) => i.value === 'Not closed'));
      const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
      await rows.first().waitFor();
      assert.match(await rows.first().innerText(), new RegExp(urgent.items[0].description.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      for (const f of closed) assert.equal(await page.getByText(f.description, { exact: true }).count(), 0, `closed finding ${f.id} is not listed`);
      await page.getByText(`of ${urgent.total}`).waitFor();

      // Clearing the filters shows every finding, and stays so.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForURL((u) => !u.searchParams.has('status'));
      await page.getByText(`of ${all.total}`).waitFor();
    });
  });

  it('filters sites and manufacturers by a country typed by name, not by a guessed code', async () => {
    await withPage(browser, server, 'country select', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/sites');
      await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
      const country = page.getByRole('textbox', { name: 'Country', exact: true });
      await country.fill('Lithuania');
      await page.getByRole('option', { name: 'Lithuania (LT)' }).click();
      await page.waitForURL((u) => u.searchParams.get('country') === 'LT');
      // The list shows the previous page until the filtered one arrives: wait for the other countries to go.
      await page.getByRole('link', { name: 'ACME-SZ1', exact: true }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'BALT-VNO', exact: true }).waitFor();
      assert.equal(await page.getByText('The filters are not valid').count(), 0);

      // "Germany" is Germany, not Georgia (GE) nor a code to guess.
      await country.fill('Germany');
      const options = page.getByRole('option');
      await options.first().waitFor();
      assert.deepEqual(await options.allInnerTexts(), ['Germany (DE)']);
      await options.first().click();
      await page.waitForURL((u) => u.searchParams.get('country') === 'DE');
      await page.getByText('No site matches these filters').waitFor();

      await page.goto('/manufacturers');
      await page.getByRole('textbox', { name: 'Country', exact: true }).fill('Viet');
      await page.getByRole('option', { name: /\(VN\)$/ }).click();
      await page.waitForURL((u) => u.searchParams.get('country') === 'VN');
      await page.getByRole('link', { name: 'Acme Electronics' }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Saigon Precision' }).waitFor();
    });
  });

  it('asks before a dialog with typed input closes on Escape, and before a full-page form with changes is left', async () => {
    await withPage(browser, server, 'unsaved changes', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await dialog.getByLabel(/^Name/).fill('Half Typed');
      await page.keyboard.press('Escape');
      const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
      await ask.getByRole('button', { name: 'Keep editing' }).click();
      await ask.waitFor({ state: 'detached' });
      assert.equal(await dialog.getByLabel(/^Name/).inputValue(), 'Half Typed', 'the input is kept');
      await page.keyboard.press('Escape');
      await ask.getByRole('button', { name: 'Discard changes' }).click();
      await dialog.waitFor({ state: 'detached' });
      // An untouched dialog closes on Escape at once.
      await page.getByRole('button', { name: 'New user' }).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await page.goto('/sites/new');
      await page.getByLabel(/^Site name/).fill('Unsaved plant');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Manufacturers' }).click();
      const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
      await leave.getByRole('button', { name: 'Keep editing' }).click();
      assert.equal(new URL(page.url()).pathname, '/sites/new');
      assert.equal(await page.getByLabel(/^Site name/).inputValue(), 'Unsaved plant');
      await nav.getByRole('link', { name: 'Manufacturers' }).click();
      await leave.getByRole('button', { name: 'Discard changes' }).click();
      await page.waitForURL((u) => u.pathname === '/manufacturers');
    });
  });
});
