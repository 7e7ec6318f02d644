// The audit trail as an auditor reads it: names instead of ids, labels
// instead of codes, only what changed, the record as a link; filtered by
// person, record type and date, and exported as a spreadsheet.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day, seedRegister } from './seed.mjs';
import { readWorkbook } from './xlsx.mjs';

const manager = { email: 'mara@example.com', name: 'Mara Manager', role: 'manager', password: 'lead-e2e-passphrase-trail' };
const auditor = { email: 'aurelio@example.com', name: 'Aurelio Auditor', role: 'auditor', password: 'reviewer-e2e-passphrase-trail' };

async function choose(page, label, option) {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('audit trail', () => {
  let server;
  let browser;
  let seeded;
  let site;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    seeded = await seedRegister(server);
    for (const u of [manager, auditor]) await createUser(browser, server, u);
    // The manager moves a site to another manufacturer and raises its risk tier.
    const api = await apiClient(server, manager.email, manager.password);
    site = seeded.sites[2];
    const current = await api.get(`/sites/${site.id}`);
    await api.patch(`/sites/${site.id}`, { version: current.version, manufacturer_id: seeded.manufacturers[1].id, risk_tier: 'high' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows who changed what in words, filters by person, record type and date, links the record and exports the filtered trail', async () => {
    await withPage(browser, server, 'audit trail', async (page) => {
      await signIn(page, auditor.email, auditor.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/audit-trail');
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();

      await choose(page, 'Person', `${manager.name} (${manager.email})`);
      await choose(page, 'Record type', 'Sites');
      await page.getByLabel('From').fill(day(0));
      await page.waitForURL((u) => u.searchParams.get('entity_type') === 'site' && u.searchParams.get('from') === day(0) && u.searchParams.has('actor_id'));

      // The URL changes at once; the table follows when the filtered page
      // arrives: its count says so.
      await page.getByText('1–1 of 1', { exact: true }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Site changed' });
      assert.equal(await row.count(), 1, 'one change by the manager');
      await row.getByRole('cell', { name: manager.name }).waitFor();
      const changes = row.getByRole('cell').last();
      const text = (await changes.innerText()).replace(/\s+/g, ' ');
      assert.match(text, new RegExp(`Manufacturer: ${seeded.manufacturers[0].name} → ${seeded.manufacturers[1].name}`));
      assert.match(text, /Risk tier: Low → High/);
      // Dates read as dates in the reader's locale (en-GB here), not as codes.
      assert.match(text, /Next inspection due: \d{1,2} [A-Z][a-z]{2} \d{4} → \d{1,2} [A-Z][a-z]{2} \d{4}/);
      assert.doesNotMatch(text, /manufacturer_id|updated_at|version|City/, 'labels, and only what changed');

      await page.getByLabel('From').blur();
      await screenshot(page, 'audit-trail.png');
      for (const [w, h, file] of [[820, 1180, 'audit-trail-tablet.png'], [390, 844, 'audit-trail-phone.png']]) {
        await page.setViewportSize({ width: w, height: h });
        await row.first().waitFor();
        await screenshot(page, file);
      }
      await page.setViewportSize({ width: 1280, height: 800 });

      // The export holds the filtered trail, one row per changed field, in words.
      const download = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByRole('button', { name: 'Download spreadsheet' }).click();
      const bytes = fs.readFileSync(await (await download).path());
      const sheet = readWorkbook(bytes).find((s) => s.name === 'Audit trail');
      assert.ok(sheet, 'an Audit trail sheet');
      const [header, ...rows] = sheet.rows;
      const col = (name) => header.indexOf(name);
      // The next inspection due follows the risk tier: it changed too.
      assert.equal(rows.length, 3, `three changed fields: ${JSON.stringify(rows)}`);
      for (const r of rows) {
        assert.equal(r[col('Person')], manager.name);
        assert.equal(r[col('What happened')], 'Site changed');
      }
      assert.deepEqual(rows.map((r) => r[col('Field')]).sort(), ['Manufacturer', 'Next inspection due', 'Risk tier']);
      await page.getByText(/^Downloaded audit-trail-.*\.xlsx/).waitFor();

      // The record is a link to its page.
      await row.getByRole('link', { name: new RegExp(site.code) }).click();
      await page.waitForURL((u) => u.pathname === `/sites/${site.id}`);
    });
  });
});
