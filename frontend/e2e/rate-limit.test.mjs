import { ADMIN_EMAIL, expect, signIn, test } from './fixtures.mjs';

test.describe('sign-in rate limit', () => {
  // A server of its own: the limiter may key on the client address, which
  // would lock out the other tests' sign-ins.
  test.use({ freshServer: true });

  test('tells the user how long to wait once the server refuses more attempts', async ({ page }) => {
    await page.goto('/sign-in');
    let status = 0;
    for (let attempt = 1; attempt <= 30 && status !== 429; attempt++) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await signIn(page, ADMIN_EMAIL, `wrong-password-${attempt}`);
      const res = await answer;
      status = res.status();
      if (status === 429) {
        const retryAfter = Number(res.headers()['retry-after']);
        expect(retryAfter, 'a 429 carries Retry-After in seconds').toBeGreaterThan(0);
      } else {
        expect(status).toBe(401);
      }
    }
    expect(status, 'the server rate-limits repeated wrong passwords').toBe(429);
    await expect(page.getByRole('alert').filter({ hasText: /^Too many attempts, try again in \d+ (seconds?|minutes)\.$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });
});
