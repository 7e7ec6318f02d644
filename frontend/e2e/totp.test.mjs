// Two-factor sign-in: a user sets it up on /profile/security (QR code and
// secret, a first code, ten recovery codes shown once), then signs in with
// password and a code. Codes are computed here per RFC 6238 (HMAC-SHA1, 30 s,
// 6 digits) from the base32 secret.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, launchBrowser, screenshot, signIn, startServer, withPage } from './harness.mjs';

const user = { email: 'otto@example.com', name: 'Otto Twofactor', role: 'procurement', password: 'buyer-e2e-passphrase-2fa' };
const leaver = { email: 'lea@example.com', name: 'Lea Leaver', role: 'procurement', password: 'buyer-e2e-passphrase-off' };
const manager = { email: 'mona@example.com', name: 'Mona Mandatory', role: 'manager', password: 'lead-e2e-passphrase-must' };

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
  let recoveryCodes;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    for (const u of [user, leaver, manager]) await createUser(browser, server, u);
  });

  /** Sets up two-factor sign-in on the open security page; returns the secret. */
  async function enrolHere(page, password) {
    await page.getByLabel('Your password').fill(password);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const s = (await page.getByTestId('totp-secret').innerText()).trim();
    assert.match(s, /^[A-Z2-7]+=*$/);
    await page.getByLabel('Code from the app').fill(totp(s));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByText('Two-factor sign-in is on').waitFor();
    return s;
  }

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
      await page.getByRole('status').getByText('off', { exact: true }).waitFor();
      secret = await enrolHere(page, user.password);
      const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      assert.equal(await codes.count(), 10);
      recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
      // After a reload the page says it is on and offers to turn it off, not to set it up again.
      await page.reload();
      await page.getByRole('status').getByText('on', { exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Set up two-factor sign-in' }).count(), 0);
      await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).waitFor();
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

  it('signs in with a recovery code, which works only once', async () => {
    await withPage(browser, server, 'totp recovery', async (page) => {
      await signIn(page, user.email, user.password);
      await page.getByLabel('Authentication code').fill(recoveryCodes[0]);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/sign-in');

      await signIn(page, user.email, user.password);
      await page.getByLabel('Authentication code').fill(recoveryCodes[0]);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('alert').filter({ hasText: 'The code is not correct or was used already.' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
    });
  });

  it('turns two-factor sign-in off with the password and a current code', async () => {
    await withPage(browser, server, 'totp off', async (page) => {
      await signIn(page, leaver.email, leaver.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/profile/security');
      const s = await enrolHere(page, leaver.password);
      await page.reload();
      await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
      const form = page.getByRole('form', { name: 'Turn off two-factor sign-in' });
      await form.getByLabel('Password').fill(leaver.password);
      // The confirming code was this step's; the next step's is accepted once.
      await form.getByLabel('Current code').fill(totp(s, 1));
      await form.getByRole('button', { name: 'Turn off', exact: true }).click();
      await page.getByText('Two-factor sign-in is off. Sign-in asks only for your password.').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/sign-in');
      // The password alone signs in again.
      await signIn(page, leaver.email, leaver.password);
      await page.waitForURL((u) => u.pathname === '/');
    });
  });

  it('an administrator makes it mandatory for managers; a manager must set it up before anything else opens', async () => {
    await withPage(browser, server, 'totp mandatory admin', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      const form = page.getByRole('form', { name: 'Two-factor sign-in settings' });
      await form.getByRole('checkbox', { name: 'Manager' }).check();
      await form.getByRole('button', { name: 'Save two-factor settings' }).click();
      await form.getByText('Saved. Required for: Manager.').waitFor();
      await form.scrollIntoViewIfNeeded();
      await screenshot(page, 'users-two-factor.png');
    });
    await withPage(browser, server, 'totp mandatory manager', async (page) => {
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/profile/security');
      await page.getByText('Set up two-factor sign-in to continue').waitFor();
      await screenshot(page, 'two-factor-required.png');
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).count(), 0);
      // Any other screen leads back here, also after a reload.
      await page.goto('/sites');
      await page.waitForURL((u) => u.pathname === '/profile/security');
      await enrolHere(page, manager.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sites', exact: true }).waitFor();
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
