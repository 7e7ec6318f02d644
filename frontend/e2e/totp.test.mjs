// Two-factor sign-in: a user sets it up on /profile/security (QR code and
// secret, a first code, ten recovery codes shown once), then signs in with
// password and a code. Codes are computed here per RFC 6238 (HMAC-SHA1, 30 s,
// 6 digits) from the base32 secret.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, launchBrowser, signIn, startServer, withPage } from './harness.mjs';

const user = { email: 'otto@example.com', name: 'Otto Twofactor', role: 'procurement', password: 'procurement-e2e-passphrase-2fa' };

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The RFC 6238 code for the 30-second step `offset` steps from now. */
function totp(secret, offset = 0) {
  const counter = Math.floor(Date.now() / 1000 / 30) + offset;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = crypto.createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const o = h[h.length - 1] & 0x0f;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

describe('two-factor sign-in', () => {
  let server;
  let browser;
  let secret;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await createUser(browser, server, user);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('enrols with the QR secret and a first code, and shows ten recovery codes', async () => {
    await withPage(browser, server, 'totp enrol', async (page) => {
      await signIn(page, user.email, user.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Two-factor sign-in' }).click();
      await page.waitForURL((u) => u.pathname === '/profile/security');
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
      secret = (await page.getByTestId('totp-secret').innerText()).trim();
      assert.match(secret, /^[A-Z2-7]+=*$/);
      await page.getByLabel('Code from the app').fill(totp(secret));
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await page.getByText('Two-factor sign-in is on').waitFor();
      assert.equal(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count(), 10);
    });
  });

  it('signs in with the password and then a code', async () => {
    await withPage(browser, server, 'totp sign-in', async (page) => {
      await signIn(page, user.email, user.password);
      const code = page.getByLabel('Authentication code');
      await code.waitFor();
      // The next step's code: the one used to confirm may not be used again.
      await code.fill(totp(secret, 1));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByTestId('current-user').first().getByText(user.name).waitFor();
    });
  });

  it('an administrator resets the two-factor sign-in of a user who lost the phone', async () => {
    await withPage(browser, server, 'totp reset', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      const row = page.getByRole('row', { name: new RegExp(user.name) });
      await row.getByRole('cell', { name: 'On', exact: true }).waitFor();
      await row.getByRole('button', { name: 'Reset two-factor' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reset two-factor' }).click();
      await row.getByRole('cell', { name: 'Off', exact: true }).waitFor();
    });
  });
});
