// The day-to-day workflow through the UI: procurement records a supplier and
// its evidence, a manager decides on its qualification, an auditor reads
// everything and can change nothing. The register is seeded through the API
// first so lists, the dashboard and the screenshots look like real use.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day, seedRegister } from './seed.mjs';

const procurement = { email: 'paula@example.com', name: 'Paula Procurement', role: 'procurement', password: 'buyer-e2e-passphrase-1' };
const manager = { email: 'manuel@example.com', name: 'Manuel Manager', role: 'manager', password: 'lead-e2e-passphrase-22' };
const auditor = { email: 'audrey@example.com', name: 'Audrey Auditor', role: 'auditor', password: 'reviewer-e2e-passphrase-333' };

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** An input by its visible label; a required field's label ends in " *". */
function field(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page, label, option, scope = page) {
  await scope.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('workflow: record, decide, audit', () => {
  let server;
  let browser;
  const created = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await seedRegister(server);
    for (const u of [procurement, manager, auditor]) await createUser(browser, server, u);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('procurement creates a manufacturer, a site, an inspection with a finding, a certificate and an attachment', async () => {
    await withPage(browser, server, 'procurement workflow', async (page) => {
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
      await page.getByRole('heading', { level: 1, name: 'Shenzhen Fab Works' }).waitFor();
      await page.getByText('No sites yet').waitFor();

      // Site: the form shows the server's per-field errors first.
      await page.getByRole('link', { name: 'Add site' }).click();
      await page.waitForURL(/\/sites\/new\?manufacturer_id=\d+/);
      await page.getByRole('button', { name: 'Create site' }).click();
      await page.locator('.mantine-InputWrapper-error').first().waitFor();
      await field(page, 'Site code').fill('SFW-LH1');
      await field(page, 'Site name').fill('Longhua final assembly');
      await field(page, 'City').fill('Shenzhen');
      await page.getByRole('textbox', { name: /^Country/ }).fill('China');
      await page.getByRole('option', { name: 'China (CN)' }).click();
      await page.getByRole('button', { name: 'Create site' }).click();
      await page.waitForURL(/\/sites\/\d+$/);
      created.siteId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { level: 1, name: /SFW-LH1/ }).waitFor();
      await page.getByTestId('site-status').filter({ hasText: 'Prospective' }).waitFor();

      // Procurement may start the qualification, and nothing more.
      await page.getByRole('button', { name: 'Change status' }).click();
      const decision = page.getByRole('dialog');
      await decision.getByRole('radio', { name: /In qualification/ }).check();
      assert.equal(await decision.getByRole('radiogroup', { name: /New status/ }).getByRole('radio').count(), 1, 'procurement is offered only "in qualification"');
      await field(decision, 'Reason').fill('New supplier for the sensor product line.');
      await field(decision, 'Your password').fill(procurement.password);
      await decision.getByRole('button', { name: 'Sign and record decision' }).click();
      await page.getByTestId('site-status').filter({ hasText: 'In qualification' }).waitFor();
      await decision.waitFor({ state: 'detached' });

      // Plan an inspection from the site page.
      await page.getByRole('button', { name: 'Plan inspection' }).first().click();
      const plan = page.getByRole('dialog');
      await choose(page, 'Type', 'Qualification', plan);
      await field(plan, 'Scheduled date').fill(day(0));
      await field(plan, 'Scope').fill('SMT, final assembly, ESD, traceability');
      await plan.getByRole('button', { name: 'Plan inspection' }).click();
      await page.waitForURL(/\/inspections\/\d+$/);
      created.inspectionId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { level: 1, name: 'Qualification inspection of SFW-LH1' }).waitFor();
      await page.getByText('Planned', { exact: true }).first().waitFor();

      // Complete it.
      await page.getByRole('button', { name: 'Complete inspection' }).click();
      const complete = page.getByRole('dialog');
      await choose(page, 'Result', 'Pass', complete);
      await field(complete, 'Score (0–100)').fill('86');
      await field(complete, 'Summary').fill('Good process control; rework traceability needs work.');
      await complete.getByRole('radio', { name: /^Authored/ }).check();
      await field(complete, 'Your password').fill(procurement.password);
      await complete.getByRole('button', { name: 'Sign and mark as completed' }).click();
      await complete.waitFor({ state: 'detached' });
      await page.getByText('Completed', { exact: true }).first().waitFor();
      await page.getByTestId('signature').filter({ hasText: /Signed by .*authored/ }).waitFor();

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
      await row.waitFor();
      await row.getByText('in 30 days').waitFor();
      await row.getByText('Major').waitFor();

      // An attachment, with progress, then listed with a preview.
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Upload file' }).click();
      await (await chooser).setFiles({ name: 'line-3-rework-station.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('link', { name: 'line-3-rework-station.png' }).waitFor();
      await page.getByRole('button', { name: 'Preview' }).click();
      const img = page.getByRole('dialog').getByRole('img', { name: 'line-3-rework-station.png' });
      await img.waitFor();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
      await page.keyboard.press('Escape');

      // A certificate, from the site's Certifications tab.
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'SFW-LH1' }).click();
      await page.getByRole('tab', { name: 'Certifications' }).click();
      await page.getByText('No certifications').waitFor();
      await page.getByRole('button', { name: 'Add certification' }).click();
      const cert = page.getByRole('dialog');
      await field(cert, 'Standard').fill('ISO 9001:2015');
      await field(cert, 'Certificate number').fill('CN-QMS-4471');
      await field(cert, 'Issuing body').fill('TÜV SÜD');
      await field(cert, 'Issued on').fill(day(-300));
      await field(cert, 'Expires on').fill(day(700));
      await cert.getByRole('button', { name: 'Add certification' }).click();
      await cert.waitFor({ state: 'detached' });
      await page.getByRole('row').filter({ hasText: 'ISO 9001:2015' }).getByText('Valid').waitFor();
    });
  });

  it("shows the manager the unmet rules, refuses the decision, then records it once they are met", async () => {
    assert.ok(created.siteId, 'needs the site from the previous test');
    await withPage(browser, server, 'manager decision', async (page) => {
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/sites/${created.siteId}`);
      await page.getByTestId('site-status').filter({ hasText: 'In qualification' }).waitFor();

      await page.getByRole('button', { name: 'Change status' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /Qualified/ }).check();
      const unmet = dialog.getByTestId('unmet-rules');
      await unmet.waitFor();
      assert.match(await unmet.innerText(), /finding/i, 'the open major finding is named before submitting');
      await field(dialog, 'Reason').fill('Qualification audit passed.');
      await field(dialog, 'Your password').fill(manager.password);
      await dialog.getByRole('button', { name: 'Sign and record decision' }).click();
      const refused = dialog.getByTestId('decision-refused');
      await refused.waitFor();
      assert.match(await refused.innerText(), /finding/i, "the server's unmet rule is shown");
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('site-status').filter({ hasText: 'In qualification' }).waitFor();

      // Close the finding with a verification note.
      await page.goto(`/inspections/${created.inspectionId}`);
      const row = page.getByRole('row').filter({ hasText: 'Rework station does not record the board serial number' });
      await row.getByRole('button', { name: 'Close' }).click();
      const close = page.getByRole('dialog', { name: 'Close the finding' });
      await field(close, 'Your password').fill(manager.password);
      await close.getByRole('button', { name: 'Sign and close finding' }).click();
      await close.locator('.mantine-InputWrapper-error').waitFor();
      await field(close, 'Verification note').fill('Visited again: the rework station scans the serial; 20 tickets sampled.');
      await close.getByRole('button', { name: 'Sign and close finding' }).click();
      await close.waitFor({ state: 'detached' });
      await row.getByText('Closed', { exact: true }).waitFor();

      await page.goto(`/sites/${created.siteId}`);
      await page.getByRole('button', { name: 'Change status' }).click();
      await dialog.getByRole('radio', { name: /Qualified/ }).check();
      await dialog.getByText(/meets every rule/).waitFor();
      await field(dialog, 'Reason').fill('Qualification audit passed; the finding was verified closed.');
      // Signing: a wrong password is refused and nothing is recorded; the
      // right one records the decision with its signature.
      await dialog.getByRole('radio', { name: /^Reviewed/ }).check();
      await field(dialog, 'Your password').fill('not my password');
      await dialog.getByRole('button', { name: 'Sign and record decision' }).click();
      await dialog.getByText(/^is not correct/).waitFor();
      await page.getByTestId('site-status').filter({ hasText: 'In qualification' }).waitFor();
      await field(dialog, 'Your password').fill(manager.password);
      await dialog.getByRole('button', { name: 'Sign and record decision' }).click();
      await page.getByTestId('site-status').filter({ hasText: 'Qualified' }).waitFor();

      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('cell', { name: 'Qualification audit passed; the finding was verified closed.', exact: true }).first().waitFor();
      const signed = page.getByRole('row').filter({ hasText: 'Qualification audit passed; the finding was verified closed.' }).getByTestId('signature');
      const text = await signed.innerText();
      assert.ok(text.startsWith('Signed by ') && text.includes(`(${manager.email}), reviewed,`), text);
    });
  });

  it('shows an auditor every record and no write control; the server refuses their writes', async () => {
    await withPage(browser, server, 'auditor read-only', async (page) => {
      await signIn(page, auditor.email, auditor.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('banner').getByText('Read-only', { exact: true }).waitFor();
      const writeControls = /^(New manufacturer|New site|Edit|Archive|Restore|Delete|Add site|Change status|Plan inspection|Complete inspection|Add finding|Close|Close finding|Add certification|Upload file|New user|Reset password|Import.*)$/;
      const pages = [
        ['/', 'Dashboard'],
        ['/manufacturers', 'Manufacturers'],
        ['/sites', 'Sites'],
        [`/sites/${created.siteId}`, /SFW-LH1/],
        [`/sites/${created.siteId}?tab=certifications`, /SFW-LH1/],
        [`/sites/${created.siteId}?tab=attachments`, /SFW-LH1/],
        [`/inspections/${created.inspectionId}`, /Qualification inspection/],
        ['/inspections', 'Inspections'],
        ['/inspections/calendar', 'Inspection calendar'],
        ['/findings', 'Findings'],
        ['/certifications', 'Certifications'],
        ['/audit-trail', 'Audit trail'],
      ];
      for (const [path, heading] of pages) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.waitForLoadState('networkidle');
        const found = await page.getByRole('button', { name: writeControls }).count();
        const links = await page.getByRole('link', { name: /^(New manufacturer|New site|Add site|Edit)$/ }).count();
        assert.equal(found + links, 0, `no write control on ${path}`);
      }
      // The auditor checks the audit trail's hash chain and filters it to one site.
      await page.goto('/audit-trail');
      await page.getByRole('button', { name: 'Verify chain' }).click();
      await page.getByTestId('verify-result').filter({ hasText: 'The audit trail is intact' }).waitFor();
      // Two quick changes build on each other (the second does not undo the first).
      await choose(page, 'Record type', 'Sites');
      await field(page, 'Record ID').fill(String(created.siteId));
      await page.waitForURL(new RegExp(`entity_type=site&entity_id=${created.siteId}`));
      await page.getByRole('cell', { name: 'Site qualification decided' }).first().waitFor();

      // Reading is complete: the auditor sees the site's findings and files.
      await page.goto(`/inspections/${created.inspectionId}`);
      await page.getByText('Rework station does not record the board serial number').waitFor();
      const file = page.getByRole('link', { name: 'line-3-rework-station.png' });
      const download = await page.request.get(await file.getAttribute('href'));
      assert.equal(download.status(), 200, 'the auditor downloads the attachment');
      assert.deepEqual(Buffer.from(await download.body()).subarray(1, 4).toString('latin1'), 'PNG');
      const kaunas = (await (await page.request.get('/api/v1/sites?q=BALT-KUN')).json()).items[0];
      await page.goto(`/sites/${kaunas.id}?tab=findings`);
      await page.getByRole('heading', { level: 1, name: /BALT-KUN/ }).waitFor();
      await page.getByText('Reworked boards are not traceable to the operator or the rework count').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('button', { name: writeControls }).count(), 0);
      await screenshot(page, 'auditor-view.png');

      await page.goto('/import');
      await page.getByText('Not available for your role').waitFor();

      // A direct write from the auditor's own session is refused by the server.
      const headers = { 'X-Requested-With': 'qualtrack' };
      const write = await page.request.post('/api/v1/manufacturers', { data: { name: 'Sneaky Ltd', country: 'DE' }, headers });
      assert.equal(write.status(), 403);
      const decide = await page.request.post(`/api/v1/sites/${created.siteId}/qualification`, { data: { status: 'suspended', reason: 'x' }, headers });
      assert.equal(decide.status(), 403);
      const list = await page.request.get('/api/v1/manufacturers?q=Sneaky');
      assert.equal((await list.json()).total, 0, 'nothing was written');
    });
  });

  it('takes the screenshots of the dashboard, the sites list and a site page', async () => {
    const api = await apiClient(server);
    const sites = await api.get('/sites?q=BALT-KUN');
    const kaunas = sites.items[0];
    await withPage(browser, server, 'screenshots', async (page) => {
      await page.setViewportSize({ width: 1366, height: 1000 });
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('heading', { level: 2, name: 'Inspections per month by result', exact: true }).waitFor();
      await page.getByRole('img', { name: /Sites by status/ }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'dashboard.png');

      await page.goto('/sites');
      await page.getByRole('cell', { name: 'ACME-SZ1' }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'sites.png');

      // Sorting and filters live in the URL.
      await page.getByRole('button', { name: /Next inspection due/ }).click();
      await page.waitForURL(/sort=next_inspection_due/);
      await page.getByRole('checkbox', { name: 'Overdue only' }).click();
      await page.waitForURL(/overdue=true/);
      await page.getByRole('cell', { name: 'MTY-GUA' }).waitFor();
      await page.reload();
      assert.equal(await page.getByRole('checkbox', { name: 'Overdue only' }).isChecked(), true, 'the filter survives a reload');

      await page.goto(`/sites/${kaunas.id}?tab=findings`);
      await page.getByRole('heading', { level: 1, name: /BALT-KUN/ }).waitFor();
      await page.getByText('Reworked boards are not traceable to the operator or the rework count').waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'site.png');

      // The tablet an inspector carries on the factory floor.
      await page.setViewportSize({ width: 800, height: 1100 });
      await page.goto(`/sites/${kaunas.id}`);
      await page.getByRole('heading', { level: 1, name: /BALT-KUN/ }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'site-tablet.png');
    });
  });
});
