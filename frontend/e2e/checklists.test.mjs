// Inspection checklists on a tablet: procurement adds the built-in hardware
// supply-chain integrity template to a planned inspection, answers items
// (a "no" on a critical one), raises a finding from it, sees the suggested
// result "fail" with its reason, and completes the inspection overriding it
// with a reason.
import { expect, screenshot, signIn, test } from './fixtures.mjs';
import { createUser, day } from './seed.mjs';

/** A planned inspection of a new site of a new manufacturer. */
async function plannedInspection(api, maker, code) {
  const m = await api.post('/manufacturers', { name: maker, legal_name: `${maker} Ltd`, country: 'TW', notes: '' });
  const site = await api.post('/sites', {
    manufacturer_id: m.id,
    code,
    name: 'Hsinchu SMT line',
    city: 'Hsinchu',
    country: 'TW',
    processes: [],
    risk_tier: 'high',
    notes: '',
  });
  return api.post('/inspections', { site_id: site.id, type: 'routine', status: 'planned', scheduled_date: day(3), team: '', scope: 'Supply-chain integrity' });
}

/**
 * The supply-chain integrity checklist on the inspection, answered as an
 * inspector would on the tablet: 1.1 no (a critical item, with a finding
 * raised from it), 1.2 N/A, 1.3 yes, 2.4 rated 4; the rest unanswered.
 */
