// The supplier loop in a browser: a supplier invited by the buyer sets a
// password on a phone, answers a corrective-action request stage and
// checks its receipt; the buyer reviews the answers on the finding page.
import { ADMIN_EMAIL, ADMIN_PASSWORD, axeViolations, expect, screenshot, signIn, test } from './fixtures.mjs';
import { apiClient, day } from './seed.mjs';

const PASSWORD = 'lantern ginkgo river 42';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/**
 * A corrective-action request on a critical finding at a new site (`code`)
 * of a new manufacturer (`maker`), and an invitation for the supplier's
 * `email` to answer it.
 */
async function correctiveActionRequest(api, { maker, code, email, name }) {
  const m = await api.post('/manufacturers', { name: maker, country: 'CN' });
  const site = await api.post('/sites', { manufacturer_id: m.id, code, name: 'Longhua SMT', country: 'CN', risk_tier: 'high' });
  const visit = await api.post('/inspections', {
    site_id: site.id, type: 'routine', status: 'completed', performed_date: day(-2), result: 'conditional', score: 70,
    signature: api.signature('authored'),
  });
  const finding = await api.post(`/inspections/${visit.id}/findings`, { severity: 'critical', category: 'esd', description: 'Ionizers on line 3 out of calibration' });
  const request = await api.post(`/findings/${finding.id}/corrective-action`, { request: 'Contain the affected lots, then find the root cause.', internal_note: 'Second ESD finding this year' });
  const invitation = await api.post('/supplier-invitations', { email, name, manufacturer_id: m.id });
  return { finding, request, invitation };
}

