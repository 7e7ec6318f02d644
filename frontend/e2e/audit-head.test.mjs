// An auditor keeps the signed head of the audit trail and later has the
// trail proven to still contain it, from the browser.
import fs from 'node:fs';
import { expect, signIn, test } from './fixtures.mjs';
import { createUser } from './seed.mjs';

const auditor = { email: 'aud.head@example.com', name: 'Ada Auditor', role: 'auditor', password: 'quiet river lantern 73' };

test.describe('audit trail: the signed head', () => {
  test('downloads the signed head, proves it later, and refuses an edited one', async ({ page, server, api }, testInfo) => {
    await createUser(server, auditor);
    await signIn(page, auditor.email, auditor.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/audit-trail');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download signed head' }).click();
    const file = testInfo.outputPath((await download).suggestedFilename());
    await (await download).saveAs(file);
    const head = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(head.sequence).toBeGreaterThan(0);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.signature).toBeTruthy();
    expect(head.key_id).toBeTruthy();

    // The trail grows after the head was kept.
    await api.post('/manufacturers', { name: 'After The Head GmbH', country: 'DE' });

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Kept head file' }).click();
    await (await chooser).setFiles(file);
    await page.getByRole('button', { name: 'Check kept head' }).click();
    await expect(page.getByTestId('head-check').filter({ hasText: 'The trail still contains the kept head' })).toBeVisible();

    // An edited head (another hash) is refused, pasted this time.
    const edited = { ...head, hash: head.hash.replace(/^./, head.hash[0] === 'a' ? 'b' : 'a') };
    await page.getByLabel('Or paste a kept head').fill(JSON.stringify(edited));
    await page.getByRole('button', { name: 'Check kept head' }).click();
    await expect(page.getByTestId('head-check').filter({ hasText: 'The kept head does not hold' })).toBeVisible();

    // A head whose sequence is not a number: the answer names that field.
    await page.getByLabel('Or paste a kept head').fill(JSON.stringify({ ...head, sequence: 'twelve' }));
    await page.getByRole('button', { name: 'Check kept head' }).click();
    const error = page.getByTestId('head-check-error');
    await expect(error.filter({ hasText: 'sequence' })).toBeVisible();
    await expect(error).not.toContainText('exported_at');
  });
});
