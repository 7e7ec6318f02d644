// An auditor keeps the signed head of the audit trail and later has the
// trail proven to still contain it, from the browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, signIn, startServer, withPage } from './harness.mjs';
import { apiClient } from './seed.mjs';

const auditor = { email: 'aud.head@example.com', name: 'Ada Auditor', role: 'auditor', password: 'quiet river lantern 73' };

describe('audit trail: the signed head', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await createUser(browser, server, auditor);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the signed head, proves it later, and refuses an edited one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qualtrack-head-'));
    await withPage(browser, server, 'signed head', async (page) => {
      await signIn(page, auditor.email, auditor.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/audit-trail');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download signed head' }).click();
      const file = path.join(dir, (await download).suggestedFilename());
      await (await download).saveAs(file);
      const head = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.ok(head.sequence > 0 && /^[0-9a-f]{64}$/.test(head.hash) && head.signature && head.key_id, JSON.stringify(head));

      // The trail grows after the head was kept.
      const admin = await apiClient(server);
      await admin.post('/manufacturers', { name: 'After The Head GmbH', country: 'DE' });

      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Kept head file' }).click();
      await (await chooser).setFiles(file);
      await page.getByRole('button', { name: 'Check kept head' }).click();
      await page.getByTestId('head-check').filter({ hasText: 'The trail still contains the kept head' }).waitFor();

      // An edited head (another hash) is refused, pasted this time.
      const edited = { ...head, hash: head.hash.replace(/^./, head.hash[0] === 'a' ? 'b' : 'a') };
      await page.getByLabel('Or paste a kept head').fill(JSON.stringify(edited));
      await page.getByRole('button', { name: 'Check kept head' }).click();
      await page.getByTestId('head-check').filter({ hasText: 'The kept head does not hold' }).waitFor();

      // A head whose sequence is not a number: the answer names that field.
      await page.getByLabel('Or paste a kept head').fill(JSON.stringify({ ...head, sequence: 'twelve' }));
      await page.getByRole('button', { name: 'Check kept head' }).click();
      const error = page.getByTestId('head-check-error');
      await error.filter({ hasText: 'sequence' }).waitFor();
      assert.ok(!(await error.textContent()).includes('exported_at'), await error.textContent());
    });
  });
});
