// A completed failed inspection is not turned into a pass by procurement:
// the web app lets a manager correct it with a reason and a signature, and
// shows the correction on the inspection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

const buyer = { email: 'corr.buyer@example.com', name: 'Bea Buyer', role: 'procurement', password: 'river stone candle 88' };
const manager = { email: 'corr.manager@example.com', name: 'Mona Manager', role: 'manager', password: 'amber window falcon 41' };

describe('inspections: correcting a completed result', () => {
  let server;
  let browser;
  let inspection;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    for (const u of [buyer, manager]) await createUser(browser, server, u);
    const admin = await apiClient(server);
    const maker = await admin.post('/manufacturers', { name: 'Correction Test Works', country: 'DE' });
    const site = await admin.post('/sites', { manufacturer_id: maker.id, code: 'CORR-1', name: 'Correction plant', country: 'DE', risk_tier: 'medium' });
    const b = await apiClient(server, buyer.email, buyer.password);
    inspection = await b.post('/inspections', {
      site_id: site.id, type: 'routine', status: 'completed', performed_date: day(-2), result: 'fail',
      summary: 'ESD controls missing on line 2', signature: b.signature('authored'),
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('procurement cannot change the result; a manager corrects it with a reason and a signature', async () => {
    await withPage(browser, server, 'buyer cannot correct', async (page) => {
      await signIn(page, buyer.email, buyer.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspection.id}`);
      await page.getByRole('button', { name: 'Edit result' }).click();
      const dialog = page.getByRole('dialog', { name: 'Complete the inspection' });
      await dialog.getByText('corrected only by a manager or an admin').waitFor();
      assert.equal(await dialog.getByRole('textbox', { name: 'Result', exact: true }).isDisabled(), true);
      assert.equal(await dialog.getByLabel(/^Performed on/).isDisabled(), true);
    });

    await withPage(browser, server, 'manager corrects', async (page) => {
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspection.id}`);
      await page.getByRole('button', { name: 'Edit result' }).click();
      const dialog = page.getByRole('dialog', { name: 'Complete the inspection' });
      await dialog.getByRole('textbox', { name: 'Result', exact: true }).click();
      await page.getByRole('option', { name: 'Pass', exact: true }).click();
      const reason = dialog.getByLabel(/^Why the completed inspection is corrected/);
      await reason.waitFor();
      // Signed but without a reason: the server refuses and says why.
      await dialog.getByLabel(/^Your password/).fill(manager.password);
      await dialog.getByRole('button', { name: 'Sign and correct' }).click();
      await dialog.getByText('Say why the completed inspection is corrected').waitFor();
      await reason.fill('The ESD readings were re-taken with a calibrated meter; line 2 passes.');
      await dialog.getByRole('button', { name: 'Sign and correct' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('correction-reason').filter({ hasText: 'calibrated meter' }).waitFor();
      await page.getByTestId('signature').filter({ hasText: `Signed by ${manager.name}` }).waitFor();
      await screenshot(page, 'inspection-correction.png');
    });

    const admin = await apiClient(server);
    const events = await admin.get(`/audit-events?entity_type=inspection&entity_id=${inspection.id}`);
    const correction = events.items.find((e) => e.action === 'inspection.correct');
    assert.ok(correction, JSON.stringify(events.items.map((e) => e.action)));
    assert.deepEqual(correction.changes.result, ['fail', 'pass']);
  });
});
