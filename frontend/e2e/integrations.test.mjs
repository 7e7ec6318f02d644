// Integrations: an admin gives an ERP a service token (shown once, used,
// revoked) and a webhook (signed deliveries to a receiver on this machine,
// the delivery log, pause and resume).
import crypto from 'node:crypto';
import http from 'node:http';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expect, signIn, test as base } from './fixtures.mjs';

/** A webhook receiver on loopback that keeps what it is sent. */
function startReceiver() {
  const got = [];
  const srv = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${srv.address().port}/qualtrack`, got, close: () => srv.close() })));
}

const test = base.extend({
  receiver: async ({}, use) => {
    const receiver = await startReceiver();
    await use(receiver);
    receiver.close();
  },
});

test.describe('integrations', () => {
  // The server may deliver webhooks to the receiver on this machine.
  test.use({ serverEnv: { QUALTRACK_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });

  test('creates a service token, shows it once, records its use and revokes it', async ({ page, server }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/users');
    await expect(page.getByRole('heading', { name: 'Service tokens' })).toBeVisible();
    await page.getByRole('button', { name: 'New service token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service token' });
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('ERP vendor sync');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('service-token-secret');
    await expect(shown).toBeVisible();
    const secret = (await shown.innerText()).trim();
    expect(secret).toMatch(/^qt_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText(/shown only now/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy token' })).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(shown).not.toBeAttached();
    const row = page.getByRole('table', { name: 'Service tokens' }).getByRole('row').filter({ hasText: 'ERP vendor sync' });
    await expect(row.getByText('Never')).toBeVisible();
    expect(await page.content(), 'the page keeps no secret once it is closed').not.toContain(secret);

    const used = await fetch(`${server.url}/api/v1/sites`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(used.status).toBe(200);
    await page.reload();
    await expect(row.getByText('Never')).not.toBeAttached();

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: 'Revoke the token ERP vendor sync?' }).getByRole('button', { name: 'Revoke' }).click();
    await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
    const refused = await fetch(`${server.url}/api/v1/sites`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
  });

  test('subscribes a receiver, signs its deliveries, logs them, pauses and resumes it', async ({ page, api, receiver }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('ERP');
    await dialog.getByRole('textbox', { name: /^URL/ }).fill(receiver.url);
    await dialog.getByRole('checkbox', { name: 'Finding opened' }).check();
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    const shown = page.getByTestId('webhook-secret');
    await expect(shown).toBeVisible();
    const secret = (await shown.innerText()).trim();
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('table', { name: 'Webhooks' }).getByRole('row').filter({ hasText: 'ERP' });
    await expect(row.getByText('Active', { exact: true })).toBeVisible();

    // A real change reaches the receiver, signed.
    const m = await api.post('/manufacturers', { name: 'Hook Test Manufacturing', country: 'CN' });
    const site = await api.post('/sites', { manufacturer_id: m.id, code: 'HOOK-SZ1', name: 'Hook plant', country: 'CN', risk_tier: 'medium' });
    const planned = await api.post('/inspections', { site_id: site.id, type: 'routine', scheduled_date: new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10) });
    await api.post(`/inspections/${planned.id}/findings`, { severity: 'minor', category: 'esd', description: 'Wrist strap tester missing' });
    await expect.poll(() => receiver.got.length, { message: 'the delivery' }).toBeGreaterThan(0);
    const d = receiver.got[0];
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(d.headers['x-qualtrack-signature']) ?? [];
    const mac = crypto.createHmac('sha256', secret).update(`${t}.`).update(d.body).digest('hex');
    expect(v1, 'the receiver verifies the signature').toBe(mac);
    expect(Math.abs(Date.now() / 1000 - Number(t)), 'signed just now').toBeLessThan(300);
    const event = JSON.parse(d.body.toString());
    expect(event.type).toBe('finding.opened');
    expect(event.data.site.code).toBe('HOOK-SZ1');

    const hook = (await api.get('/admin/webhooks')).items.find((h) => h.url === receiver.url);
    await expect.poll(async () => (await api.get(`/admin/webhooks/${hook.id}/deliveries`)).items.length, { message: 'the delivery log' }).toBe(1);
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('table', { name: 'Delivery attempts' });
    await expect(log.getByText('Delivered')).toBeVisible();
    // The status cell, not an event id that happens to contain the digits.
    await expect(log.getByRole('cell', { name: '204', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');

    await row.getByRole('button', { name: 'Pause' }).click();
    await expect(row.getByText('Paused', { exact: true })).toBeVisible();
    await row.getByRole('button', { name: 'Resume' }).click();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
  });
});
