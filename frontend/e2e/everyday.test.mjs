// Everyday friction on the list screens: the findings list opens on what
// still needs work, most urgent first.
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
      assert.equal(await page.getByRole('textbox', { name: 'Status', exact: true }).inputValue(), 'Not closed');
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
});
