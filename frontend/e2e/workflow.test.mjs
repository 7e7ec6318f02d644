// The day-to-day workflow through the UI: procurement records a supplier and
// its evidence, a manager decides on its qualification, an auditor reads
// everything and can change nothing. The register is seeded through the API
// first so lists, the dashboard and the screenshots look like real use.
import { choose, expect, field, screenshot, signIn, test } from './fixtures.mjs';
import { apiClient, createUser, day } from './seed.mjs';

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * What procurement records in the first test, made through the API as
 * `buyer`: a manufacturer and its site `code` in qualification, a passed
 * qualification inspection with a photo and an open major finding, and a
 * valid certificate.
 */
async function recordedSupplier(server, buyer, code) {
  const api = await apiClient(server, buyer.email, buyer.password);
  const m = await api.post('/manufacturers', { name: `Shenzhen Fab Works ${code}`, legal_name: 'Shenzhen Fab Works Co., Ltd.', country: 'CN', website: '', notes: '' });
  const site = await api.post('/sites', { manufacturer_id: m.id, code, name: 'Longhua final assembly', city: 'Shenzhen', country: 'CN', processes: [], risk_tier: 'medium', notes: '' });
  await api.post(`/sites/${site.id}/qualification`, { status: 'in_qualification', reason: 'New supplier for the sensor product line.', signature: api.signature('approved') });
  const inspection = await api.post('/inspections', {
    site_id: site.id, type: 'qualification', status: 'completed', scheduled_date: day(0), performed_date: day(0), result: 'pass', score: 86,
    scope: 'SMT, final assembly, ESD, traceability', summary: 'Good process control; rework traceability needs work.', signature: api.signature('authored'),
  });
  await api.post(`/inspections/${inspection.id}/findings`, {
    severity: 'major', category: 'traceability', requirement: 'ISO 9001:2015 8.5.2', description: 'Rework station does not record the board serial number',
    owner: 'Li Wei, site quality',
  });
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'line-3-rework-station.png');
  const uploaded = await api.raw('POST', `/inspections/${inspection.id}/attachments`, { body: form });
  expect(uploaded.status, await uploaded.text()).toBe(201);
  await api.post('/certifications', {
    site_id: site.id, standard: 'ISO 9001:2015', certificate_number: 'CN-QMS-4471', issuing_body: 'TÜV SÜD', scope: '', issued_on: day(-300), expires_on: day(700),
  });
  return { site, inspection };
}

/** The screen's lists and records have arrived: no loader is left. */
async function settled(page) {
  await expect(page.getByLabel('Loading', { exact: true })).toHaveCount(0);
}

