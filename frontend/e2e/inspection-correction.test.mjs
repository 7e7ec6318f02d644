// A completed failed inspection is not turned into a pass by procurement:
// the web app lets a manager correct it with a reason and a signature, and
// shows the correction on the inspection.
import { expect, screenshot, signIn, test } from './fixtures.mjs';
import { apiClient, createUser, day } from './seed.mjs';

const buyer = { email: 'corr.buyer@example.com', name: 'Bea Buyer', role: 'procurement', password: 'river stone candle 88' };
const manager = { email: 'corr.manager@example.com', name: 'Mona Manager', role: 'manager', password: 'amber window falcon 41' };

test.describe('inspections: correcting a completed result', () => {
  test('procurement cannot change the result; a manager corrects it with a reason and a signature', async ({ page, newPage, server, api }) => {
    for (const u of [buyer, manager]) await createUser(server, u);
    const maker = await api.post('/manufacturers', { name: 'Correction Test Works', country: 'DE' });
    const site = await api.post('/sites', { manufacturer_id: maker.id, code: 'CORR-1', name: 'Correction plant', country: 'DE', risk_tier: 'medium' });
    const b = await apiClient(server, buyer.email, buyer.password);
    const inspection = await b.post('/inspections', {
      site_id: site.id, type: 'routine', status: 'completed', performed_date: day(-2), result: 'fail',
      summary: 'ESD controls missing on line 2', signature: b.signature('authored'),
    });

    await test.step('procurement may not change the result', async () => {
      await signIn(page, buyer.email, buyer.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspection.id}`);
      await page.getByRole('button', { name: 'Edit result' }).click();
      const dialog = page.getByRole('dialog', { name: 'Complete the inspection' });
      await expect(dialog.getByText('corrected only by a manager or an admin')).toBeVisible();
      await expect(dialog.getByRole('textbox', { name: 'Result', exact: true })).toBeDisabled();
      await expect(dialog.getByLabel(/^Performed on/)).toBeDisabled();
    });

    await test.step('a manager corrects it with a reason and a signature', async () => {
      // The manager, in a browser of their own.
      const managerPage = await newPage();
      await signIn(managerPage, manager.email, manager.password);
      await managerPage.waitForURL((u) => u.pathname === '/');
      await managerPage.goto(`/inspections/${inspection.id}`);
      await managerPage.getByRole('button', { name: 'Edit result' }).click();
      const dialog = managerPage.getByRole('dialog', { name: 'Complete the inspection' });
      await dialog.getByRole('textbox', { name: 'Result', exact: true }).click();
      await managerPage.getByRole('option', { name: 'Pass', exact: true }).click();
      const reason = dialog.getByLabel(/^Why the completed inspection is corrected/);
      await expect(reason).toBeVisible();
      // Signed but without a reason: the server refuses and says why.
      await dialog.getByLabel(/^Your password/).fill(manager.password);
      await dialog.getByRole('button', { name: 'Sign and correct' }).click();
      await expect(dialog.getByText('Say why the completed inspection is corrected')).toBeVisible();
      await reason.fill('The ESD readings were re-taken with a calibrated meter; line 2 passes.');
      await dialog.getByRole('button', { name: 'Sign and correct' }).click();
      await expect(dialog).toBeHidden();
      await expect(managerPage.getByTestId('correction-reason').filter({ hasText: 'calibrated meter' })).toBeVisible();
      await expect(managerPage.getByTestId('signature').filter({ hasText: `Signed by ${manager.name}` })).toBeVisible();
      await screenshot(managerPage, 'inspection-correction.png');
    });

    const events = await api.get(`/audit-events?entity_type=inspection&entity_id=${inspection.id}`);
    const correction = events.items.find((e) => e.action === 'inspection.correct');
    expect(correction, JSON.stringify(events.items.map((e) => e.action))).toBeTruthy();
    expect(correction.changes.result).toEqual(['fail', 'pass']);
  });
});
