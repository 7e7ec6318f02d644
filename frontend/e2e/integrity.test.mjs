// Hardware integrity on a tablet: an inspector records the firmware hash
// read on the programming station (pasted as a sha256sum line) and the
// golden sample as found for a product the site builds; the hash that
// matches no release raises a critical finding on the inspection at once,
// and the site's integrity page and the drift report show the difference.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, LONG_WAIT, axeViolations, expect, screenshot, signIn, test } from './fixtures.mjs';
import { createUser, day } from './seed.mjs';

const TABLET = { width: 820, height: 1180 };
const BMC = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const BIOS = 'fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13';
const ROGUE = '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752';
// A real PNG, as a tablet's camera would hand over a JPEG.
const PHOTO = fs.readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));

/** The mainboard in the product catalog, with approved BMC and BIOS releases and its BOM; made once per server, never changed by a test. */
async function mainboard(api) {
  const found = (await api.get('/products?q=QT-MB7')).items.find((p) => p.part_number === 'QT-MB7');
  if (found) return found;
  const product = await api.post('/products', { part_number: 'QT-MB7', revision: 'B', name: 'Dual-socket server mainboard' });
  for (const [component, version, sha256] of [['bmc', '2.14', BMC], ['bios', '3.1', BIOS]]) {
    const rel = await api.post(`/products/${product.id}/firmware-releases`, { component, firmware_version: version, sha256, released_on: day(-20), signer: 'Release board', key_id: 'fw-2026' });
    await api.post(`/firmware-releases/${rel.id}/approve`, { signature: api.signature('approved') });
  }
  await api.post(`/products/${product.id}/bom-revisions`, { bom_revision: 'MB7-BOM-F', avl_revision: 'AVL-31', effective_on: day(-20) });
  return product;
}

/** A programming room (site `code` of manufacturer `maker`) that builds the mainboard, buys DRAM from a broker, and has an inspection planned today. */
async function programmingRoom(api, code = 'LUM-PEN1', maker = 'Lumen Boards') {
  const product = await mainboard(api);
  const m = await api.post('/manufacturers', { name: maker, legal_name: '', country: 'MY', notes: '' });
  const site = await api.post('/sites', { manufacturer_id: m.id, code, name: 'Penang programming room', city: 'Penang', country: 'MY', processes: ['firmware_programming', 'smt'], risk_tier: 'critical', notes: '' });
  await api.post(`/sites/${site.id}/products`, { product_id: product.id, processes: ['firmware_programming'], golden_serial: 'GS-0007', golden_seal_number: 'TS-448120', golden_custodian: 'QA lead', golden_location: 'Cabinet 2', golden_sealed_on: day(-30) });
  await api.post(`/sites/${site.id}/component-sources`, { name: 'Quick Parts Brokerage', source_type: 'broker', component_families: ['DRAM'], authorised: false });
  const inspection = await api.post('/inspections', { site_id: site.id, type: 'routine', status: 'planned', scheduled_date: day(0), team: '', scope: 'Firmware programming room' });
  return { product, site, inspection };
}

