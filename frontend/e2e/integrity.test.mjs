// Hardware integrity on a tablet: an inspector records the firmware hash
// read on the programming station (pasted as a sha256sum line) and the
// golden sample as found for a product the site builds; the hash that
// matches no release raises a critical finding on the inspection at once,
// and the site's integrity page and the drift report show the difference.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

const inspector = { email: 'ines@example.com', name: 'Ines Inspector', role: 'procurement', password: 'field-e2e-passphrase-31' };
const TABLET = { width: 820, height: 1180 };
const BMC = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const BIOS = 'fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13';
const ROGUE = '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752';
// A real PNG, as a tablet's camera would hand over a JPEG.
const PHOTO = fs.readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));

/** Fails when axe finds a serious or critical violation on the page as it is. */
async function assertAccessible(page, where) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), []);
}

describe('hardware integrity', () => {
  let server;
  let browser;
  let api;
  let site;
  let inspection;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiClient(server);
    await createUser(browser, server, inspector);
    const m = await api.post('/manufacturers', { name: 'Lumen Boards', legal_name: '', country: 'MY', notes: '' });
    site = await api.post('/sites', { manufacturer_id: m.id, code: 'LUM-PEN1', name: 'Penang programming room', city: 'Penang', country: 'MY', processes: ['firmware_programming', 'smt'], risk_tier: 'critical', notes: '' });
    const product = await api.post('/products', { part_number: 'QT-MB7', revision: 'B', name: 'Dual-socket server mainboard' });
    for (const [component, version, sha256] of [['bmc', '2.14', BMC], ['bios', '3.1', BIOS]]) {
      const rel = await api.post(`/products/${product.id}/firmware-releases`, { component, firmware_version: version, sha256, released_on: day(-20), signer: 'Release board', key_id: 'fw-2026' });
      await api.post(`/firmware-releases/${rel.id}/approve`, { signature: api.signature('approved') });
    }
    await api.post(`/products/${product.id}/bom-revisions`, { bom_revision: 'MB7-BOM-F', avl_revision: 'AVL-31', effective_on: day(-20) });
    await api.post(`/sites/${site.id}/products`, { product_id: product.id, processes: ['firmware_programming'], golden_serial: 'GS-0007', golden_seal_number: 'TS-448120', golden_custodian: 'QA lead', golden_location: 'Cabinet 2', golden_sealed_on: day(-30) });
    await api.post(`/sites/${site.id}/component-sources`, { name: 'Quick Parts Brokerage', source_type: 'broker', component_families: ['DRAM'], authorised: false });
    inspection = await api.post('/inspections', { site_id: site.id, type: 'routine', status: 'planned', scheduled_date: day(0), team: '', scope: 'Firmware programming room' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('observations made offline in inspection mode are sent when the network is back and the mismatch raises a finding', async () => {
    const offlineVisit = await api.post('/inspections', { site_id: site.id, type: 'for_cause', status: 'planned', scheduled_date: day(1), team: '', scope: 'Programming room, no network' });
    await withPage(browser, server, 'integrity observations offline', async (page) => {
      await page.setViewportSize(TABLET);
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${offlineVisit.id}`);
      await page.getByRole('button', { name: 'Prepare for offline' }).click();
      await page.getByRole('region', { name: 'Offline use' }).getByText(/Ready offline: saved on this device/).waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.getByRole('link', { name: 'Inspection mode' }).click();
      await page.waitForURL((u) => u.pathname === `/inspections/${offlineVisit.id}/inspect`);
      const sync = page.getByRole('status', { name: 'Sync state' });
      await sync.getByText('All changes sent').waitFor();

      await page.context().setOffline(true);
      await page.getByText('Offline', { exact: true }).waitFor();
      // A reload without a network: the expected values come from the device.
      await page.reload();
      const form = page.getByRole('form', { name: 'Observations for QT-MB7' });
      assert.equal(await form.getByLabel('Seal number as found').inputValue(), 'TS-448120');
      assert.equal(await form.getByLabel('Golden sample serial').inputValue(), 'GS-0007');
      assert.equal(await form.getByLabel('BOM revision on the line').inputValue(), 'MB7-BOM-F');
      assert.equal(await form.getByLabel('AVL revision on the line').inputValue(), 'AVL-31');
      await form.getByLabel('BMC firmware SHA-256').fill(`${ROGUE}  /images/bmc/qt-mb7-bmc-2.14.bin`);
      await form.getByText('differs').waitFor();
      await form.getByLabel('BIOS firmware SHA-256').fill(`${BIOS}  bios-3.1.bin`);
      await form.getByText('matches', { exact: true }).waitFor();
      await form.getByText('Intact', { exact: true }).click();
      await form.getByRole('button', { name: 'Record observations' }).click();
      const card = page.getByRole('group', { name: 'Hardware integrity of QT-MB7' });
      await card.getByRole('status', { name: 'Observations of QT-MB7: Saved on device' }).waitFor();
      await sync.getByText(/1 change saved on device, sent when the network is back/).waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'integrity-observations-offline-tablet.png');
      assert.equal((await api.get(`/findings?inspection_id=${offlineVisit.id}`)).total, 0, 'nothing reached the server offline');

      await page.context().setOffline(false);
      await sync.getByText('All changes sent').waitFor({ timeout: 30_000 });
      const raised = card.getByRole('alert').filter({ hasText: '1 mismatch(es) raised finding(s)' });
      await raised.waitFor();
      await raised.getByRole('link', { name: /BMC image read .* matches no current release/ }).waitFor();
      await card.getByRole('row').filter({ hasText: ROGUE }).getByText('Critical').waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'integrity-observations-synced-tablet.png');
    });
    const findings = await api.get(`/findings?inspection_id=${offlineVisit.id}`);
    assert.equal(findings.total, 1);
    assert.equal(findings.items[0].severity, 'critical');
    const obs = (await api.get(`/inspections/${offlineVisit.id}/integrity`)).products[0].observations;
    assert.deepEqual(obs.map((o) => [o.kind, o.component, o.matches]), [
      ['firmware', 'bmc', false],
      ['firmware', 'bios', true],
      ['golden_sample', '', true],
      ['bom', '', true],
      ['avl', '', true],
    ]);
  });

  it('observations the server refuses come back to the inspector with the reason', async () => {
    const visit = await api.post('/inspections', { site_id: site.id, type: 'follow_up', status: 'planned', scheduled_date: day(2), team: '', scope: 'Re-check' });
    await withPage(browser, server, 'integrity observations refused', async (page) => {
      await page.setViewportSize(TABLET);
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${visit.id}/inspect`);
      const sync = page.getByRole('status', { name: 'Sync state' });
      await sync.getByText('All changes sent').waitFor();
      await page.context().setOffline(true);
      await page.getByText('Offline', { exact: true }).waitFor();
      const form = page.getByRole('form', { name: 'Observations for QT-MB7' });
      // A truncated hash: the server says why it is not one.
      await form.getByLabel('BMC firmware SHA-256').fill(BMC.slice(0, 40));
      await form.getByText('not a hash').waitFor();
      await form.getByRole('button', { name: 'Record observations' }).click();
      const card = page.getByRole('group', { name: 'Hardware integrity of QT-MB7' });
      await card.getByRole('status', { name: 'Observations of QT-MB7: Saved on device' }).waitFor();
      await page.context().setOffline(false);
      const refused = card.getByRole('alert').filter({ hasText: 'These observations were not accepted' });
      await refused.waitFor({ timeout: 30_000 });
      await refused.getByText(/BMC firmware: must be 64 hexadecimal characters/).waitFor();
      await sync.getByText(/1 change was not accepted/).waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'integrity-observations-refused-tablet.png');
      await refused.getByRole('button', { name: 'Discard these observations' }).click();
      await sync.getByText('All changes sent').waitFor();
    });
    assert.equal((await api.get(`/inspections/${visit.id}/integrity`)).products[0].observations.length, 0);
  });

  it('an inspector records the observations on a tablet and the mismatch raises a finding', async () => {
    await withPage(browser, server, 'integrity observations', async (page) => {
      await page.setViewportSize(TABLET);
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspection.id}`);
      const form = page.getByRole('form', { name: 'Observations for QT-MB7' });
      // Expected values are prefilled to confirm; hashes are pasted.
      assert.equal(await form.getByLabel('Seal number as found').inputValue(), 'TS-448120');
      assert.equal(await form.getByLabel('BOM revision on the line').inputValue(), 'MB7-BOM-F');
      const bmc = form.getByLabel('BMC firmware SHA-256');
      await bmc.fill(`${ROGUE}  /images/bmc/qt-mb7-bmc-2.14.bin`);
      await form.getByText('differs').waitFor();
      await form.getByLabel('BIOS firmware SHA-256').fill(BIOS.toUpperCase());
      await form.getByText('matches', { exact: true }).waitFor();
      await form.getByText('Intact', { exact: true }).click();
      assert.ok(await form.getByRole('radio', { name: 'Intact' }).isChecked());
      await screenshot(page, 'integrity-observations-tablet.png');
      await form.getByRole('button', { name: 'Record observations' }).click();

      const raised = page.getByRole('alert').filter({ hasText: '1 mismatch(es) raised finding(s)' });
      await raised.waitFor();
      await raised.getByText(/BMC image read .* matches no current release \(current: 2\.14\)/).waitFor();
      // The finding is on the inspection, critical and open.
      const row = page.getByRole('row').filter({ hasText: 'Hardware integrity: BMC firmware' });
      await row.getByText('Critical').waitFor();
      await row.getByText('Open').waitFor();
      await screenshot(page, 'integrity-finding-tablet.png');
      await assertAccessible(page, 'inspection with integrity observations');

      const findings = await api.get(`/findings?inspection_id=${inspection.id}`);
      assert.equal(findings.total, 1);
      assert.equal(findings.items[0].severity, 'critical');
      const view = await api.get(`/inspections/${inspection.id}/integrity`);
      const obs = view.products[0].observations;
      assert.deepEqual(obs.map((o) => [o.kind, o.component, o.matches]), [
        ['firmware', 'bmc', false],
        ['firmware', 'bios', true],
        ['golden_sample', '', true],
        ['bom', '', true],
        ['avl', '', true],
      ]);
      assert.equal(obs[0].finding_id, findings.items[0].id);
    });
  });

  it('the site integrity page and the drift report show the difference', async () => {
    await withPage(browser, server, 'integrity pages', async (page) => {
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('link', { name: /Products with integrity drift/ }).waitFor();
      await page.goto(`/sites/${site.id}/integrity`);
      await page.getByRole('heading', { name: 'Hardware integrity of LUM-PEN1' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Unauthorised component sources' }).waitFor();
      const baseline = page.getByRole('table', { name: 'Baseline and last observations of QT-MB7' });
      await baseline.getByRole('row').filter({ hasText: 'BMC firmware' }).getByText(/matches no current release/).waitFor();
      for (const [name, size] of [['desktop', { width: 1280, height: 900 }], ['tablet', TABLET], ['phone', { width: 390, height: 844 }]]) {
        await page.setViewportSize(size);
        await screenshot(page, `integrity-site-${name}.png`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await assertAccessible(page, 'site integrity');
      await page.goto('/integrity/drift');
      const drift = page.getByRole('table', { name: 'Integrity drift' });
      await drift.getByRole('link', { name: 'LUM-PEN1' }).waitFor();
      await drift.getByText(/matches no current release/).waitFor();
      await screenshot(page, 'integrity-drift-desktop.png');
      await assertAccessible(page, 'integrity drift');
      // Filtered by kind of drift: the golden sample was found as recorded,
      // the firmware was not; the filter is kept in the URL.
      await page.getByRole('textbox', { name: 'Kind of drift' }).click();
      await page.getByRole('option', { name: 'Golden sample' }).click();
      await page.getByText('No drift matches the filters').waitFor();
      assert.match(page.url(), /kind=golden_sample/);
      await page.goto('/integrity/drift?kind=firmware');
      await drift.getByRole('link', { name: 'LUM-PEN1' }).waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).waitFor();
      // The dashboard's figure is the report's total and opens it.
      await page.goto('/');
      const figure = page.getByRole('link', { name: /Products with integrity drift/ });
      assert.match(await figure.innerText(), /\b1\b/);
      await figure.click();
      await page.waitForURL((u) => u.pathname === '/integrity/drift');
      for (const path of ['/products', '/part-incidents']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.getByRole('table').first().waitFor();
        await assertAccessible(page, path);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'integrity-drift-phone.png');
    });
  });
  it('the golden sample is re-sealed with a photo, a source edited, an incident moved on, and an admin deletes with confirmation', async () => {
    const product = await api.post('/products', { part_number: 'QT-TMP1', revision: 'A', name: 'Entered by mistake' });
    const pending = await api.post(`/products/${(await api.get('/products?q=QT-MB7')).items[0].id}/firmware-releases`, { component: 'cpld', firmware_version: '0.9', sha256: ROGUE, released_on: day(-1) });
    const incident = await api.post('/part-incidents', { part_number: 'MT40A1G8', component_family: 'DRAM', source_name: 'Quick Parts Brokerage', how_found: 'X-ray at incoming', reported_on: day(-1) });
    await withPage(browser, server, 'integrity screens', async (page) => {
      await page.setViewportSize(TABLET);
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/sites/${site.id}/integrity`);
      await page.getByRole('button', { name: 'Re-seal golden sample' }).click();
      const reseal = page.getByRole('dialog', { name: /Re-seal the golden sample of QT-MB7/ });
      await reseal.getByLabel(/^New seal number/).fill('TS-551002');
      await reseal.getByLabel(/^Sealed on( \*)?$/).fill(day(0));
      await reseal.getByLabel('Add golden sample photo').setInputFiles({ name: 'golden-sealed.png', mimeType: 'image/png', buffer: PHOTO });
      await reseal.getByText('golden-sealed.png').waitFor();
      assert.equal(await reseal.getByLabel('Add golden sample photo').getAttribute('capture'), 'environment');
      await screenshot(page, 'integrity-reseal-tablet.png');
      await reseal.getByRole('button', { name: 'Record re-sealing' }).click();
      await reseal.waitFor({ state: 'hidden' });
      await page.getByRole('img', { name: 'Golden sample photos of QT-MB7, photo 1' }).waitFor();
      const sp = (await api.get(`/sites/${site.id}/integrity`)).products[0].site_product;
      assert.equal(sp.golden_seal_number, 'TS-551002');
      assert.equal(sp.golden_sealed_on, day(0));
      assert.equal(sp.golden_photo_ids.length, 1);

      await page.getByRole('button', { name: 'Edit Quick Parts Brokerage' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit Quick Parts Brokerage' });
      await edit.getByLabel('Justification for an unauthorised source').fill('End-of-life DRAM; every lot X-rayed on receipt.');
      await edit.getByRole('button', { name: 'Save source' }).click();
      await edit.waitFor({ state: 'hidden' });
      await page.getByRole('table', { name: 'Component sources' }).getByText('End-of-life DRAM; every lot X-rayed on receipt.').waitFor();
      for (const [name, size] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
        await page.setViewportSize(size);
        await screenshot(page, `integrity-site-actions-${name}.png`);
      }
      await page.setViewportSize(TABLET);

      await page.goto(`/part-incidents/${incident.id}`);
      await page.getByRole('textbox', { name: 'Incident status' }).click();
      await page.getByRole('option', { name: 'Investigating' }).click();
      await page.getByRole('button', { name: 'Change status' }).click();
      await page.getByRole('button', { name: 'Change status' }).and(page.locator(':disabled')).waitFor();
      assert.equal((await api.get(`/part-incidents/${incident.id}`)).status, 'investigating');
      assert.equal(await page.getByRole('button', { name: 'Delete incident' }).count(), 0, 'only admins delete');
    });

    await withPage(browser, server, 'integrity admin deletes', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/products/${product.id}`);
      await page.getByRole('button', { name: 'Delete product' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete QT-TMP1?' });
      await confirm.getByText(/Only a product nothing refers to/).waitFor();
      await screenshot(page, 'integrity-delete-product-desktop.png');
      await confirm.getByRole('button', { name: 'Delete product' }).click();
      await page.waitForURL((u) => u.pathname === '/products');
      assert.equal((await api.raw('GET', `/products/${product.id}`)).status, 404);

      await page.goto(`/products/${pending.product_id}`);
      await page.getByRole('button', { name: 'Delete release' }).click();
      const release = page.getByRole('dialog', { name: /Delete the pending CPLD 0.9 release/ });
      await release.getByRole('button', { name: 'Delete release' }).click();
      await release.waitFor({ state: 'hidden' });
      assert.ok(!(await api.get(`/products/${pending.product_id}`)).firmware_releases.some((r) => r.id === pending.id));

      await page.goto(`/inspections/${inspection.id}`);
      const table = page.getByRole('table').filter({ hasText: 'AVL revision' });
      const before = (await api.get(`/inspections/${inspection.id}/integrity`)).products[0].observations.length;
      await table.getByRole('row').filter({ hasText: 'AVL revision' }).getByRole('button', { name: 'Delete' }).click();
      const obs = page.getByRole('dialog', { name: 'Delete this AVL revision observation?' });
      await obs.getByRole('button', { name: 'Delete' }).click();
      await obs.waitFor({ state: 'hidden' });
      assert.equal((await api.get(`/inspections/${inspection.id}/integrity`)).products[0].observations.length, before - 1);

      await page.goto(`/part-incidents/${incident.id}`);
      await page.getByRole('button', { name: 'Delete incident' }).click();
      await page.getByRole('dialog', { name: 'Delete the incident MT40A1G8?' }).getByRole('button', { name: 'Delete incident' }).click();
      await page.waitForURL((u) => u.pathname === '/part-incidents');
    });
  });
});