async function answeredChecklist(api, inspectionId) {
  const templates = await api.get('/checklist-templates?q=supply-chain');
  const template = templates.items.find((t) => /supply-chain integrity/i.test(t.name));
  const checklist = await api.post(`/inspections/${inspectionId}/checklists`, { template_id: template.id });
  const item = (number) => checklist.sections.flatMap((s) => s.items).find((i) => i.number === number);
  const answer = (number, body) => api.raw('PUT', `/inspections/${inspectionId}/checklists/${checklist.id}/answers/${item(number).id}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ version: 0, ...body }),
  });
  for (const [number, body] of [['1.1', { answer: 'no' }], ['1.2', { not_applicable: true }], ['1.3', { answer: 'yes' }], ['2.4', { rating: 4 }]]) {
    const res = await answer(number, body);
    expect(res.status, `answering ${number}: ${await res.text()}`).toBe(201);
  }
  await api.post(`/inspections/${inspectionId}/checklists/${checklist.id}/items/${item('1.1').id}/finding`, {
    owner: 'Purchasing manager',
    corrective_action: 'Buy memory only from authorised distributors.',
  });
}

test.describe('inspection checklists', () => {
  test('procurement answers a checklist on a tablet and raises a finding from a critical "no"', async ({ page, server, api }) => {
    const procurement = { email: 'tina@example.com', name: 'Tina Tablet', role: 'procurement', password: 'buyer-e2e-passphrase-7' };
    await createUser(server, procurement);
    const inspection = await plannedInspection(api, 'Board Builders', 'BB-HS1');
    await page.setViewportSize({ width: 800, height: 1100 });
    await signIn(page, procurement.email, procurement.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${inspection.id}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Checklists', exact: true })).toBeVisible();
    await expect(page.getByText('No checklists')).toBeVisible();

    await page.getByRole('textbox', { name: 'Checklist template' }).click();
    await page.getByRole('option', { name: /Hardware supply-chain integrity/ }).click();
    await page.getByRole('button', { name: 'Add checklist' }).click();

    const item = (n) => page.getByRole('group', { name: `Item ${n}`, exact: true });
    await expect(item('1.1')).toBeVisible();
    await item('1.1').getByRole('button', { name: 'No', exact: true }).click();
    await expect(item('1.1').getByText('Answer: No')).toBeVisible();
    await item('1.2').getByRole('button', { name: 'N/A', exact: true }).click();
    await expect(item('1.2').getByText('Answer: N/A')).toBeVisible();
    await item('1.3').getByRole('button', { name: 'Yes', exact: true }).click();
    await expect(item('1.3').getByText('Answer: Yes')).toBeVisible();
    await item('2.4').getByRole('button', { name: 'Rate 4', exact: true }).click();
    await expect(item('2.4').getByText('Answer: Rated 4 of 5')).toBeVisible();

    const score = page.getByRole('region', { name: 'Checklist score' });
    await expect(score.getByText('4 of')).toBeVisible();
    await expect(score.getByText('Fail', { exact: true })).toBeVisible();
    await expect(score.getByText(/Critical item 1\.1 failed/)).toBeVisible();

    // "Raise finding" opens the finding form prefilled from the item; the inspector completes it.
    await item('1.1').getByRole('button', { name: 'Raise finding' }).click();
    const form = page.getByRole('dialog', { name: 'Raise a finding from item 1.1' });
    await expect(form.getByLabel('Description')).toHaveValue(/item 1\.1: no\./);
    await expect(form.getByRole('textbox', { name: 'Severity' })).toHaveValue('Critical');
    await form.getByLabel('Owner').fill('Purchasing manager');
    await form.getByLabel('Corrective action').fill('Buy memory only from authorised distributors.');
    await form.getByRole('button', { name: 'Save finding' }).click();
    await expect(form).toBeHidden();
    const link = item('1.1').getByRole('link', { name: /Finding #\d+ raised from this answer/ });
    await expect(link).toBeVisible();
    // The finding appears in the inspection's findings and the open critical finding is a reason too.
    await expect(score.getByText(/1 critical finding is open/)).toBeVisible();

    await item('1.1').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -260));
    await screenshot(page, 'checklist-tablet.png');

    await expect(link).toHaveAttribute('href', /^\/findings\/\d+$/);
  });

  test('the auditor sees the answers read-only', async ({ page, server, api }) => {
    const auditor = { email: 'aldo@example.com', name: 'Aldo Auditor', role: 'auditor', password: 'reviewer-e2e-passphrase-777' };
    await createUser(server, auditor);
    const inspection = await plannedInspection(api, 'Board Builders Two', 'BB-HS2');
    await answeredChecklist(api, inspection.id);
    await signIn(page, auditor.email, auditor.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${inspection.id}`);
    const item = page.getByRole('group', { name: 'Item 1.1', exact: true });
    await expect(item.getByText('Answer:').first()).toBeVisible();
    await expect(item.getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add checklist' })).toHaveCount(0);
  });

  test('completing with a result other than the suggested one asks for a reason', async ({ page, server, api }) => {
    const procurement = { email: 'theo@example.com', name: 'Theo Tablet', role: 'procurement', password: 'buyer-e2e-passphrase-8' };
    await createUser(server, procurement);
    const inspection = await plannedInspection(api, 'Board Builders Three', 'BB-HS3');
    await answeredChecklist(api, inspection.id);
    await signIn(page, procurement.email, procurement.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/inspections/${inspection.id}`);
    await page.getByRole('button', { name: 'Complete inspection' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('The checklists suggest:')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Result', exact: true }).click();
    await page.getByRole('option', { name: 'Conditional', exact: true }).click();
    const reason = dialog.getByLabel(/Why the result differs from the suggested one/);
    await reason.fill('Supplier showed the authorised-distributor purchase orders after the visit.');
    // Unanswered items are named, and critical ones need a reason.
    await expect(dialog.getByRole('alert').filter({ hasText: /checklist items are unanswered/ })).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Unanswered items' }).getByText(/^Critical/).first()).toBeVisible();
    await dialog.getByLabel(/Why critical items are unanswered/).fill('The programming room was closed for a customer audit.');
    await dialog.getByLabel(/^Your password/).fill(procurement.password);
    await dialog.getByRole('button', { name: 'Sign and mark as completed' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/Recorded result differs from the suggestion: Supplier showed/)).toBeVisible();
    // Completed: answers are read-only now.
    const item = page.getByRole('group', { name: 'Item 1.3', exact: true });
    await expect(item.getByText('Answer: Yes')).toBeVisible();
    await expect(item.getByRole('button', { name: 'Yes', exact: true })).toHaveCount(0);
  });
});
