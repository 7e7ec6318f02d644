// Notifications: the bell in the shell, the (empty) list, the settings page
// the e-mail footer links to: a channel preference saves, a calendar feed URL
// is made once, serves text/calendar, and is revoked after a confirmation.
import { expect, signIn, test } from './fixtures.mjs';
import { createUser } from './seed.mjs';

const manager = { email: 'nina@example.com', name: 'Nina Notified', role: 'manager', password: 'lead-e2e-passphrase-88' };

test.describe('notifications and the calendar feed', () => {
  test('lists notifications, saves a preference and makes a calendar feed URL', async ({ page, server }) => {
    await createUser(server, manager);
    await signIn(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/');

    await page.getByRole('link', { name: /^Notifications/ }).click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Notification settings' }).click();
    await page.waitForURL((u) => u.pathname === '/profile/notifications');

    // A preference change saves and survives a reload.
    await page.getByRole('textbox', { name: 'Finding overdue', exact: true }).click();
    await page.getByRole('option', { name: 'In the app only', exact: true }).click();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByText('Preferences saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Finding overdue', exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Finding overdue', exact: true })).toHaveValue('In the app only');

    // The calendar feed URL is shown once and serves iCalendar.
    await expect(page.getByText('You have no feed URL.')).toBeVisible();
    await page.getByRole('button', { name: 'Create feed URL' }).click();
    const feed = page.getByRole('textbox', { name: 'Feed URL' });
    await expect(feed).toHaveValue(/\/calendar\/.+\.ics$/);
    await expect(page.getByText('It is shown only this once.', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
    const url = new URL(await feed.inputValue());
    expect(url.pathname).toMatch(/^\/calendar\/.+\.ics$/);
    const res = await fetch(server.url + url.pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type') ?? '').toMatch(/^text\/calendar/);
    expect(await res.text()).toMatch(/BEGIN:VCALENDAR/);
    await expect(page.getByText(/You have a feed URL, created/)).toBeVisible();

    // Revoking asks first; the URL then stops working.
    await page.getByRole('button', { name: 'Revoke feed URL' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke feed URL' }).click();
    await expect(page.getByText('You have no feed URL.')).toBeVisible();
    const gone = await fetch(server.url + url.pathname);
    expect(gone.status).toBe(404);
  });
});
