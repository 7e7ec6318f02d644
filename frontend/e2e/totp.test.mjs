// Two-factor sign-in: a user sets it up on /profile/security (QR code and
// secret, a first code, ten recovery codes shown once), then signs in with
// password and a code. Codes are computed here per RFC 6238 (HMAC-SHA1, 30 s,
// 6 digits) from the base32 secret.
import crypto from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expect, screenshot, signIn, test } from './fixtures.mjs';
import { apiClient, createUser } from './seed.mjs';

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

/** Sets up two-factor sign-in on the open security page; returns the secret. */
async function enrolHere(page, password) {
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const s = (await page.getByTestId('totp-secret').innerText()).trim();
  expect(s).toMatch(/^[A-Z2-7]+=*$/);
  await page.getByLabel('Code from the app').fill(totp(s));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByText('Two-factor sign-in is on')).toBeVisible();
  return s;
}

/** Creates the user with two-factor sign-in set up through the API; returns its secret and recovery codes. */
async function enrolledUser(server, user) {
  await createUser(server, user);
  const own = await apiClient(server, user.email, user.password);
  const { secret } = await own.post('/me/totp/enrol', { password: user.password });
  const { recovery_codes: recoveryCodes } = await own.post('/me/totp/confirm', { code: totp(secret) });
  return { secret, recoveryCodes };
}

test.describe('two-factor sign-in', () => {
  test('enrols with the QR secret and a first code, and shows ten recovery codes', async ({ page, server }) => {
    const user = { email: 'otto@example.com', name: 'Otto Twofactor', role: 'procurement', password: 'buyer-e2e-passphrase-2fa' };
    await createUser(server, user);
    await signIn(page, user.email, user.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Two-factor sign-in' }).click();
    await page.waitForURL((u) => u.pathname === '/profile/security');
    await expect(page.getByRole('status').getByText('off', { exact: true })).toBeVisible();
    await enrolHere(page, user.password);
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    const recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
    expect(new Set(recoveryCodes).size, 'ten different codes').toBe(10);
    // After a reload the page says it is on and offers to turn it off, not to set it up again.
    await page.reload();
    await expect(page.getByRole('status').getByText('on', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Set up two-factor sign-in' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Turn off two-factor sign-in' })).toBeVisible();
  });

  test('signs in with the password and then a code', async ({ page, server }) => {
    const user = { email: 'tove@example.com', name: 'Tove Twofactor', role: 'procurement', password: 'buyer-e2e-passphrase-code' };
    const { secret } = await enrolledUser(server, user);
    await signIn(page, user.email, user.password);
    const code = page.getByLabel('Authentication code');
    await expect(code).toBeVisible();
    // The next step's code: the one used to confirm may not be used again.
    await code.fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect(page.getByTestId('current-user').first().getByText(user.name)).toBeVisible();
  });

  test('signs in with a recovery code, which works only once', async ({ page, server }) => {
    const user = { email: 'rune@example.com', name: 'Rune Recovery', role: 'procurement', password: 'buyer-e2e-passphrase-rec' };
    const { recoveryCodes } = await enrolledUser(server, user);
    await signIn(page, user.email, user.password);
    await page.getByLabel('Authentication code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');

    await signIn(page, user.email, user.password);
    await page.getByLabel('Authentication code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The code is not correct or was used already.' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  test('turns two-factor sign-in off with the password and a current code', async ({ page, server }) => {
    const leaver = { email: 'lea@example.com', name: 'Lea Leaver', role: 'procurement', password: 'buyer-e2e-passphrase-off' };
    await createUser(server, leaver);
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
    await expect(page.getByText('Two-factor sign-in is off. Sign-in asks only for your password.')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    // The password alone signs in again.
    await signIn(page, leaver.email, leaver.password);
    await page.waitForURL((u) => u.pathname === '/');
  });

  test.describe('made mandatory', () => {
    // A server of its own: the test changes a sign-in rule for every manager.
    test.use({ freshServer: true });

    test('an administrator makes it mandatory for managers; a manager must set it up before anything else opens', async ({ page, newPage, server }) => {
      const manager = { email: 'mona@example.com', name: 'Mona Mandatory', role: 'manager', password: 'lead-e2e-passphrase-must' };
      await createUser(server, manager);
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/users');
      const form = page.getByRole('form', { name: 'Two-factor sign-in settings' });
      await form.getByRole('checkbox', { name: 'Manager' }).check();
      await form.getByRole('button', { name: 'Save two-factor settings' }).click();
      await expect(form.getByText('Saved. Required for: Manager.')).toBeVisible();
      await form.scrollIntoViewIfNeeded();
      await screenshot(page, 'users-two-factor.png');

      // The manager, in a browser of their own.
      const managerPage = await newPage();
      await signIn(managerPage, manager.email, manager.password);
      await managerPage.waitForURL((u) => u.pathname === '/profile/security');
      await expect(managerPage.getByText('Set up two-factor sign-in to continue')).toBeVisible();
      await screenshot(managerPage, 'two-factor-required.png');
      await expect(managerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' })).toHaveCount(0);
      // Any other screen leads back here, also after a reload.
      await managerPage.goto('/sites');
      await managerPage.waitForURL((u) => u.pathname === '/profile/security');
      await enrolHere(managerPage, manager.password);
      await managerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
      await expect(managerPage.getByRole('heading', { level: 1, name: 'Sites', exact: true })).toBeVisible();
    });
  });

  test('an administrator resets the two-factor sign-in of a user who lost the phone', async ({ page, server }) => {
    const user = { email: 'phil@example.com', name: 'Phil Phoneless', role: 'procurement', password: 'buyer-e2e-passphrase-lost' };
    await enrolledUser(server, user);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/users');
    const row = page.getByRole('row', { name: new RegExp(user.name) });
    await expect(row.getByRole('cell', { name: 'On', exact: true })).toBeVisible();
    await row.getByRole('button', { name: 'Reset two-factor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset two-factor' }).click();
    await expect(row.getByRole('cell', { name: 'Off', exact: true })).toBeVisible();
  });
});
