import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, launchBrowser, signIn, startServer, withPage } from './harness.mjs';

// Its own server: the limiter may key on the client address, which would lock
// out the other files' sign-ins.
describe('sign-in rate limit', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('tells the user how long to wait once the server refuses more attempts', async () => {
    await withPage(browser, server, 'rate limit', async (page) => {
      await page.goto('/sign-in');
      let status = 0;
      for (let attempt = 1; attempt <= 30 && status !== 429; attempt++) {
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
        await signIn(page, ADMIN_EMAIL, `wrong-password-${attempt}`);
        const res = await answer;
        status = res.status();
        if (status === 429) {
          const retryAfter = Number(res.headers()['retry-after']);
          assert.ok(retryAfter > 0, 'a 429 carries Retry-After in seconds');
        } else {
          assert.equal(status, 401);
        }
      }
      assert.equal(status, 429, 'the server rate-limits repeated wrong passwords');
      await page.getByRole('alert').filter({ hasText: /^Too many attempts, try again in \d+ (seconds?|minutes)\.$/ }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign in' }).isDisabled(), true);
    });
  });
});
