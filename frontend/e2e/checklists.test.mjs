// Inspection checklists on a tablet: procurement adds the built-in hardware
// supply-chain integrity template to a planned inspection, answers items
// (a "no" on a critical one), raises a finding from it, sees the suggested
// result "fail" with its reason, and completes the inspection overriding it
// with a reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

const procurement = { email: 'tina@example.com', name: 'Tina Tablet', role: 'procurement', password: 'buyer-e2e-passphrase-7' };
const auditor = { email: 'aldo@example.com', name: 'Aldo Auditor', role: 'auditor', password: 'reviewer-e2e-passphrase-777' };

describe('inspection checklists', () => {
  let server;
  let browser;
  let inspectionId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await apiClient(server);
    const m = await api.post('/manufacturers', { name: 'Board Builders', legal_name: 'Board Builders Ltd', country: 'TW', notes: '' });
    const site = await api.post('/sites', {
      manufacturer_id: m.id,
      code: 'BB-HS1',
      name: 'Hsinchu SMT line',
      city: 'Hsinchu',
      country: 'TW',
      processes: [],
      risk_tier: 'high',
      notes: '',
    });
    const insp = await api.post('/inspections', { site_id: site.id, type: 'routine', status: 'planned', scheduled_date: day(3), team: '', scope: 'Supply-chain integrity' });
    inspectionId = insp.id;
    for (const u of [procurement, auditor]) await createUser(browser, server, u);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('procurement answers a checklist on a tablet and raises a finding from a critical "no"', async () => {
    await withPage(browser, server, 'checklist tablet', async (page) => {
      await page.setViewportSize({ width: 800, height: 1100 });
      await signIn(page, procurement.email, procurement.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspectionId}`);
      await page.getByRole('heading', { level: 2, name: 'Checklists', exact: true }).waitFor();
      await page.getByText('No checklists').waitFor();

      await page.getByRole('textbox', { name: 'Checklist template' }).click();
      await page.getByRole('option', { name: /Hardware supply-chain integrity/ }).click();
      await page.getByRole('button', { name: 'Add checklist' }).click();

      const item = (n) => page.getByRole('group', { name: `Item ${n}`, exact: true });
      await item('1.1').waitFor();
      await item('1.1').getByRole('button', { name: 'No', exact: true }).click();
      await item('1.1').getByText('Answer: No').waitFor();
      await item('1.2').getByRole('button', { name: 'N/A', exact: true }).click();
      await item('1.2').getByText('Answer: N/A').waitFor();
      await item('1.3').getByRole('button', { name: 'Yes', exact: true }).click();
      await item('1.3').getByText('Answer: Yes').waitFor();
      await item('2.4').getByRole('button', { name: 'Rate 4', exact: true }).click();
      await item('2.4').getByText('Answer: Rated 4 of 5').waitFor();

      const score = page.getByRole('region', { name: 'Checklist score' });
      await score.getByText('4 of').waitFor();
      await score.getByText('Fail', { exact: true }).waitFor();
      await score.getByText(/Critical item 1\.1 failed/).waitFor();

      // "Raise finding" opens the finding form prefilled from the item; the inspector completes it.
      await item('1.1').getByRole('button', { name: 'Raise finding' }).click();
      const form = page.getByRole('dialog', { name: 'Raise a finding from item 1.1' });
      assert.match(await form.getByLabel('Description').inputValue(), /item 1\.1: no\./);
      assert.equal(await form.getByRole('textbox', { name: 'Severity' }).inputValue(), 'Critical');
      await form.getByLabel('Owner').fill('Purchasing manager');
      await form.getByLabel('Corrective action').fill('Buy memory only from authorised distributors.');
      await form.getByRole('button', { name: 'Save finding' }).click();
      await form.waitFor({ state: 'hidden' });
      const link = item('1.1').getByRole('link', { name: /Finding #\d+ raised from this answer/ });
      await link.waitFor();
      // The finding appears in the inspection's findings and the open critical finding is a reason too.
      await score.getByText(/1 critical finding is open/).waitFor();

      await item('1.1').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -260));
      await screenshot(page, 'checklist-tablet.png');

      const href = await link.getAttribute('href');
      assert.match(href, /^\/findings\/\d+$/);
    });
  });

  it('the auditor sees the answers read-only', async () => {
    await withPage(browser, server, 'checklist auditor', async (page) => {
      await signIn(page, auditor.email, auditor.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspectionId}`);
      const item = page.getByRole('group', { name: 'Item 1.1', exact: true });
      await item.getByText('Answer:').first().waitFor();
      assert.equal(await item.getByRole('button').count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Add checklist' }).count(), 0);
    });
  });

  it('completing with a result other than the suggested one asks for a reason', async () => {
    await withPage(browser, server, 'checklist override', async (page) => {
      await signIn(page, procurement.email, procurement.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/inspections/${inspectionId}`);
      await page.getByRole('button', { name: 'Complete inspection' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('The checklists suggest:').waitFor();
      await dialog.getByRole('textbox', { name: 'Result', exact: true }).click();
      await page.getByRole('option', { name: 'Conditional', exact: true }).click();
      const reason = dialog.getByLabel(/Why the result differs from the suggested one/);
      await reason.fill('Supplier showed the authorised-distributor purchase orders after the visit.');
      // Unanswered items are named, and critical ones need a reason.
      await dialog.getByRole('alert').filter({ hasText: /checklist items are unanswered/ }).waitFor();
      await dialog.getByRole('list', { name: 'Unanswered items' }).getByText(/^Critical/).first().waitFor();
      await dialog.getByLabel(/Why critical items are unanswered/).fill('The programming room was closed for a customer audit.');
      await dialog.getByLabel(/^Your password/).fill(procurement.password);
      await dialog.getByRole('button', { name: 'Sign and mark as completed' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText(/Recorded result differs from the suggestion: Supplier showed/).waitFor();
      // Completed: answers are read-only now.
      const item = page.getByRole('group', { name: 'Item 1.3', exact: true });
      await item.getByText('Answer: Yes').waitFor();
      assert.equal(await item.getByRole('button', { name: 'Yes', exact: true }).count(), 0);
    });
  });
});
