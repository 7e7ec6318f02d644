// Integrations: an admin gives an ERP a service token (shown once, used,
// revoked) and a webhook (signed deliveries to a receiver on this machine,
// the delivery log, pause and resume).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, signIn, startServer, withPage } from './harness.mjs';
import { apiClient } from './seed.mjs';

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

async function until(what, fn, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('integrations', () => {
  let server;
  let browser;
  let receiver;
  let api;

  before(async () => {
    server = await startServer({ env: { QUALTRACK_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
    browser = await launchBrowser();
    receiver = await startReceiver();
    api = await apiClient(server);
  });

  after(async () => {
    receiver?.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates a service token, shows it once, records its use and revokes it', async () => {
    await withPage(browser, server, 'service-tokens', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      await page.getByRole('heading', { name: 'Service tokens' }).waitFor();
      await page.getByRole('button', { name: 'New service token' }).click();
      const dialog = page.getByRole('dialog', { name: 'New service token' });
      await dialog.getByRole('textbox', { name: /^Name/ }).fill('ERP vendor sync');
      await dialog.getByRole('button', { name: 'Create token' }).click();
      const shown = page.getByTestId('service-token-secret');
      await shown.waitFor();
      const secret = (await shown.innerText()).trim();
      assert.match(secret, /^qt_[A-Za-z0-9_-]{43}$/);
      await page.getByText(/shown only now/).waitFor();
      await page.getByRole('button', { name: 'Copy token' }).waitFor();
      await page.getByRole('button', { name: 'Done' }).click();
      await shown.waitFor({ state: 'detached' });
      const row = page.getByRole('table', { name: 'Service tokens' }).getByRole('row').filter({ hasText: 'ERP vendor sync' });
      await row.getByText('Never').waitFor();
      assert.ok(!(await page.content()).includes(secret), 'the page keeps no secret once it is closed');

      const used = await fetch(`${server.url}/api/v1/sites`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(used.status, 200);
      await page.reload();
      await row.getByText('Never').waitFor({ state: 'detached' });

      await row.getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('dialog', { name: 'Revoke the token ERP vendor sync?' }).getByRole('button', { name: 'Revoke' }).click();
      await row.getByText('Revoked', { exact: true }).waitFor();
      const refused = await fetch(`${server.url}/api/v1/sites`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(refused.status, 401);
    });
  });

  it('subscribes a receiver, signs its deliveries, logs them, pauses and resumes it', async () => {
    await withPage(browser, server, 'webhooks', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
      await page.getByRole('button', { name: 'New webhook' }).click();
      const dialog = page.getByRole('dialog', { name: 'New webhook' });
      await dialog.getByRole('textbox', { name: /^Name/ }).fill('ERP');
      await dialog.getByRole('textbox', { name: /^URL/ }).fill(receiver.url);
      await dialog.getByRole('checkbox', { name: 'Finding opened' }).check();
      await dialog.getByRole('button', { name: 'Create webhook' }).click();
      const shown = page.getByTestId('webhook-secret');
      await shown.waitFor();
      const secret = (await shown.innerText()).trim();
      await page.getByRole('button', { name: 'Done' }).click();
      const row = page.getByRole('table', { name: 'Webhooks' }).getByRole('row').filter({ hasText: 'ERP' });
      await row.getByText('Active', { exact: true }).waitFor();

      // A real change reaches the receiver, signed.
      const m = await api.post('/manufacturers', { name: 'Hook Test Manufacturing', country: 'CN' });
      const site = await api.post('/sites', { manufacturer_id: m.id, code: 'HOOK-SZ1', name: 'Hook plant', country: 'CN', risk_tier: 'medium' });
      const planned = await api.post('/inspections', { site_id: site.id, type: 'routine', scheduled_date: new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10) });
      await api.post(`/inspections/${planned.id}/findings`, { severity: 'minor', category: 'esd', description: 'Wrist strap tester missing' });
      const d = await until('the delivery', () => receiver.got[0]);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(d.headers['x-qualtrack-signature']) ?? [];
      const mac = crypto.createHmac('sha256', secret).update(`${t}.`).update(d.body).digest('hex');
      assert.ok(crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(v1)), 'the receiver verifies the signature');
      assert.ok(Math.abs(Date.now() / 1000 - Number(t)) < 300, 'signed just now');
      const event = JSON.parse(d.body.toString());
      assert.equal(event.type, 'finding.opened');
      assert.equal(event.data.site.code, 'HOOK-SZ1');

      const hooks = await api.get('/admin/webhooks');
      await until('the delivery log', async () => (await api.get(`/admin/webhooks/${hooks.items[0].id}/deliveries`)).items.length === 1);
      await row.getByRole('button', { name: 'Deliveries' }).click();
      const log = page.getByRole('table', { name: 'Delivery attempts' });
      await log.getByText('Delivered').waitFor();
      await log.getByText('204').waitFor();
      await page.keyboard.press('Escape');

      await row.getByRole('button', { name: 'Pause' }).click();
      await row.getByText('Paused', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'Resume' }).click();
      await row.getByText('Active', { exact: true }).waitFor();
    });
  });
});