/** Accepts an invitation as the supplier would on its page, with PASSWORD. */
async function acceptInvitation(server, invitation, extra = {}) {
  const accepted = await fetch(`${server.url}/api/v1/auth/invitation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'qualtrack' },
    body: JSON.stringify({ token: new URL(invitation.invitation_url).hash.slice(1), password: PASSWORD, ...extra }),
  });
  expect(accepted.status, await accepted.text()).toBe(200);
}

test.describe('supplier portal', () => {
  test('lets the invited supplier set a password and answer containment on a phone', async ({ newPage, api }) => {
    const { request, invitation } = await correctiveActionRequest(api, { maker: 'Shenzhen Boards', code: 'SZB-1', email: 'lin.wei@szboards.example', name: 'Lin Wei' });
    const phone = await newPage(PHONE);
    const link = new URL(invitation.invitation_url);
    await phone.goto(link.pathname + link.search + link.hash);
    await expect(phone.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
    await phone.getByLabel('New password').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Set password' }).click();
    await expect(phone.getByText('Your password is set. Sign in with lin.wei@szboards.example.')).toBeVisible();
    await phone.getByRole('link', { name: 'Sign in' }).click();
    await signIn(phone, 'lin.wei@szboards.example', PASSWORD);
    await phone.waitForURL((url) => url.pathname === '/supplier');
    await expect(phone.getByRole('heading', { name: 'What is due from you' })).toBeVisible();
    await expect(phone.getByText('Shenzhen Boards').first()).toBeVisible();
    await expect(phone.getByText('Second ESD finding this year'), 'the internal note stays with the buyer').toHaveCount(0);
    await screenshot(phone, 'supplier-home-phone.png');
    expect(await axeViolations(phone, 'supplier home')).toEqual([]);

    await phone.getByRole('link', { name: `Request ${request.id} at SZB-1` }).click();
    await expect(phone.getByRole('heading', { name: `Request ${request.id} at SZB-1` })).toBeVisible();
    await expect(phone.getByText('Contain the affected lots, then find the root cause.')).toBeVisible();
    const containment = phone.getByRole('region', { name: 'Containment (D3)' });
    await containment.getByLabel('Answer').fill('Lots 4411-4415 quarantined and 100% re-tested');
    const submitted = phone.waitForResponse((r) => r.url().includes('/stages/d3/submit'));
    await containment.getByRole('button', { name: 'Submit Containment (D3)' }).click();
    expect((await submitted).status()).toBe(201);
    await expect(phone.getByRole('status').filter({ hasText: 'Keep your receipt' })).toBeVisible();
    await expect(containment.getByText('Submitted', { exact: true })).toBeVisible();
    await phone.getByRole('button', { name: /Check receipt \d+/ }).click();
    await expect(phone.getByText(/Receipt \d+ is in the audit chain\./)).toBeVisible();
    const [scrollWidth, innerWidth] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scrollWidth, "the page fits the phone's width").toBeLessThanOrEqual(innerWidth);
    await screenshot(phone, 'supplier-request-phone.png');
    expect(await axeViolations(phone, 'supplier request')).toEqual([]);

    // The language follows the choice made on the device.
    await phone.getByRole('textbox', { name: 'Language' }).click();
    await phone.getByRole('option', { name: '简体中文' }).click();
    await expect(phone.getByText('遏制措施 (D3)').first()).toBeVisible();
    await screenshot(phone, 'supplier-request-phone-zh.png');
    await phone.getByRole('link', { name: '返回您的要求' }).click();
    await expect(phone.getByRole('heading', { name: '您的待办事项' })).toBeVisible();
    await screenshot(phone, 'supplier-home-phone-zh.png');
  });

  test('lets the buyer accept an answer with a signature and return another with a reason', async ({ page, server, api }) => {
    const { finding, request, invitation } = await correctiveActionRequest(api, { maker: 'Huizhou Boards', code: 'HZB-1', email: 'chen.jie@hzboards.example', name: 'Chen Jie' });
    await acceptInvitation(server, invitation);
    const supplier = await apiClient(server, 'chen.jie@hzboards.example', PASSWORD);
    await supplier.post(`/supplier/corrective-actions/${request.id}/stages/d3/submit`, { text: 'Lots quarantined' });
    await supplier.post(`/supplier/corrective-actions/${request.id}/stages/d4/submit`, { text: 'Worn emitters', method: 'five_why' });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`/findings/${finding.id}`);
    await expect(page.getByRole('heading', { name: 'Corrective-action request' })).toBeVisible();
    await expect(page.getByText('Internal note:')).toBeVisible();

    await page.getByRole('button', { name: 'Accept D3 Containment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept the answer' });
    await dialog.getByLabel('Your password').fill(ADMIN_PASSWORD);
    const accepted = page.waitForResponse((r) => r.url().includes('/stages/d3/review'));
    await dialog.getByRole('button', { name: 'Sign and accept' }).click();
    expect((await accepted).status()).toBe(200);
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Return D4 Root cause' }).click();
    const back = page.getByRole('dialog', { name: 'Return the answer' });
    await back.getByLabel('What the supplier must add or change').fill('Why were the emitters not on the PM plan? Go two whys further.');
    await back.getByRole('button', { name: 'Return to the supplier' }).click();
    await expect(back).toBeHidden();
    await expect(page.getByText('Returned: Why were the emitters not on the PM plan? Go two whys further.')).toBeVisible();
    await screenshot(page, 'buyer-corrective-action-review.png');

    // The site's page lists the request under "Requests and changes", a tab a link opens.
    await page.goto(`/sites/${finding.site_id}?tab=supplier`);
    await expect(page.getByRole('tab', { name: 'Requests and changes', selected: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Corrective-action requests of the site' }).getByText('D4 Root cause')).toBeVisible();
    await page.goBack();

    // The list of requests filters on the stage they wait on.
    await page.getByRole('link', { name: 'Corrective actions' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Corrective-action requests' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Corrective-action requests' }).getByText('D4 Root cause')).toBeVisible();
    await page.getByRole('textbox', { name: 'Waiting on' }).click();
    await page.getByRole('option', { name: 'D5/D6 Corrective action' }).click();
    await expect(page.getByText('No request matches')).toBeVisible();
    const after = await supplier.get(`/supplier/corrective-actions/${request.id}`);
    expect(after.stages.find((s) => s.stage === 'd3').status).toBe('accepted');
    expect(after.stages.find((s) => s.stage === 'd4').status).toBe('returned');
    expect(after.rework_count).toBe(1);
  });

  test('lets a supplier answer a questionnaire on a phone and the buyer return an item for rework', async ({ page, newPage, server, api }) => {
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
    await acceptInvitation(server, invite);

    const phone = await newPage(PHONE);
    await signIn(phone, 'aminah@penang.example', PASSWORD);
    await phone.waitForURL((url) => url.pathname === '/supplier');
    await phone.getByRole('link', { name: /Pre-visit self-assessment · PEN-Q1/ }).click();
    await expect(phone.getByRole('heading', { name: 'Pre-visit self-assessment · PEN-Q1' })).toBeVisible();
    await expect(phone.getByText('Please answer before our visit.')).toBeVisible();
    await phone.getByRole('radiogroup', { name: /1\.1 Are ICs bought/ }).getByRole('radio', { name: 'Yes' }).check();
    const chooser = phone.waitForEvent('filechooser');
    await phone.getByRole('button', { name: 'Attach evidence to 1.1' }).click();
    await (await chooser).setFiles({ name: 'distributors.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 approved distributor list') });
    await expect(phone.getByRole('link', { name: 'distributors.pdf' })).toBeVisible();
    await phone.getByRole('button', { name: 'Save draft' }).click();
    await expect(phone.getByText('Draft saved.')).toBeVisible();
    await expect(phone.getByText('1 of 2 answered')).toBeVisible();
    await phone.getByRole('radiogroup', { name: /1\.2 How good/ }).getByRole('radio', { name: '4' }).check();
    await phone.getByLabel('Note on 1.2').fill('Sampling per AQL 0.65.');
    await phone.getByRole('button', { name: 'Submit answers' }).click();
    await expect(phone.getByText('Submitted. The buyer will review your answers.')).toBeVisible();
    const [scrollWidth, innerWidth] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scrollWidth, "the page fits the phone's width").toBeLessThanOrEqual(innerWidth);
    await screenshot(phone, 'supplier-questionnaire-phone.png');
    expect(await axeViolations(phone, 'supplier questionnaire')).toEqual([]);
    // The submission's receipt is kept and checks against the audit chain.
    await expect(phone.getByText(/Keep your receipt: event \d+\./)).toBeVisible();
    const receipts = phone.getByRole('region', { name: 'Your receipts' });
    await expect(receipts.getByText(/Event \d+ · Submission 1 · [0-9a-f]{64}/)).toBeVisible();
    await receipts.getByRole('button', { name: /Check receipt \d+/ }).click();
    await expect(receipts.getByText(/Receipt \d+ is in the audit chain\./)).toBeVisible();
    await phone.getByRole('textbox', { name: 'Language' }).click();
    await phone.getByRole('option', { name: '简体中文' }).click();
    await expect(phone.getByText('等待采购方审核。')).toBeVisible();
    await expect(phone.getByRole('region', { name: '您的回执' }).getByText(/事件 \d+ · 第 1 次提交/)).toBeVisible();
    await phone.getByRole('region', { name: '您的回执' }).scrollIntoViewIfNeeded();
    await screenshot(phone, 'supplier-questionnaire-phone-zh.png');

    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'Questionnaires' }).click();
    const table = page.getByRole('table', { name: 'Self-assessment questionnaires' });
    await expect(table.getByText('To review')).toBeVisible();
    await table.getByText('PEN-Q1').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pre-visit self-assessment · PEN-Q1' })).toBeVisible();
    await expect(page.getByRole('article', { name: /1\.2 How good/ }).getByText('Rated 4 of 5')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Return 1.2 for rework' }).check();
    await page.getByLabel('What must change in 1.2').fill('Attach last month\'s receiving inspection records.');
    await page.getByRole('button', { name: 'Return 1 item' }).click();
    await expect(page.getByText('Returned for rework').first()).toBeVisible();
    await screenshot(page, 'buyer-questionnaire-review.png');
    const supplier = await apiClient(server, 'aminah@penang.example', PASSWORD);
    const after = await supplier.get(`/supplier/self-assessments/${sent.id}`);
    expect(after.status).toBe('returned');
    expect(after.sections[0].items[1].answer.return_comment).toBe("Attach last month's receiving inspection records.");
    expect(after.files).toHaveLength(1);
  });

  test('lets a supplier notify a change on a phone, in the language of its account, attach a drawing, and a manager approve it with a signature', async ({ page, newPage, server, api }) => {
    const m = await api.post('/manufacturers', { name: 'Dongguan Cables', country: 'CN' });
    await api.post('/sites', { manufacturer_id: m.id, code: 'DGC-1', name: 'Changan cable plant', country: 'CN', risk_tier: 'medium' });
    const invite = await api.post('/supplier-invitations', { email: 'zhou.min@dgcables.example', name: 'Zhou Min', manufacturer_id: m.id });
    // The invitation page was read in Chinese: the account keeps that language.
    await acceptInvitation(server, invite, { language: 'zh-CN' });

    // An English phone: the portal follows the account's language.
    const phone = await newPage(PHONE);
    await signIn(phone, 'zhou.min@dgcables.example', PASSWORD);
    await phone.getByRole('link', { name: '通知变更' }).click();
    await expect(phone.getByRole('heading', { level: 1, name: '通知变更' })).toBeVisible();
    await phone.getByRole('textbox', { name: /^变更内容/ }).click();
    await phone.getByRole('option', { name: '设备' }).click();
    await phone.getByRole('checkbox', { name: 'DGC-1 · Changan cable plant' }).check();
    await phone.getByRole('textbox', { name: /^标题/ }).fill('New crimping press on line 2');
    await phone.getByRole('textbox', { name: /^计划日期/ }).fill(day(30));
    expect(await axeViolations(phone, 'notify a change')).toEqual([]);
    await phone.getByRole('button', { name: '发送通知' }).click();
    await expect(phone.getByText(/^已发送/)).toBeVisible();
    // A drawing goes with the change while it is pending.
    await phone.locator('input[type="file"]').setInputFiles({ name: 'press-layout.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 crimping press layout') });
    await expect(phone.getByRole('link', { name: 'press-layout.pdf' })).toBeVisible();
    await screenshot(phone, 'supplier-change-notification.png');

    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/change-notifications?status=pending');
    await page.getByRole('table', { name: 'Change notifications' }).getByText('New crimping press on line 2').click();
    await expect(page.getByRole('heading', { level: 1, name: 'New crimping press on line 2' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'press-layout.pdf' })).toBeVisible();
    await page.getByRole('radio', { name: 'Approve', exact: true }).check();
    await page.getByRole('checkbox', { name: /plan a for-cause inspection/ }).check();
    await page.getByRole('textbox', { name: /^Inspection date/ }).fill(day(14));
    await page.getByLabel('Your password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign and record the decision' }).click();
    await expect(page.getByRole('heading', { name: 'Decision' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'The inspection planned for it' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Upload file' }), "a decided change's files are final").toHaveCount(0);
    await screenshot(page, 'change-notification-decided.png');
    const supplier = await apiClient(server, 'zhou.min@dgcables.example', PASSWORD);
    const changes = await supplier.get('/supplier/change-notifications');
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0].status).toBe('approved');
    expect(changes.items[0].inspection_id, 'the approval planned a for-cause inspection').toBeTruthy();

    // The supplier's own screen of the change: the decision and the file, now final.
    await phone.goto('/supplier');
    await phone.getByRole('link', { name: /New crimping press on line 2/ }).click();
    await expect(phone.getByRole('heading', { level: 1, name: 'New crimping press on line 2' })).toBeVisible();
    await expect(phone.getByText('此变更已决定，其文件不可再更改。')).toBeVisible();
    await expect(phone.getByRole('link', { name: 'press-layout.pdf' })).toBeVisible();
    await expect(phone.getByRole('button', { name: '附加文件' })).toHaveCount(0);
    const [scrollWidth, innerWidth] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scrollWidth, "the change's screen fits the phone's width").toBeLessThanOrEqual(innerWidth);
    expect(await axeViolations(phone, "the supplier's change")).toEqual([]);
  });

  test('lets a manager invite a supplier from the manufacturer page and pass the link on', async ({ page, api }) => {
    const m = await api.post('/manufacturers', { name: 'Baltic Boards', country: 'LT' });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`/manufacturers/${m.id}`);
    await expect(page.getByRole('heading', { name: 'Supplier accounts' })).toBeVisible();
    await page.getByRole('button', { name: 'Invite a supplier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a supplier' });
    await dialog.getByLabel('Name').fill('Rasa Jonaitė');
    await dialog.getByLabel('E-mail').fill('rasa@balticboards.example');
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByText('Rasa Jonaitė is invited')).toBeVisible();
    await expect(page.locator('pre').filter({ hasText: '/invitation?lang=en#' })).toHaveText(/\/invitation\?lang=en#[\w.-]+$/);
    await expect(page.getByRole('cell', { name: 'rasa@balticboards.example' })).toBeVisible();
  });
});
