// Inspection mode on a tablet without a network: prepared online, the
// inspector goes offline, answers, adds a photo and raises a finding,
// reloads the page, and everything made on the device reaches the server
// once the network is back (the photo with the SHA-256 computed on the
// device). A change made meanwhile by someone else is shown as a conflict
// with both answers and resolved by the inspector.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { LONG_WAIT, expect, screenshot, signIn, test } from './fixtures.mjs';
import { createUser, day } from './seed.mjs';

const TABLET = { width: 820, height: 1180 };
// A real PNG, as a camera would hand over a JPEG.
const PHOTO = fs.readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));

/** A planned inspection of a new site with the supply-chain checklist. */
async function plannedInspection(api, code) {
  const templates = await api.get('/checklist-templates?q=supply-chain');
  const templateId = templates.items.find((t) => /supply-chain integrity/i.test(t.name)).id;
  const m = await api.post('/manufacturers', { name: `Maker ${code}`, legal_name: '', country: 'MY', notes: '' });
  const site = await api.post('/sites', { manufacturer_id: m.id, code, name: `${code} programming room`, city: 'Penang', country: 'MY', processes: ['firmware_programming'], risk_tier: 'critical', notes: '' });
  const insp = await api.post('/inspections', { site_id: site.id, type: 'routine', status: 'planned', scheduled_date: day(1), team: '', scope: 'Firmware programming room' });
  const checklist = await api.post(`/inspections/${insp.id}/checklists`, { template_id: templateId });
  return { id: insp.id, checklist };
}

const itemId = (checklist, number) => checklist.sections.flatMap((s) => s.items).find((i) => i.number === number).id;

/** The item as the server has it now. */
async function serverItem(api, inspectionId, number) {
  const v = await api.get(`/inspections/${inspectionId}/checklists`);
  return v.checklists[0].sections.flatMap((s) => s.items).find((i) => i.number === number);
}

/** Signs the inspector in on a tablet, prepares the inspection for offline use and opens inspection mode. */
async function openInspectionMode(page, inspector, inspectionId) {
  await page.setViewportSize(TABLET);
  await signIn(page, inspector.email, inspector.password);
  await page.waitForURL((u) => u.pathname === '/');
  await page.goto(`/inspections/${inspectionId}`);
  await page.getByRole('button', { name: 'Prepare for offline' }).click();
  await expect(page.getByRole('region', { name: 'Offline use' }).getByText(/Ready offline: saved on this device/)).toBeVisible();
  // The app shell is kept by the service worker, which now controls the page.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page').toBe(true);
  await page.getByRole('link', { name: 'Inspection mode' }).click();
  await page.waitForURL((u) => u.pathname === `/inspections/${inspectionId}/inspect`);
  await expect(page.getByRole('status', { name: 'Sync state' }).getByText('All changes sent')).toBeVisible();
}

