// The audit trail as an auditor reads it: names instead of ids, labels
// instead of codes, only what changed, the record as a link; filtered by
// person, record type and date, and exported as a spreadsheet.
import fs from 'node:fs';
import { choose, expect, screenshot, signIn, test } from './fixtures.mjs';
import { apiClient, createUser, day } from './seed.mjs';
import { readWorkbook } from './xlsx.mjs';

const manager = { email: 'mara@example.com', name: 'Mara Manager', role: 'manager', password: 'lead-e2e-passphrase-trail' };
const auditor = { email: 'aurelio@example.com', name: 'Aurelio Auditor', role: 'auditor', password: 'reviewer-e2e-passphrase-trail' };

test.describe('audit trail', () => {
  test('shows who changed what in words, filters by person, record type and date, links the record and exports the filtered trail', async ({ page, server, api, register }) => {
    for (const u of [manager, auditor]) await createUser(server, u);
    const [from, to] = register.manufacturers;
    const site = await api.post('/sites', {
      manufacturer_id: from.id, code: 'ACME-DG2', name: 'Dongguan harness line', city: 'Dongguan', country: 'CN',
      processes: ['cable_assembly'], risk_tier: 'low', notes: '',
    });
    // Inspected, so its next inspection is due by its risk tier.
    await api.post('/inspections', {
      site_id: site.id, type: 'routine', status: 'completed', scheduled_date: day(-60), performed_date: day(-60), result: 'pass', score: 88,
      summary: 'Cable assembly and test stations visited.', signature: api.signature('authored'),
    });
    const current = await api.get(`/sites/${site.id}`);
    // The manager moves the site to another manufacturer and raises its risk tier.
    const asManager = await apiClient(server, manager.email, manager.password);
    await asManager.patch(`/sites/${site.id}`, { version: current.version, manufacturer_id: to.id, risk_tier: 'high' });

    await signIn(page, auditor.email, auditor.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/audit-trail');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();

    await choose(page, 'Person', `${manager.name} (${manager.email})`);
    await choose(page, 'Record type', 'Sites');
    await page.getByLabel('From').fill(day(0));
    await page.waitForURL((u) => u.searchParams.get('entity_type') === 'site' && u.searchParams.get('from') === day(0) && u.searchParams.has('actor_id'));

    // The URL changes at once; the table follows when the filtered page
    // arrives: its count says so.
    await expect(page.getByText('1–1 of 1', { exact: true })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Site changed' });
    await expect(row, 'one change by the manager').toHaveCount(1);
    await expect(row.getByRole('cell', { name: manager.name })).toBeVisible();
    const changes = row.getByRole('cell').last();
    const asRead = { useInnerText: true };
    await expect(changes).toContainText(new RegExp(`Manufacturer: ${from.name} → ${to.name}`), asRead);
    await expect(changes).toContainText(/Risk tier: Low → High/, asRead);
    // Dates read as dates in the reader's locale (en-GB here), not as codes.
    await expect(changes).toContainText(/Next inspection due: \d{1,2} [A-Z][a-z]{2} \d{4} → \d{1,2} [A-Z][a-z]{2} \d{4}/, asRead);
    await expect(changes, 'labels, and only what changed').not.toContainText(/manufacturer_id|updated_at|version|City/, asRead);

    await page.getByLabel('From').blur();
    await screenshot(page, 'audit-trail.png');
    for (const [w, h, file] of [[820, 1180, 'audit-trail-tablet.png'], [390, 844, 'audit-trail-phone.png']]) {
      await page.setViewportSize({ width: w, height: h });
      await expect(row.first()).toBeVisible();
      await screenshot(page, file);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // The export holds the filtered trail, one row per changed field, in words.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download spreadsheet' }).click();
    const bytes = fs.readFileSync(await (await download).path());
    const sheet = readWorkbook(bytes).find((s) => s.name === 'Audit trail');
    expect(sheet, 'an Audit trail sheet').toBeTruthy();
    const [header, ...rows] = sheet.rows;
    const col = (name) => header.indexOf(name);
    // The next inspection due follows the risk tier: it changed too.
    expect(rows, 'three changed fields').toHaveLength(3);
    for (const r of rows) {
      expect(r[col('Person')]).toBe(manager.name);
      expect(r[col('What happened')]).toBe('Site changed');
    }
    expect(rows.map((r) => r[col('Field')]).sort()).toEqual(['Manufacturer', 'Next inspection due', 'Risk tier']);
    await expect(page.getByText(/^Downloaded audit-trail-.*\.xlsx/)).toBeVisible();

    // The record is a link to its page.
    await row.getByRole('link', { name: new RegExp(site.code) }).click();
    await page.waitForURL((u) => u.pathname === `/sites/${site.id}`);
  });
});
