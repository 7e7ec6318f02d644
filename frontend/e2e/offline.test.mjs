// Inspection mode on a tablet without a network: prepared online, the
// inspector goes offline, answers, adds a photo and raises a finding,
// reloads the page, and everything made on the device reaches the server
// once the network is back (the photo with the SHA-256 computed on the
// device). A change made meanwhile by someone else is shown as a conflict
// with both answers and resolved by the inspector.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

const inspector = { email: 'ines@example.com', name: 'Ines Inspector', role: 'procurement', password: 'field-e2e-passphrase-31' };
const TABLET = { width: 820, height: 1180 };
// A real PNG, as a camera would hand over a JPEG.
const PHOTO = fs.readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));

describe('inspection mode offline', () => {
  let server;
  let browser;
  let api;
  let templateId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiClient(server);
    await createUser(browser, server, inspector);
    const templates = await api.get('/checklist-templates?q=supply-chain');
    templateId = templates.items.find((t) => /supply-chain integrity/i.test(t.name)).id;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A planned inspection of a new site with the supply-chain checklist. */
  async function plannedInspection(code) {
    const m = await api.post('/manufacturers', { name: `Maker ${code}`, legal_name: '', country: 'MY', notes: '' });
    const site = await api.post('/sites', { manufacturer_id: m.id, code, name: `${code} programming room`, city: 'Penang', country: 'MY', processes: ['firmware_programming'], risk_tier: 'critical', notes: '' });
    const insp = await api.post('/inspections', { site_id: site.id, type: 'routine', status: 'planned', scheduled_date: day(1), team: '', scope: 'Firmware programming room' });
    const checklist = await api.post(`/inspections/${insp.id}/checklists`, { template_id: templateId });
    return { id: insp.id, checklist };
  }

  const itemId = (checklist, number) => checklist.sections.flatMap((s) => s.items).find((i) => i.number === number).id;
  const serverItem = async (inspectionId, number) => {
    const v = await api.get(`/inspections/${inspectionId}/checklists`);
    return v.checklists[0].sections.flatMap((s) => s.items).find((i) => i.number === number);
  };

  async function openInspectionMode(page, inspectionId) {
    await page.setViewportSize(TABLET);
    await signIn(page, inspector.email, inspector.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${inspectionId}`);
    await page.getByRole('button', { name: 'Prepare for offline' }).click();
    await page.getByRole('region', { name: 'Offline use' }).getByText(/Ready offline: saved on this device/).waitFor();
    // The app shell is kept by the service worker, which now controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByRole('link', { name: 'Inspection mode' }).click();
    await page.waitForURL((u) => u.pathname === `/inspections/${inspectionId}/inspect`);
    await page.getByRole('status', { name: 'Sync state' }).getByText('All changes sent').waitFor();
  }

  it('answers, a photo and a finding made offline survive a reload and reach the server', async () => {
    const { id, checklist } = await plannedInspection('OFF-PG1');
    await withPage(browser, server, 'inspection mode offline', async (page) => {
      await openInspectionMode(page, id);
      const context = page.context();
      const item = (n) => page.getByRole('group', { name: `Item ${n}`, exact: true });
      const sync = page.getByRole('status', { name: 'Sync state' });

      await context.setOffline(true);
      await page.getByText('Offline', { exact: true }).waitFor();
      await item('1.1').getByRole('button', { name: 'No', exact: true }).click();
      await item('1.2').getByRole('button', { name: 'N/A', exact: true }).click();
      await item('1.3').getByRole('button', { name: 'Yes', exact: true }).click();
      await item('1.3').getByRole('button', { name: 'Add note' }).click();
      await item('1.3').getByLabel('Note for 1.3').fill('CoCs filed per lot in the receiving binder.');
      await item('1.3').getByRole('button', { name: 'Save note' }).click();
      const chooser = page.waitForEvent('filechooser');
      await item('1.1').getByRole('button', { name: 'Add photo' }).click();
      await (await chooser).setFiles({ name: 'broker-po.png', mimeType: 'image/png', buffer: PHOTO });
      await item('1.1').getByRole('img', { name: 'Photo 1 of item 1.1' }).waitFor();
      await item('1.1').getByRole('button', { name: 'Raise finding' }).click();
      const form = page.getByRole('dialog', { name: 'Raise a finding from item 1.1' });
      assert.match(await form.getByLabel('Description').inputValue(), /item 1\.1: no\./);
      await form.getByLabel('Owner').fill('Purchasing lead');
      await form.getByRole('button', { name: 'Save finding' }).click();
      await form.waitFor({ state: 'hidden' });
      await item('1.1').getByText(/finding from this answer is saved on the device/).waitFor();
      await sync.getByText(/changes saved on device, sent when the network is back/).waitFor();
      await page.getByRole('region', { name: 'Progress' }).getByText(/^3 of \d+ answered$/).waitFor();
      await item('1.1').scrollIntoViewIfNeeded();
      await screenshot(page, 'inspection-mode-offline.png');

      // Nothing has reached the server yet.
      assert.equal((await serverItem(id, '1.1')).answer, null);

      // A reload without a network: the app and every change come back from the device.
      await page.reload();
      await item('1.1').getByRole('button', { name: 'No', exact: true, pressed: true }).waitFor();
      await item('1.1').getByLabel('Item 1.1: Saved on device').waitFor();
      await item('1.1').getByRole('img', { name: 'Photo 1 of item 1.1' }).waitFor();
      await item('1.2').getByRole('button', { name: 'N/A', exact: true, pressed: true }).waitFor();
      assert.equal(await item('1.3').getByLabel('Note for 1.3').inputValue(), 'CoCs filed per lot in the receiving binder.');

      await context.setOffline(false);
      await sync.getByText('All changes sent').waitFor({ timeout: 30_000 });
      await item('1.1').getByRole('link', { name: /Finding #\d+ raised from this answer/ }).waitFor();
    });

    const one = await serverItem(id, '1.1');
    const three = await serverItem(id, '1.3');
    assert.equal(one.answer.answer, 'no');
    assert.equal((await serverItem(id, '1.2')).answer.not_applicable, true);
    assert.equal(three.answer.answer, 'yes');
    assert.equal(three.answer.note, 'CoCs filed per lot in the receiving binder.');
    assert.equal(one.answer.attachments.length, 1);
    const files = await api.get(`/inspections/${id}/attachments`);
    assert.equal(files.total, 1);
    assert.equal(files.items[0].sha256, createHash('sha256').update(PHOTO).digest('hex'));
    const findings = await api.get(`/findings?inspection_id=${id}`);
    assert.equal(findings.total, 1);
    assert.equal(findings.items[0].owner, 'Purchasing lead');
    assert.equal(findings.items[0].severity, 'critical');
    assert.equal(one.answer.finding_id, findings.items[0].id);
    assert.ok(checklist.id);
  });

  it('an answer changed by someone else meanwhile is a conflict the inspector resolves', async () => {
    const { id, checklist } = await plannedInspection('OFF-PG2');
    await withPage(browser, server, 'inspection mode conflict', async (page) => {
      await openInspectionMode(page, id);
      const item = page.getByRole('group', { name: 'Item 1.1', exact: true });
      const sync = page.getByRole('status', { name: 'Sync state' });
      await item.getByRole('button', { name: 'Yes', exact: true }).click();
      await item.getByLabel('Item 1.1: Sent').waitFor();

      await page.context().setOffline(true);
      await item.getByRole('button', { name: 'No', exact: true }).click();
      await item.getByLabel('Item 1.1: Saved on device').waitFor();
      // Meanwhile a colleague at the office answers it again, with a note.
      const res = await api.raw('PUT', `/inspections/${id}/checklists/${checklist.id}/answers/${itemId(checklist, '1.1')}`, {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: 1, answer: 'yes', note: 'Broker buys stopped in May.' }),
      });
      assert.equal(res.status, 200, await res.text());

      await page.context().setOffline(false);
      const conflict = item.getByRole('alert').filter({ hasText: 'Someone else answered this item meanwhile' });
      await conflict.waitFor({ timeout: 30_000 });
      await sync.getByText(/1 conflict: choose which answer to keep/).waitFor();
      await conflict.getByText('Yes', { exact: true }).waitFor();
      await conflict.getByText('Note: Broker buys stopped in May.').waitFor();
      await conflict.getByText('No', { exact: true }).waitFor();
      await item.scrollIntoViewIfNeeded();
      await screenshot(page, 'inspection-mode-conflict.png');
      assert.equal((await serverItem(id, '1.1')).answer.note, 'Broker buys stopped in May.', 'the colleague\'s answer is not overwritten before the choice');

      await conflict.getByRole('button', { name: 'Keep mine' }).click();
      await sync.getByText('All changes sent').waitFor({ timeout: 30_000 });
      await item.getByRole('button', { name: 'No', exact: true, pressed: true }).waitFor();
    });
    const after = (await serverItem(id, '1.1')).answer;
    assert.equal(after.answer, 'no');
    assert.equal(after.version, 3);
  });
});