test.describe('inspection mode offline', () => {
  test('answers, a photo and a finding made offline survive a reload and reach the server', async ({ page, server, api }) => {
    const inspector = { email: 'ines@example.com', name: 'Ines Inspector', role: 'procurement', password: 'field-e2e-passphrase-31' };
    await createUser(server, inspector);
    const { id, checklist } = await plannedInspection(api, 'OFF-PG1');
    await openInspectionMode(page, inspector, id);
    const context = page.context();
    const item = (n) => page.getByRole('group', { name: `Item ${n}`, exact: true });
    const sync = page.getByRole('status', { name: 'Sync state' });

    await context.setOffline(true);
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    await item('1.1').getByRole('button', { name: 'No', exact: true }).click();
    await item('1.2').getByRole('button', { name: 'N/A', exact: true }).click();
    await item('1.3').getByRole('button', { name: 'Yes', exact: true }).click();
    await item('1.3').getByRole('button', { name: 'Add note' }).click();
    await item('1.3').getByLabel('Note for 1.3').fill('CoCs filed per lot in the receiving binder.');
    await item('1.3').getByRole('button', { name: 'Save note' }).click();
    const chooser = page.waitForEvent('filechooser');
    await item('1.1').getByRole('button', { name: 'Add photo' }).click();
    await (await chooser).setFiles({ name: 'broker-po.png', mimeType: 'image/png', buffer: PHOTO });
    await expect(item('1.1').getByRole('img', { name: 'Photo 1 of item 1.1' })).toBeVisible();
    await item('1.1').getByRole('button', { name: 'Raise finding' }).click();
    const form = page.getByRole('dialog', { name: 'Raise a finding from item 1.1' });
    await expect(form.getByLabel('Description')).toHaveValue(/item 1\.1: no\./);
    await form.getByLabel('Owner').fill('Purchasing lead');
    await form.getByRole('button', { name: 'Save finding' }).click();
    await expect(form).toBeHidden();
    await expect(item('1.1').getByText(/finding from this answer is saved on the device/)).toBeVisible();
    await expect(sync.getByText(/changes saved on device, sent when the network is back/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Progress' }).getByText(/^3 of \d+ answered$/)).toBeVisible();
    await item('1.1').scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-mode-offline.png');

    // Nothing has reached the server yet.
    expect((await serverItem(api, id, '1.1')).answer).toBe(null);

    // A reload without a network: the app and every change come back from the device.
    await page.reload();
    await expect(item('1.1').getByRole('button', { name: 'No', exact: true, pressed: true })).toBeVisible();
    await expect(item('1.1').getByLabel('Item 1.1: Saved on device')).toBeVisible();
    await expect(item('1.1').getByRole('img', { name: 'Photo 1 of item 1.1' })).toBeVisible();
    await expect(item('1.2').getByRole('button', { name: 'N/A', exact: true, pressed: true })).toBeVisible();
    await expect(item('1.3').getByLabel('Note for 1.3')).toHaveValue('CoCs filed per lot in the receiving binder.');

    await context.setOffline(false);
    await expect(sync.getByText('All changes sent')).toBeVisible(LONG_WAIT);
    await expect(item('1.1').getByRole('link', { name: /Finding #\d+ raised from this answer/ })).toBeVisible();

    const one = await serverItem(api, id, '1.1');
    const three = await serverItem(api, id, '1.3');
    expect(one.answer.answer).toBe('no');
    expect((await serverItem(api, id, '1.2')).answer.not_applicable).toBe(true);
    expect(three.answer.answer).toBe('yes');
    expect(three.answer.note).toBe('CoCs filed per lot in the receiving binder.');
    expect(one.answer.attachments.length).toBe(1);
    const files = await api.get(`/inspections/${id}/attachments`);
    expect(files.total).toBe(1);
    expect(files.items[0].sha256).toBe(createHash('sha256').update(PHOTO).digest('hex'));
    const findings = await api.get(`/findings?inspection_id=${id}`);
    expect(findings.total).toBe(1);
    expect(findings.items[0].owner).toBe('Purchasing lead');
    expect(findings.items[0].severity).toBe('critical');
    expect(one.answer.finding_id).toBe(findings.items[0].id);
    expect(checklist.id).toBeTruthy();
  });

  test('an answer changed by someone else meanwhile is a conflict the inspector resolves', async ({ page, server, api }) => {
    const inspector = { email: 'igor@example.com', name: 'Igor Inspector', role: 'procurement', password: 'field-e2e-passphrase-32' };
    await createUser(server, inspector);
    const { id, checklist } = await plannedInspection(api, 'OFF-PG2');
    await openInspectionMode(page, inspector, id);
    const item = page.getByRole('group', { name: 'Item 1.1', exact: true });
    const sync = page.getByRole('status', { name: 'Sync state' });
    await item.getByRole('button', { name: 'Yes', exact: true }).click();
    await expect(item.getByLabel('Item 1.1: Sent')).toBeVisible();

    await page.context().setOffline(true);
    await item.getByRole('button', { name: 'No', exact: true }).click();
    await expect(item.getByLabel('Item 1.1: Saved on device')).toBeVisible();
    // Meanwhile a colleague at the office answers it again, with a note.
    const res = await api.raw('PUT', `/inspections/${id}/checklists/${checklist.id}/answers/${itemId(checklist, '1.1')}`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: 1, answer: 'yes', note: 'Broker buys stopped in May.' }),
    });
    expect(res.status, await res.text()).toBe(200);

    await page.context().setOffline(false);
    const conflict = item.getByRole('alert').filter({ hasText: 'Someone else answered this item meanwhile' });
    await expect(conflict).toBeVisible(LONG_WAIT);
    await expect(sync.getByText(/1 conflict: choose which answer to keep/)).toBeVisible();
    await expect(conflict.getByText('Yes', { exact: true })).toBeVisible();
    await expect(conflict.getByText('Note: Broker buys stopped in May.')).toBeVisible();
    await expect(conflict.getByText('No', { exact: true })).toBeVisible();
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-mode-conflict.png');
    expect((await serverItem(api, id, '1.1')).answer.note, 'the colleague\'s answer is not overwritten before the choice').toBe('Broker buys stopped in May.');

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect(sync.getByText('All changes sent')).toBeVisible(LONG_WAIT);
    await expect(item.getByRole('button', { name: 'No', exact: true, pressed: true })).toBeVisible();
    const after = (await serverItem(api, id, '1.1')).answer;
    expect(after.answer).toBe('no');
    expect(after.version).toBe(3);
  });
});