test.describe('hardware integrity', () => {
  test('observations made offline in inspection mode are sent when the network is back and the mismatch raises a finding', async ({ page, server, api }) => {
    const inspector = { email: 'oona@example.com', name: 'Oona Offline', role: 'procurement', password: 'field-e2e-passphrase-33' };
    await createUser(server, inspector);
    const { site } = await programmingRoom(api, 'LUM-KUL1', 'Lumen Boards Kulim');
    const offlineVisit = await api.post('/inspections', { site_id: site.id, type: 'for_cause', status: 'planned', scheduled_date: day(1), team: '', scope: 'Programming room, no network' });
    await page.setViewportSize(TABLET);
    await signIn(page, inspector.email, inspector.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${offlineVisit.id}`);
    await page.getByRole('button', { name: 'Prepare for offline' }).click();
    await expect(page.getByRole('region', { name: 'Offline use' }).getByText(/Ready offline: saved on this device/)).toBeVisible();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page').toBe(true);
    await page.getByRole('link', { name: 'Inspection mode' }).click();
    await page.waitForURL((u) => u.pathname === `/inspections/${offlineVisit.id}/inspect`);
    const sync = page.getByRole('status', { name: 'Sync state' });
    await expect(sync.getByText('All changes sent')).toBeVisible();

    await page.context().setOffline(true);
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    // A reload without a network: the expected values come from the device.
    await page.reload();
    const form = page.getByRole('form', { name: 'Observations for QT-MB7' });
    await expect(form.getByLabel('Seal number as found')).toHaveValue('TS-448120');
    await expect(form.getByLabel('Golden sample serial')).toHaveValue('GS-0007');
    await expect(form.getByLabel('BOM revision on the line')).toHaveValue('MB7-BOM-F');
    await expect(form.getByLabel('AVL revision on the line')).toHaveValue('AVL-31');
    await form.getByLabel('BMC firmware SHA-256').fill(`${ROGUE}  /images/bmc/qt-mb7-bmc-2.14.bin`);
    await expect(form.getByText('differs')).toBeVisible();
    await form.getByLabel('BIOS firmware SHA-256').fill(`${BIOS}  bios-3.1.bin`);
    await expect(form.getByText('matches', { exact: true })).toBeVisible();
    await form.getByText('Intact', { exact: true }).click();
    // The seal's photo, taken without a network: kept on the device with the observation.
    await form.getByLabel('Photo of the seal').setInputFiles({ name: 'seal-offline.png', mimeType: 'image/png', buffer: PHOTO });
    await expect(form.getByText('seal-offline.png')).toBeVisible();
    await form.getByRole('button', { name: 'Record observations' }).click();
    const card = page.getByRole('group', { name: 'Hardware integrity of QT-MB7' });
    await expect(card.getByRole('status', { name: 'Observations of QT-MB7: Saved on device' })).toBeVisible();
    await expect(card.getByText(/5 values \(.*\) and 1 photo, compared with the baseline when the network is back/)).toBeVisible();
    await expect(sync.getByText(/1 change saved on device, sent when the network is back/)).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrity-observations-offline-tablet.png');
    expect((await api.get(`/findings?inspection_id=${offlineVisit.id}`)).total, 'nothing reached the server offline').toBe(0);

    await page.context().setOffline(false);
    await expect(sync.getByText('All changes sent')).toBeVisible(LONG_WAIT);
    const raised = card.getByRole('alert').filter({ hasText: '1 mismatch(es) raised finding(s)' });
    await expect(raised).toBeVisible();
    await expect(raised.getByRole('link', { name: /BMC image read .* matches no current release/ })).toBeVisible();
    await expect(card.getByRole('row').filter({ hasText: ROGUE }).getByText('Critical')).toBeVisible();
    // The photo went up once the network was back, before the observation that names it.
    await expect(card.getByRole('list', { name: 'Photos of the Golden sample observation' }).getByRole('img')).toHaveCount(1);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrity-observations-synced-tablet.png');

    const findings = await api.get(`/findings?inspection_id=${offlineVisit.id}`);
    expect(findings.total).toBe(1);
    expect(findings.items[0].severity).toBe('critical');
    const obs = (await api.get(`/inspections/${offlineVisit.id}/integrity`)).products[0].observations;
    expect(obs.map((o) => [o.kind, o.component, o.matches])).toEqual([
      ['firmware', 'bmc', false],
      ['firmware', 'bios', true],
      ['golden_sample', '', true],
      ['bom', '', true],
      ['avl', '', true],
    ]);
    const seal = obs.find((o) => o.kind === 'golden_sample');
    expect(seal.photo_ids).toHaveLength(1);
    const attachments = await api.get(`/inspections/${offlineVisit.id}/attachments`);
    const photo = (attachments.items ?? attachments).find((a) => a.id === seal.photo_ids[0]);
    expect(photo.file_name).toBe('seal-offline.png');
    expect(photo.sha256).toBe(crypto.createHash('sha256').update(PHOTO).digest('hex'));
  });

  test('observations the server refuses come back to the inspector with the reason', async ({ page, server, api }) => {
    const inspector = { email: 'rafa@example.com', name: 'Rafa Refused', role: 'procurement', password: 'field-e2e-passphrase-34' };
    await createUser(server, inspector);
    const { site } = await programmingRoom(api, 'LUM-PRI1', 'Lumen Boards Perai');
    const visit = await api.post('/inspections', { site_id: site.id, type: 'follow_up', status: 'planned', scheduled_date: day(2), team: '', scope: 'Re-check' });
    await page.setViewportSize(TABLET);
    await signIn(page, inspector.email, inspector.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${visit.id}/inspect`);
    const sync = page.getByRole('status', { name: 'Sync state' });
    await expect(sync.getByText('All changes sent')).toBeVisible();
    await page.context().setOffline(true);
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    const form = page.getByRole('form', { name: 'Observations for QT-MB7' });
    // A truncated hash: the server says why it is not one.
    await form.getByLabel('BMC firmware SHA-256').fill(BMC.slice(0, 40));
    await expect(form.getByText('not a hash')).toBeVisible();
    await form.getByRole('button', { name: 'Record observations' }).click();
    const card = page.getByRole('group', { name: 'Hardware integrity of QT-MB7' });
    await expect(card.getByRole('status', { name: 'Observations of QT-MB7: Saved on device' })).toBeVisible();
    await page.context().setOffline(false);
    const refused = card.getByRole('alert').filter({ hasText: 'These observations were not accepted' });
    await expect(refused).toBeVisible(LONG_WAIT);
    await expect(refused.getByText(/BMC firmware: must be 64 hexadecimal characters/)).toBeVisible();
    await expect(sync.getByText(/1 change was not accepted/)).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrity-observations-refused-tablet.png');
    await refused.getByRole('button', { name: 'Discard these observations' }).click();
    await expect(sync.getByText('All changes sent')).toBeVisible();
    expect((await api.get(`/inspections/${visit.id}/integrity`)).products[0].observations).toHaveLength(0);
  });

  test('an inspector records the observations on a tablet and the mismatch raises a finding', async ({ page, server, api }) => {
    const inspector = { email: 'ines@example.com', name: 'Ines Inspector', role: 'procurement', password: 'field-e2e-passphrase-31' };
    await createUser(server, inspector);
    const { inspection } = await programmingRoom(api);
    await page.setViewportSize(TABLET);
    await signIn(page, inspector.email, inspector.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${inspection.id}`);
    const form = page.getByRole('form', { name: 'Observations for QT-MB7' });
    // Expected values are prefilled to confirm; hashes are pasted.
    await expect(form.getByLabel('Seal number as found')).toHaveValue('TS-448120');
    await expect(form.getByLabel('BOM revision on the line')).toHaveValue('MB7-BOM-F');
    const bmc = form.getByLabel('BMC firmware SHA-256');
    await bmc.fill(`${ROGUE}  /images/bmc/qt-mb7-bmc-2.14.bin`);
    await expect(form.getByText('differs')).toBeVisible();
    await form.getByLabel('BIOS firmware SHA-256').fill(BIOS.toUpperCase());
    await expect(form.getByText('matches', { exact: true })).toBeVisible();
    await form.getByText('Intact', { exact: true }).click();
    await expect(form.getByRole('radio', { name: 'Intact' })).toBeChecked();
    await screenshot(page, 'integrity-observations-tablet.png');
    await form.getByRole('button', { name: 'Record observations' }).click();

    const raised = page.getByRole('alert').filter({ hasText: '1 mismatch(es) raised finding(s)' });
    await expect(raised).toBeVisible();
    await expect(raised.getByText(/BMC image read .* matches no current release \(current: 2\.14\)/)).toBeVisible();
    // The finding is on the inspection, critical and open.
    const row = page.getByRole('row').filter({ hasText: 'Hardware integrity: BMC firmware' });
    await expect(row.getByText('Critical')).toBeVisible();
    await expect(row.getByText('Open')).toBeVisible();
    await screenshot(page, 'integrity-finding-tablet.png');
    expect(await axeViolations(page, 'inspection with integrity observations')).toEqual([]);

    const findings = await api.get(`/findings?inspection_id=${inspection.id}`);
    expect(findings.total).toBe(1);
    expect(findings.items[0].severity).toBe('critical');
    const view = await api.get(`/inspections/${inspection.id}/integrity`);
    const obs = view.products[0].observations;
    expect(obs.map((o) => [o.kind, o.component, o.matches])).toEqual([
      ['firmware', 'bmc', false],
      ['firmware', 'bios', true],
      ['golden_sample', '', true],
      ['bom', '', true],
      ['avl', '', true],
    ]);
    expect(obs[0].finding_id).toBe(findings.items[0].id);
  });

  test.describe('the drift report', () => {
    // A server of its own: the dashboard's drift figure counts the drift of every site.
    test.use({ freshServer: true });

    test('the site integrity page and the drift report show the difference', async ({ page, server, api }) => {
      const inspector = { email: 'ivo@example.com', name: 'Ivo Inspector', role: 'procurement', password: 'field-e2e-passphrase-32' };
      await createUser(server, inspector);
      const { product, site, inspection } = await programmingRoom(api);
      // What the inspector saw: a BMC image that is no release, the rest as expected.
      await api.post(`/inspections/${inspection.id}/integrity-observations`, {
        product_id: product.id,
        observations: [
          { kind: 'firmware', component: 'bmc', sha256: `${ROGUE}  /images/bmc/qt-mb7-bmc-2.14.bin` },
          { kind: 'firmware', component: 'bios', sha256: BIOS },
          { kind: 'golden_sample', serial_number: 'GS-0007', seal_state: 'intact', seal_number: 'TS-448120' },
          { kind: 'bom', revision: 'MB7-BOM-F' },
          { kind: 'avl', revision: 'AVL-31' },
        ],
      });
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await expect(page.getByRole('link', { name: /Products with integrity drift/ })).toBeVisible();
      await page.goto(`/sites/${site.id}/integrity`);
      await expect(page.getByRole('heading', { name: `Hardware integrity of ${site.code}` })).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: 'Unauthorised component sources' })).toBeVisible();
      const baseline = page.getByRole('table', { name: 'Baseline and last observations of QT-MB7' });
      await expect(baseline.getByRole('row').filter({ hasText: 'BMC firmware' }).getByText(/matches no current release/)).toBeVisible();
      for (const [name, size] of [['desktop', { width: 1280, height: 900 }], ['tablet', TABLET], ['phone', { width: 390, height: 844 }]]) {
        await page.setViewportSize(size);
        await screenshot(page, `integrity-site-${name}.png`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(await axeViolations(page, 'site integrity')).toEqual([]);
      await page.goto('/integrity/drift');
      const drift = page.getByRole('table', { name: 'Integrity drift' });
      const row = drift.getByRole('row').filter({ has: page.getByRole('link', { name: site.code, exact: true }) });
      await expect(row.getByText(/matches no current release/)).toBeVisible();
      await screenshot(page, 'integrity-drift-desktop.png');
      expect(await axeViolations(page, 'integrity drift')).toEqual([]);
      // Filtered by kind of drift: the golden sample was found as recorded,
      // the firmware was not; the filter is kept in the URL.
      await page.getByRole('textbox', { name: 'Kind of drift' }).click();
      await page.getByRole('option', { name: 'Golden sample' }).click();
      await expect(page.getByText('No drift matches the filters')).toBeVisible();
      await expect(page).toHaveURL(/kind=golden_sample/);
      await page.goto('/integrity/drift?kind=firmware');
      await expect(drift.getByRole('link', { name: site.code })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Clear filters' })).toBeVisible();
      // The dashboard's figure is the report's total and opens it.
      await page.goto('/');
      const figure = page.getByRole('link', { name: /Products with integrity drift/ });
      await expect(figure).toContainText(/\b1\b/, { useInnerText: true });
      await figure.click();
      await page.waitForURL((u) => u.pathname === '/integrity/drift');
      for (const path of ['/products', '/part-incidents']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByRole('table').first()).toBeVisible();
        expect(await axeViolations(page, path)).toEqual([]);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'integrity-drift-phone.png');
    });
  });


  test('the golden sample is re-sealed with a photo, a source edited, an incident moved on, and an admin deletes with confirmation', async ({ page, newPage, server, api }) => {
    const inspector = { email: 'iris@example.com', name: 'Iris Inspector', role: 'procurement', password: 'field-e2e-passphrase-35' };
    await createUser(server, inspector);
    const { product: mainboardProduct, site, inspection } = await programmingRoom(api, 'LUM-JHR1', 'Lumen Boards Johor');
    await api.post(`/inspections/${inspection.id}/integrity-observations`, {
      product_id: mainboardProduct.id,
      observations: [
        { kind: 'firmware', component: 'bmc', sha256: BMC },
        { kind: 'golden_sample', serial_number: 'GS-0007', seal_state: 'intact', seal_number: 'TS-448120' },
        { kind: 'bom', revision: 'MB7-BOM-F' },
        { kind: 'avl', revision: 'AVL-31' },
      ],
    });
    const product = await api.post('/products', { part_number: 'QT-TMP1', revision: 'A', name: 'Entered by mistake' });
    const pending = await api.post(`/products/${mainboardProduct.id}/firmware-releases`, { component: 'cpld', firmware_version: '0.9', sha256: ROGUE, released_on: day(-1) });
    const incident = await api.post('/part-incidents', { part_number: 'MT40A1G8', component_family: 'DRAM', source_name: 'Quick Parts Brokerage', how_found: 'X-ray at incoming', reported_on: day(-1) });

    await test.step('the inspector re-seals, edits a source and moves an incident on', async () => {
      await page.setViewportSize(TABLET);
      await signIn(page, inspector.email, inspector.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/sites/${site.id}/integrity`);
      await page.getByRole('button', { name: 'Re-seal golden sample' }).click();
      const reseal = page.getByRole('dialog', { name: /Re-seal the golden sample of QT-MB7/ });
      await reseal.getByLabel(/^New seal number/).fill('TS-551002');
      await reseal.getByLabel(/^Sealed on( \*)?$/).fill(day(0));
      await reseal.getByLabel('Add golden sample photo').setInputFiles({ name: 'golden-sealed.png', mimeType: 'image/png', buffer: PHOTO });
      await expect(reseal.getByText('golden-sealed.png')).toBeVisible();
      await expect(reseal.getByLabel('Add golden sample photo')).toHaveAttribute('capture', 'environment');
      await screenshot(page, 'integrity-reseal-tablet.png');
      await reseal.getByRole('button', { name: 'Record re-sealing' }).click();
      await expect(reseal).toBeHidden();
      await expect(page.getByRole('img', { name: 'Golden sample photos of QT-MB7, photo 1' })).toBeVisible();
      const sp = (await api.get(`/sites/${site.id}/integrity`)).products[0].site_product;
      expect(sp.golden_seal_number).toBe('TS-551002');
      expect(sp.golden_sealed_on).toBe(day(0));
      expect(sp.golden_photo_ids).toHaveLength(1);

      await page.getByRole('button', { name: 'Edit Quick Parts Brokerage' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit Quick Parts Brokerage' });
      await edit.getByLabel('Justification for an unauthorised source').fill('End-of-life DRAM; every lot X-rayed on receipt.');
      await edit.getByRole('button', { name: 'Save source' }).click();
      await expect(edit).toBeHidden();
      await expect(page.getByRole('table', { name: 'Component sources' }).getByText('End-of-life DRAM; every lot X-rayed on receipt.')).toBeVisible();
      for (const [name, size] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
        await page.setViewportSize(size);
        await screenshot(page, `integrity-site-actions-${name}.png`);
      }
      await page.setViewportSize(TABLET);

      await page.goto(`/part-incidents/${incident.id}`);
      await page.getByRole('textbox', { name: 'Incident status' }).click();
      await page.getByRole('option', { name: 'Investigating' }).click();
      await page.getByRole('button', { name: 'Change status' }).click();
      await expect(page.getByRole('button', { name: 'Change status' })).toBeDisabled();
      expect((await api.get(`/part-incidents/${incident.id}`)).status).toBe('investigating');
      await expect(page.getByRole('button', { name: 'Delete incident' }), 'only admins delete').toHaveCount(0);
    });

    await test.step('an admin deletes, each after confirming', async () => {
      const admin = await newPage();
      await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
      await admin.waitForURL((u) => u.pathname === '/');
      await admin.goto(`/products/${product.id}`);
      await admin.getByRole('button', { name: 'Delete product' }).click();
      const confirm = admin.getByRole('dialog', { name: 'Delete QT-TMP1?' });
      await expect(confirm.getByText(/Only a product nothing refers to/)).toBeVisible();
      await screenshot(admin, 'integrity-delete-product-desktop.png');
      await confirm.getByRole('button', { name: 'Delete product' }).click();
      await admin.waitForURL((u) => u.pathname === '/products');
      expect((await api.raw('GET', `/products/${product.id}`)).status).toBe(404);

      await admin.goto(`/products/${pending.product_id}`);
      // The BOM/AVL file as an attachment of the revision.
      const revisions = admin.getByRole('table', { name: 'BOM and AVL revisions' });
      const chooser = admin.waitForEvent('filechooser');
      await revisions.getByRole('button', { name: 'Upload file' }).click();
      await (await chooser).setFiles({ name: 'QT-MB7-BOM-F.csv', mimeType: 'text/csv', buffer: Buffer.from('part,qty\nMT40A1G8,16\n') });
      // Exactly the name: while it uploads, "Uploading QT-MB7-BOM-F.csv… 40%" holds it too.
      await expect(revisions.getByText('QT-MB7-BOM-F.csv', { exact: true })).toBeVisible();
      await screenshot(admin, 'integrity-product-bom-file-desktop.png');
      const revisionId = (await api.get(`/products/${pending.product_id}`)).bom_revisions[0].id;
      expect((await api.get(`/bom-revisions/${revisionId}/attachments`)).items[0].file_name).toBe('QT-MB7-BOM-F.csv');
      await admin.getByRole('button', { name: 'Delete release' }).click();
      const release = admin.getByRole('dialog', { name: /Delete the pending CPLD 0.9 release/ });
      await release.getByRole('button', { name: 'Delete release' }).click();
      await expect(release).toBeHidden();
      expect((await api.get(`/products/${pending.product_id}`)).firmware_releases.map((r) => r.id)).not.toContain(pending.id);

      await admin.goto(`/inspections/${inspection.id}`);
      const table = admin.getByRole('table').filter({ hasText: 'AVL revision' });
      const before = (await api.get(`/inspections/${inspection.id}/integrity`)).products[0].observations.length;
      await table.getByRole('row').filter({ hasText: 'AVL revision' }).getByRole('button', { name: 'Delete' }).click();
      const obs = admin.getByRole('dialog', { name: 'Delete this AVL revision observation?' });
      await obs.getByRole('button', { name: 'Delete' }).click();
      await expect(obs).toBeHidden();
      expect((await api.get(`/inspections/${inspection.id}/integrity`)).products[0].observations).toHaveLength(before - 1);

      await admin.goto(`/part-incidents/${incident.id}`);
      await admin.getByRole('button', { name: 'Delete incident' }).click();
      await admin.getByRole('dialog', { name: 'Delete the incident MT40A1G8?' }).getByRole('button', { name: 'Delete incident' }).click();
      await admin.waitForURL((u) => u.pathname === '/part-incidents');
    });
  });
});
