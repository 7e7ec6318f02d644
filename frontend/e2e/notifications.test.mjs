// Notifications: the bell in the shell, the (empty) list, the settings page
// the e-mail footer links to: a channel preference saves, a calendar feed URL
// is made once, serves text/calendar, and is revoked after a confirmation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, launchBrowser, signIn, startServer, withPage } from './harness.mjs';

const manager = { email: 'nina@example.com', name: 'Nina Notified', role: 'manager', password: 'lead-e2e-passphrase-88' };

describe('notifications and the calendar feed', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await createUser(browser, server, manager);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists notifications, saves a preference and makes a calendar feed URL', async () => {
    await withPage(browser, server, 'notification settings', async (page) => {
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/');

      await page.getByRole('link', { name: /^Notifications/ }).click();
      await page.waitForURL((u) => u.pathname === '/notifications');
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Notification settings' }).click();
      await page.waitForURL((u) => u.pathname === '/profile/notifications');

      // A preference change saves and survives a reload.
      await page.getByRole('textbox', { name: 'Finding overdue', exact: true }).click();
      await page.getByRole('option', { name: 'In the app only', exact: true }).click();
      await page.getByRole('button', { name: 'Save preferences' }).click();
      await page.getByText('Preferences saved.').waitFor();
      await page.reload();
      await page.getByRole('textbox', { name: 'Finding overdue', exact: true }).waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Finding overdue', exact: true }).inputValue(), 'In the app only');

      // The calendar feed URL is shown once and serves iCalendar.
      await page.getByText('You have no feed URL.').waitFor();
      await page.getByRole('button', { name: 'Create feed URL' }).click();
      const feed = page.getByRole('textbox', { name: 'Feed URL' });
      await feed.waitFor();
      await page.getByText('It is shown only this once.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Copy', exact: true }).waitFor();
      const url = new URL(await feed.inputValue());
      assert.match(url.pathname, /^\/calendar\/.+\.ics$/);
      const res = await fetch(server.url + url.pathname);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
      assert.match(await res.text(), /BEGIN:VCALENDAR/);
      await page.getByText(/You have a feed URL, created/).waitFor();

      // Revoking asks first; the URL then stops working.
      await page.getByRole('button', { name: 'Revoke feed URL' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke feed URL' }).click();
      await page.getByText('You have no feed URL.').waitFor();
      const gone = await fetch(server.url + url.pathname);
      assert.equal(gone.status, 404);
    });
  });
});
