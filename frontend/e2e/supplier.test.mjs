import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, RESULTS_DIR, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

/** Fails when axe finds a serious or critical violation on the page as it is. */
async function assertAccessible(page, where) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  assert.deepEqual(bad, [], `${where}: axe-core found serious or critical violations:\n${bad.join('\n')}`);
}

// The supplier loop in a browser: a supplier invited by the buyer sets a
// password on a phone, answers a corrective-action request stage and
// checks its receipt; the buyer reviews the answers on the finding page.
describe('supplier portal', () => {
  let server;
  let browser;
  let api;
  let finding;
  let request;
  let invitation;
  const PASSWORD = 'lantern ginkgo river 42';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiClient(server);
    const m = await api.post('/manufacturers', { name: 'Shenzhen Boards', country: 'CN' });
    const site = await api.post('/sites', { manufacturer_id: m.id, code: 'SZB-1', name: 'Longhua SMT', country: 'CN', risk_tier: 'high' });
    const visit = await api.post('/inspections', {
      site_id: site.id, type: 'routine', status: 'completed', performed_date: day(-2), result: 'conditional', score: 70,
      signature: api.signature('authored'),
    });
    finding = await api.post(`/inspections/${visit.id}/findings`, { severity: 'critical', category: 'esd', description: 'Ionizers on line 3 out of calibration' });
    request = await api.post(`/findings/${finding.id}/corrective-action`, { request: 'Contain the affected lots, then find the root cause.', internal_note: 'Second ESD finding this year' });
    invitation = await api.post('/supplier-invitations', { email: 'lin.wei@szboards.example', name: 'Lin Wei', manufacturer_id: m.id });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the invited supplier set a password and answer containment on a phone', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'UTC', hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    try {
      const link = new URL(invitation.invitation_url);
      await page.goto(link.pathname + link.hash);
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await page.getByLabel('New password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your password is set. Sign in with lin.wei@szboards.example.').waitFor();
      await page.getByRole('link', { name: 'Sign in' }).click();
      await signIn(page, 'lin.wei@szboards.example', PASSWORD);
      await page.waitForURL((url) => url.pathname === '/supplier');
      await page.getByRole('heading', { name: 'What is due from you' }).waitFor();
      await page.getByText('Shenzhen Boards').first().waitFor();
      assert.equal(await page.getByText('Second ESD finding this year').count(), 0, 'the internal note stays with the buyer');
      await screenshot(page, 'supplier-home-phone.png');
      await assertAccessible(page, 'supplier home');

      await page.getByRole('link', { name: `Request ${request.id} at SZB-1` }).click();
      await page.getByRole('heading', { name: `Request ${request.id} at SZB-1` }).waitFor();
      await page.getByText('Contain the affected lots, then find the root cause.').waitFor();
      const containment = page.getByRole('region', { name: 'Containment (D3)' });
      await containment.getByLabel('Answer').fill('Lots 4411-4415 quarantined and 100% re-tested');
      const submitted = page.waitForResponse((r) => r.url().includes('/stages/d3/submit'));
      await containment.getByRole('button', { name: 'Submit Containment (D3)' }).click();
      assert.equal((await submitted).status(), 201);
      await page.getByRole('status').filter({ hasText: 'Keep your receipt' }).waitFor();
      await containment.getByText('Submitted', { exact: true }).waitFor();
      await page.getByRole('button', { name: /Check receipt \d+/ }).click();
      await page.getByText(/Receipt \d+ is in the audit chain\./).waitFor();
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `the page fits the phone's width (${widths[0]} > ${widths[1]})`);
      await screenshot(page, 'supplier-request-phone.png');
      await assertAccessible(page, 'supplier request');

      // The language follows the choice made on the device.
      await page.getByRole('textbox', { name: 'Language' }).click();
      await page.getByRole('option', { name: '简体中文' }).click();
      await page.getByText('遏制措施 (D3)').first().waitFor();
      await screenshot(page, 'supplier-request-phone-zh.png');
      await page.getByRole('link', { name: '返回您的要求' }).click();
      await page.getByRole('heading', { name: '您的待办事项' }).waitFor();
      await screenshot(page, 'supplier-home-phone-zh.png');
    } catch (err) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS_DIR, 'supplier-phone.png'), fullPage: true }).catch(() => {});
      fs.writeFileSync(path.join(RESULTS_DIR, 'supplier-phone.server.log'), server.log());
      throw err;
    } finally {
      await context.close();
    }
  });

  it('lets the buyer accept an answer with a signature and return another with a reason', async () => {
    const supplier = await apiClient(server, 'lin.wei@szboards.example', PASSWORD);
    const ca = await supplier.get(`/supplier/corrective-actions/${request.id}`);
    if (ca.stages.find((s) => s.stage === 'd3').status === 'open') {
      await supplier.post(`/supplier/corrective-actions/${request.id}/stages/d3/submit`, { text: 'Lots quarantined' });
    }
    await supplier.post(`/supplier/corrective-actions/${request.id}/stages/d4/submit`, { text: 'Worn emitters', method: 'five_why' });
    await withPage(browser, server, 'buyer review', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto(`/findings/${finding.id}`);
      await page.getByRole('heading', { name: 'Corrective-action request' }).waitFor();
      await page.getByText('Internal note:').waitFor();

      await page.getByRole('button', { name: 'Accept D3 Containment' }).click();
      const dialog = page.getByRole('dialog', { name: 'Accept the answer' });
      await dialog.getByLabel('Your password').fill(ADMIN_PASSWORD);
      const accepted = page.waitForResponse((r) => r.url().includes('/stages/d3/review'));
      await dialog.getByRole('button', { name: 'Sign and accept' }).click();
      assert.equal((await accepted).status(), 200);
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: 'Return D4 Root cause' }).click();
      const back = page.getByRole('dialog', { name: 'Return the answer' });
      await back.getByLabel('What the supplier must add or change').fill('Why were the emitters not on the PM plan? Go two whys further.');
      await back.getByRole('button', { name: 'Return to the supplier' }).click();
      await back.waitFor({ state: 'hidden' });
      await page.getByText('Returned: Why were the emitters not on the PM plan? Go two whys further.').waitFor();
      await screenshot(page, 'buyer-corrective-action-review.png');

      // The site's page lists the request under "Requests and changes", a tab a link opens.
      await page.goto(`/sites/${finding.site_id}?tab=supplier`);
      await page.getByRole('tab', { name: 'Requests and changes', selected: true }).waitFor();
      await page.getByRole('table', { name: 'Corrective-action requests of the site' }).getByText('D4 Root cause').waitFor();
      await page.goBack();

      // The list of requests filters on the stage they wait on.
      await page.getByRole('link', { name: 'Corrective actions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Corrective-action requests' }).waitFor();
      await page.getByRole('table', { name: 'Corrective-action requests' }).getByText('D4 Root cause').waitFor();
      await page.getByRole('textbox', { name: 'Waiting on' }).click();
      await page.getByRole('option', { name: 'D5/D6 Corrective action' }).click();
      await page.getByText('No request matches').waitFor();
    });
    const after = await supplier.get(`/supplier/corrective-actions/${request.id}`);
    assert.equal(after.stages.find((s) => s.stage === 'd3').status, 'accepted');
    assert.equal(after.stages.find((s) => s.stage === 'd4').status, 'returned');
    assert.equal(after.rework_count, 1);
  });

  it('lets a supplier answer a questionnaire on a phone and the buyer return an item for rework', async () => {
    const m = await api.post('/manufacturers', { name: 'Penang Assembly', country: 'MY' });
    const site = await api.post('/sites', { manufacturer_id: m.id, code: 'PEN-Q1', name: 'Bayan Lepas SMT', country: 'MY', risk_tier: 'medium' });
    const template = await api.post('/checklist-templates', {
      name: 'Pre-visit self-assessment',
      sections: [
        {
          title: 'Sourcing',
          items: [
            { question: 'Are ICs bought only from authorised distributors?', answer_type: 'yes_no' },
            { question: 'How good is receiving inspection?', answer_type: 'rating_1_5' },
          ],
        },
      ],
    });
    const sent = await api.post('/self-assessments', { site_id: site.id, template_id: template.id, due_date: day(10), message: 'Please answer before our visit.' });
    const invite = await api.post('/supplier-invitations', { email: 'aminah@penang.example', name: 'Aminah Yusof', manufacturer_id: m.id });
    const accepted = await fetch(`${server.url}/api/v1/auth/invitation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualtrack' },
      body: JSON.stringify({ token: new URL(invite.invitation_url).hash.slice(1), password: PASSWORD }),
    });
    assert.equal(accepted.status, 200, await accepted.text());

    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'UTC', hasTouch: true, isMobile: true });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    try {
      await signIn(page, 'aminah@penang.example', PASSWORD);
      await page.waitForURL((url) => url.pathname === '/supplier');
      await page.getByRole('link', { name: /Pre-visit self-assessment · PEN-Q1/ }).click();
      await page.getByRole('heading', { name: 'Pre-visit self-assessment · PEN-Q1' }).waitFor();
      await page.getByText('Please answer before our visit.').waitFor();
      await page.getByRole('radiogroup', { name: /1\.1 Are ICs bought/ }).getByRole('radio', { name: 'Yes' }).check();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Attach evidence to 1.1' }).click();
      await (await chooser).setFiles({ name: 'distributors.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 approved distributor list') });
      await page.getByRole('link', { name: 'distributors.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Draft saved.').waitFor();
      await page.getByText('1 of 2 answered').waitFor();
      await page.getByRole('radiogroup', { name: /1\.2 How good/ }).getByRole('radio', { name: '4' }).check();
      await page.getByLabel('Note on 1.2').fill('Sampling per AQL 0.65.');
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.getByText('Submitted. The buyer will review your answers.').waitFor();
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0] <= widths[1], `the page fits the phone's width (${widths[0]} > ${widths[1]})`);
      await screenshot(page, 'supplier-questionnaire-phone.png');
      await assertAccessible(page, 'supplier questionnaire');
      // The submission's receipt is kept and checks against the audit chain.
      await page.getByText(/Keep your receipt: event \d+\./).waitFor();
      const receipts = page.getByRole('region', { name: 'Your receipts' });
      await receipts.getByText(/Event \d+ · Submission 1 · [0-9a-f]{64}/).waitFor();
      await receipts.getByRole('button', { name: /Check receipt \d+/ }).click();
      await receipts.getByText(/Receipt \d+ is in the audit chain\./).waitFor();
      await page.getByRole('textbox', { name: 'Language' }).click();
      await page.getByRole('option', { name: '简体中文' }).click();
      await page.getByText('等待采购方审核。').waitFor();
      await page.getByRole('region', { name: '您的回执' }).getByText(/事件 \d+ · 第 1 次提交/).waitFor();
      await page.getByRole('region', { name: '您的回执' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'supplier-questionnaire-phone-zh.png');
    } catch (err) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS_DIR, 'supplier-questionnaire.png'), fullPage: true }).catch(() => {});
      fs.writeFileSync(path.join(RESULTS_DIR, 'supplier-questionnaire.server.log'), server.log());
      throw err;
    } finally {
      await context.close();
    }

    await withPage(browser, server, 'buyer questionnaire review', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('link', { name: 'Questionnaires' }).click();
      const table = page.getByRole('table', { name: 'Self-assessment questionnaires' });
      await table.getByText('To review').waitFor();
      await table.getByText('PEN-Q1').click();
      await page.getByRole('heading', { level: 1, name: 'Pre-visit self-assessment · PEN-Q1' }).waitFor();
      await page.getByRole('article', { name: /1\.2 How good/ }).getByText('Rated 4 of 5').waitFor();
      await page.getByRole('checkbox', { name: 'Return 1.2 for rework' }).check();
      await page.getByLabel('What must change in 1.2').fill('Attach last month\'s receiving inspection records.');
      await page.getByRole('button', { name: 'Return 1 item' }).click();
      await page.getByText('Returned for rework').first().waitFor();
      await screenshot(page, 'buyer-questionnaire-review.png');
    });
    const supplier = await apiClient(server, 'aminah@penang.example', PASSWORD);
    const after = await supplier.get(`/supplier/self-assessments/${sent.id}`);
    assert.equal(after.status, 'returned');
    assert.equal(after.sections[0].items[1].answer.return_comment, "Attach last month's receiving inspection records.");
    assert.equal(after.files.length, 1);
  });

  it('lets a supplier notify a change on a phone, in the language of its account, and a manager approve it with a signature', async () => {
    const m = await api.post('/manufacturers', { name: 'Dongguan Cables', country: 'CN' });
    await api.post('/sites', { manufacturer_id: m.id, code: 'DGC-1', name: 'Changan cable plant', country: 'CN', risk_tier: 'medium' });
    const invite = await api.post('/supplier-invitations', { email: 'zhou.min@dgcables.example', name: 'Zhou Min', manufacturer_id: m.id });
    // The invitation page was read in Chinese: the account keeps that language.
    const accepted = await fetch(`${server.url}/api/v1/auth/invitation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualtrack' },
      body: JSON.stringify({ token: new URL(invite.invitation_url).hash.slice(1), password: PASSWORD, language: 'zh-CN' }),
    });
    assert.equal(accepted.status, 200, await accepted.text());

    // An English phone: the portal follows the account's language.
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'UTC', hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    try {
      await signIn(page, 'zhou.min@dgcables.example', PASSWORD);
      await page.getByRole('link', { name: '通知变更' }).click();
      await page.getByRole('heading', { level: 1, name: '通知变更' }).waitFor();
      await page.getByRole('textbox', { name: /^变更内容/ }).click();
      await page.getByRole('option', { name: '设备' }).click();
      await page.getByRole('checkbox', { name: 'DGC-1 · Changan cable plant' }).check();
      await page.getByRole('textbox', { name: /^标题/ }).fill('New crimping press on line 2');
      await page.getByRole('textbox', { name: /^计划日期/ }).fill(day(30));
      await assertAccessible(page, 'notify a change');
      await page.getByRole('button', { name: '发送通知' }).click();
      await page.getByText(/^已发送/).waitFor();
      await screenshot(page, 'supplier-change-notification.png');
    } catch (err) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS_DIR, 'supplier-change.png'), fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }

    await withPage(browser, server, 'decide change', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/change-notifications?status=pending');
      await page.getByRole('table', { name: 'Change notifications' }).getByText('New crimping press on line 2').click();
      await page.getByRole('heading', { level: 1, name: 'New crimping press on line 2' }).waitFor();
      await page.getByRole('radio', { name: 'Approve', exact: true }).check();
      await page.getByRole('checkbox', { name: /plan a for-cause inspection/ }).check();
      await page.getByRole('textbox', { name: /^Inspection date/ }).fill(day(14));
      await page.getByLabel('Your password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign and record the decision' }).click();
      await page.getByRole('heading', { name: 'Decision' }).waitFor();
      await page.getByRole('link', { name: 'The inspection planned for it' }).waitFor();
      await screenshot(page, 'change-notification-decided.png');
    });
    const supplier = await apiClient(server, 'zhou.min@dgcables.example', PASSWORD);
    const changes = await supplier.get('/supplier/change-notifications');
    assert.equal(changes.items.length, 1);
    assert.equal(changes.items[0].status, 'approved');
    assert.ok(changes.items[0].inspection_id, 'the approval planned a for-cause inspection');
  });

  it('lets a manager invite a supplier from the manufacturer page and pass the link on', async () => {
    const m = await api.post('/manufacturers', { name: 'Baltic Boards', country: 'LT' });
    await withPage(browser, server, 'invite supplier', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto(`/manufacturers/${m.id}`);
      await page.getByRole('heading', { name: 'Supplier accounts' }).waitFor();
      await page.getByRole('button', { name: 'Invite a supplier' }).click();
      const dialog = page.getByRole('dialog', { name: 'Invite a supplier' });
      await dialog.getByLabel('Name').fill('Rasa Jonaitė');
      await dialog.getByLabel('E-mail').fill('rasa@balticboards.example');
      await dialog.getByRole('button', { name: 'Send the invitation' }).click();
      await page.getByText('Rasa Jonaitė is invited').waitFor();
      const link = await page.locator('pre').filter({ hasText: '/invitation#' }).innerText();
      assert.match(link, /\/invitation#[\w.-]+$/);
      await page.getByRole('cell', { name: 'rasa@balticboards.example' }).waitFor();
    });
  });
});