test.describe('workflow: record, decide, audit', () => {
  test('procurement creates a manufacturer, a site, an inspection with a finding, a certificate and an attachment', async ({ page, server }) => {
    const procurement = { email: 'paula@example.com', name: 'Paula Procurement', role: 'procurement', password: 'buyer-e2e-passphrase-1' };
    await createUser(server, procurement);
    await signIn(page, procurement.email, procurement.password);
    await page.waitForURL((u) => u.pathname === '/');

    // Manufacturer
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manufacturers', exact: true }).click();
    await page.getByRole('link', { name: 'New manufacturer' }).click();
    await field(page, 'Name').fill('Shenzhen Fab Works');
    await field(page, 'Legal name').fill('Shenzhen Fab Works Co., Ltd.');
    await page.getByRole('textbox', { name: /^Country/ }).fill('China');
    await page.getByRole('option', { name: 'China (CN)' }).click();
    await page.getByRole('button', { name: 'Create manufacturer' }).click();
    await page.waitForURL(/\/manufacturers\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Shenzhen Fab Works' })).toBeVisible();
    await expect(page.getByText('No sites yet')).toBeVisible();

    // Site: the form shows the server's per-field errors first.
    await page.getByRole('link', { name: 'Add site' }).click();
    await page.waitForURL(/\/sites\/new\?manufacturer_id=\d+/);
    await page.getByRole('button', { name: 'Create site' }).click();
    await expect(page.locator('.mantine-InputWrapper-error').first()).toBeVisible();
    await field(page, 'Site code').fill('SFW-LH1');
    await field(page, 'Site name').fill('Longhua final assembly');
    await field(page, 'City').fill('Shenzhen');
    await page.getByRole('textbox', { name: /^Country/ }).fill('China');
    await page.getByRole('option', { name: 'China (CN)' }).click();
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.waitForURL(/\/sites\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: /SFW-LH1/ })).toBeVisible();
    await expect(page.getByTestId('site-status').filter({ hasText: 'Prospective' })).toBeVisible();

    // Procurement may start the qualification, and nothing more.
    await page.getByRole('button', { name: 'Change status' }).click();
    const decision = page.getByRole('dialog');
    await decision.getByRole('radio', { name: /In qualification/ }).check();
    await expect(decision.getByRole('radiogroup', { name: /New status/ }).getByRole('radio'), 'procurement is offered only "in qualification"').toHaveCount(1);
    await field(decision, 'Reason').fill('New supplier for the sensor product line.');
    await field(decision, 'Your password').fill(procurement.password);
    await decision.getByRole('button', { name: 'Sign and record decision' }).click();
    await expect(page.getByTestId('site-status').filter({ hasText: 'In qualification' })).toBeVisible();
    await expect(decision).not.toBeAttached();

    // Plan an inspection from the site page.
    await page.getByRole('button', { name: 'Plan inspection' }).first().click();
    const plan = page.getByRole('dialog');
    await choose(page, 'Type', 'Qualification', plan);
    await field(plan, 'Scheduled date').fill(day(0));
    await field(plan, 'Scope').fill('SMT, final assembly, ESD, traceability');
    await plan.getByRole('button', { name: 'Plan inspection' }).click();
    await page.waitForURL(/\/inspections\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Qualification inspection of SFW-LH1' })).toBeVisible();
    await expect(page.getByText('Planned', { exact: true }).first()).toBeVisible();

    // Complete it.
    await page.getByRole('button', { name: 'Complete inspection' }).click();
    const complete = page.getByRole('dialog');
    await choose(page, 'Result', 'Pass', complete);
    await field(complete, 'Score (0–100)').fill('86');
    await field(complete, 'Summary').fill('Good process control; rework traceability needs work.');
    await complete.getByRole('radio', { name: /^Authored/ }).check();
    await field(complete, 'Your password').fill(procurement.password);
    await complete.getByRole('button', { name: 'Sign and mark as completed' }).click();
    await expect(complete).not.toBeAttached();
    await expect(page.getByText('Completed', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('signature').filter({ hasText: /Signed by .*authored/ })).toBeVisible();

    // A finding, inline; the server defaults its due date (major: 30 days).
    await page.getByRole('button', { name: 'Add finding' }).click();
    const form = page.getByRole('form', { name: 'Add a finding' });
    await choose(page, 'Severity', 'Major', form);
    await choose(page, 'Category', 'Traceability', form);
    await field(form, 'Requirement').fill('ISO 9001:2015 8.5.2');
    await field(form, 'Description').fill('Rework station does not record the board serial number');
    await field(form, 'Owner').fill('Li Wei, site quality');
    await form.getByRole('button', { name: 'Save finding' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Rework station does not record the board serial number' });
    await expect(row).toBeVisible();
    await expect(row.getByText('in 30 days')).toBeVisible();
    await expect(row.getByText('Major')).toBeVisible();

    // An attachment, with progress, then listed with a preview.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload file' }).click();
    await (await chooser).setFiles({ name: 'line-3-rework-station.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByRole('link', { name: 'line-3-rework-station.png' })).toBeVisible();
    await page.getByRole('button', { name: 'Preview' }).click();
    const img = page.getByRole('dialog').getByRole('img', { name: 'line-3-rework-station.png' });
    await expect(img).toBeVisible();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    await page.keyboard.press('Escape');

    // A certificate, from the site's Certifications tab.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'SFW-LH1' }).click();
    await page.getByRole('tab', { name: 'Certifications' }).click();
    await expect(page.getByText('No certifications')).toBeVisible();
    await page.getByRole('button', { name: 'Add certification' }).click();
    const cert = page.getByRole('dialog');
    await field(cert, 'Standard').fill('ISO 9001:2015');
    await field(cert, 'Certificate number').fill('CN-QMS-4471');
    await field(cert, 'Issuing body').fill('TÜV SÜD');
    await field(cert, 'Issued on').fill(day(-300));
    await field(cert, 'Expires on').fill(day(700));
    await cert.getByRole('button', { name: 'Add certification' }).click();
    await expect(cert).not.toBeAttached();
    await expect(page.getByRole('row').filter({ hasText: 'ISO 9001:2015' }).getByText('Valid')).toBeVisible();
  });

  test('shows the manager the unmet rules, refuses the decision, then records it once they are met', async ({ page, server }) => {
    const procurement = { email: 'pablo@example.com', name: 'Pablo Procurement', role: 'procurement', password: 'buyer-e2e-passphrase-2' };
    const manager = { email: 'manuel@example.com', name: 'Manuel Manager', role: 'manager', password: 'lead-e2e-passphrase-22' };
    for (const u of [procurement, manager]) await createUser(server, u);
    const { site, inspection } = await recordedSupplier(server, procurement, 'SFW-LH2');
    await signIn(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/sites/${site.id}`);
    await expect(page.getByTestId('site-status').filter({ hasText: 'In qualification' })).toBeVisible();

    await page.getByRole('button', { name: 'Change status' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Qualified/ }).check();
    const unmet = dialog.getByTestId('unmet-rules');
    await expect(unmet).toBeVisible();
    await expect(unmet, 'the open major finding is named before submitting').toContainText(/finding/i);
    await field(dialog, 'Reason').fill('Qualification audit passed.');
    await field(dialog, 'Your password').fill(manager.password);
    await dialog.getByRole('button', { name: 'Sign and record decision' }).click();
    const refused = dialog.getByTestId('decision-refused');
    await expect(refused).toBeVisible();
    await expect(refused, "the server's unmet rule is shown").toContainText(/finding/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('site-status').filter({ hasText: 'In qualification' })).toBeVisible();

    // Close the finding with a verification note.
    await page.goto(`/inspections/${inspection.id}`);
    const row = page.getByRole('row').filter({ hasText: 'Rework station does not record the board serial number' });
    await row.getByRole('button', { name: 'Close' }).click();
    const close = page.getByRole('dialog', { name: 'Close the finding' });
    await field(close, 'Your password').fill(manager.password);
    await close.getByRole('button', { name: 'Sign and close finding' }).click();
    await expect(close.locator('.mantine-InputWrapper-error')).toBeVisible();
    await field(close, 'Verification note').fill('Visited again: the rework station scans the serial; 20 tickets sampled.');
    await close.getByRole('button', { name: 'Sign and close finding' }).click();
    await expect(close).not.toBeAttached();
    await expect(row.getByText('Closed', { exact: true })).toBeVisible();

    await page.goto(`/sites/${site.id}`);
    await page.getByRole('button', { name: 'Change status' }).click();
    await dialog.getByRole('radio', { name: /Qualified/ }).check();
    await expect(dialog.getByText(/meets every rule/)).toBeVisible();
    await field(dialog, 'Reason').fill('Qualification audit passed; the finding was verified closed.');
    // Signing: a wrong password is refused and nothing is recorded; the
    // right one records the decision with its signature.
    await dialog.getByRole('radio', { name: /^Reviewed/ }).check();
    await field(dialog, 'Your password').fill('not my password');
    await dialog.getByRole('button', { name: 'Sign and record decision' }).click();
    await expect(dialog.getByText(/^is not correct/)).toBeVisible();
    await expect(page.getByTestId('site-status').filter({ hasText: 'In qualification' })).toBeVisible();
    await field(dialog, 'Your password').fill(manager.password);
    await dialog.getByRole('button', { name: 'Sign and record decision' }).click();
    await expect(page.getByTestId('site-status').filter({ hasText: 'Qualified' })).toBeVisible();

    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByRole('cell', { name: 'Qualification audit passed; the finding was verified closed.', exact: true }).first()).toBeVisible();
    const signed = page.getByRole('row').filter({ hasText: 'Qualification audit passed; the finding was verified closed.' }).getByTestId('signature');
    await expect(signed).toHaveText(/^Signed by /);
    await expect(signed).toContainText(`(${manager.email}), reviewed,`);
  });

  test('shows an auditor every record and no write control; the server refuses their writes', async ({ page, server, register }) => {
    const procurement = { email: 'petra@example.com', name: 'Petra Procurement', role: 'procurement', password: 'buyer-e2e-passphrase-3' };
    const auditor = { email: 'audrey@example.com', name: 'Audrey Auditor', role: 'auditor', password: 'reviewer-e2e-passphrase-333' };
    for (const u of [procurement, auditor]) await createUser(server, u);
    const { site, inspection } = await recordedSupplier(server, procurement, 'SFW-LH3');
    const kaunas = register.sites.find((s) => s.code === 'BALT-KUN');
    await signIn(page, auditor.email, auditor.password);
    await page.waitForURL((u) => u.pathname === '/');
    await expect(page.getByRole('banner').getByText('Read-only', { exact: true })).toBeVisible();
    const writeControls = /^(New manufacturer|New site|Edit|Archive|Restore|Delete|Add site|Change status|Plan inspection|Complete inspection|Add finding|Close|Close finding|Add certification|Upload file|New user|Reset password|Import.*)$/;
    const pages = [
      ['/', 'Dashboard'],
      ['/manufacturers', 'Manufacturers'],
      ['/sites', 'Sites'],
      [`/sites/${site.id}`, new RegExp(site.code)],
      [`/sites/${site.id}?tab=certifications`, new RegExp(site.code)],
      [`/sites/${site.id}?tab=attachments`, new RegExp(site.code)],
      [`/inspections/${inspection.id}`, /Qualification inspection/],
      ['/inspections', 'Inspections'],
      ['/inspections/calendar', 'Inspection calendar'],
      ['/findings', 'Findings'],
      ['/certifications', 'Certifications'],
      ['/audit-trail', 'Audit trail'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await settled(page);
      await expect(page.getByRole('button', { name: writeControls }), `no write control on ${path}`).toHaveCount(0);
      await expect(page.getByRole('link', { name: /^(New manufacturer|New site|Add site|Edit)$/ }), `no write control on ${path}`).toHaveCount(0);
    }
    // The auditor checks the audit trail's hash chain and filters it to one site.
    await page.goto('/audit-trail');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByTestId('verify-result').filter({ hasText: 'The audit trail is intact' })).toBeVisible();
    // Two quick changes build on each other (the second does not undo the first).
    await choose(page, 'Record type', 'Sites');
    await field(page, 'Record ID').fill(String(site.id));
    await page.waitForURL(new RegExp(`entity_type=site&entity_id=${site.id}`));
    await expect(page.getByRole('cell', { name: 'Site qualification decided' }).first()).toBeVisible();

    // Reading is complete: the auditor sees the site's findings and files.
    await page.goto(`/inspections/${inspection.id}`);
    await expect(page.getByText('Rework station does not record the board serial number')).toBeVisible();
    const file = page.getByRole('link', { name: 'line-3-rework-station.png' });
    const download = await page.request.get(await file.getAttribute('href'));
    expect(download.status(), 'the auditor downloads the attachment').toBe(200);
    expect(Buffer.from(await download.body()).subarray(1, 4).toString('latin1')).toEqual('PNG');
    await page.goto(`/sites/${kaunas.id}?tab=findings`);
    await expect(page.getByRole('heading', { level: 1, name: /BALT-KUN/ })).toBeVisible();
    await expect(page.getByText('Reworked boards are not traceable to the operator or the rework count')).toBeVisible();
    await settled(page);
    await expect(page.getByRole('button', { name: writeControls })).toHaveCount(0);
    await screenshot(page, 'auditor-view.png');

    await page.goto('/import');
    await expect(page.getByText('Not available for your role')).toBeVisible();

    // A direct write from the auditor's own session is refused by the server.
    const headers = { 'X-Requested-With': 'qualtrack' };
    const write = await page.request.post('/api/v1/manufacturers', { data: { name: 'Sneaky Ltd', country: 'DE' }, headers });
    expect(write.status()).toBe(403);
    const decide = await page.request.post(`/api/v1/sites/${site.id}/qualification`, { data: { status: 'suspended', reason: 'x' }, headers });
    expect(decide.status()).toBe(403);
    const list = await page.request.get('/api/v1/manufacturers?q=Sneaky');
    expect((await list.json()).total, 'nothing was written').toBe(0);
  });

  test('takes the screenshots of the dashboard, the sites list and a site page', async ({ page, server, register }) => {
    const manager = { email: 'marta@example.com', name: 'Marta Manager', role: 'manager', password: 'lead-e2e-passphrase-23' };
    await createUser(server, manager);
    const kaunas = register.sites.find((s) => s.code === 'BALT-KUN');
    await page.setViewportSize({ width: 1366, height: 1000 });
    await signIn(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/');
    await expect(page.getByRole('heading', { level: 2, name: 'Inspections per month by result', exact: true })).toBeVisible();
    await expect(page.getByRole('img', { name: /Sites by status/ })).toBeVisible();
    await settled(page);
    await screenshot(page, 'dashboard.png');

    await page.goto('/sites');
    await expect(page.getByRole('cell', { name: 'ACME-SZ1' })).toBeVisible();
    await settled(page);
    await screenshot(page, 'sites.png');

    // Sorting and filters live in the URL.
    await page.getByRole('button', { name: /Next inspection due/ }).click();
    await page.waitForURL(/sort=next_inspection_due/);
    await page.getByRole('checkbox', { name: 'Overdue only' }).click();
    await page.waitForURL(/overdue=true/);
    await expect(page.getByRole('cell', { name: 'MTY-GUA' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Overdue only' }), 'the filter survives a reload').toBeChecked();

    await page.goto(`/sites/${kaunas.id}?tab=findings`);
    await expect(page.getByRole('heading', { level: 1, name: /BALT-KUN/ })).toBeVisible();
    await expect(page.getByText('Reworked boards are not traceable to the operator or the rework count')).toBeVisible();
    await settled(page);
    await screenshot(page, 'site.png');

    // The tablet an inspector carries on the factory floor.
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.goto(`/sites/${kaunas.id}`);
    await expect(page.getByRole('heading', { level: 1, name: /BALT-KUN/ })).toBeVisible();
    await settled(page);
    await screenshot(page, 'site-tablet.png');
  });
});
