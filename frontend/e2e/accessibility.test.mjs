// Every screen passes an axe-core scan with no serious or critical violation,
// at desktop and phone widths, and the keyboard and phone basics work: a skip
// link, focus on the new page's heading, sign-out reachable on a phone, and a
// failed list that offers Retry.
import { ADMIN_EMAIL, ADMIN_PASSWORD, axeViolations, expect, signIn, test } from './fixtures.mjs';

/** Opens a screen and waits for its heading and for its data to settle. */
async function openScreen(page, path) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // Lists show a loader until their first page arrives.
  await expect(page.getByLabel('Loading', { exact: true })).toHaveCount(0);
}

/** Files on a site and on one of its inspections, for the grouped Attachments tab (once per site). */
async function siteWithFiles(api, site) {
  const kept = await api.get(`/sites/${site.id}/attachments`);
  if (kept.total > 0) return site;
  const siteInspection = (await api.get(`/inspections?site_id=${site.id}&page_size=1`)).items[0];
  for (const [path, name] of [[`/sites/${site.id}/attachments`, 'site-layout.pdf'], [`/inspections/${siteInspection.id}/attachments`, 'line-audit.pdf']]) {
    const form = new FormData();
    form.append('file', new Blob([`%PDF-1.4\n% ${name}\n%%EOF\n`], { type: 'application/pdf' }), name);
    const res = await api.raw('POST', path, { body: form });
    expect(res.status, `upload ${name}`).toBe(201);
  }
  return site;
}

test.describe('accessibility', () => {
  // The scans below expect nothing; this one shows they would see a
  // violation (the scan runs in the page itself, see axeViolations).
  test('the axe-core scan reports the violations of a page that has them', async ({ page }) => {
    await page.setContent('<html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1><img src="x.png"><button></button></main></body></html>');
    const found = (await axeViolations(page, 'a broken page')).join('\n');
    expect(found).toContain('image-alt (critical');
    expect(found).toContain('button-name (critical');
  });

  test('finds no serious or critical axe-core violation on the sign-in screen', async ({ page }) => {
    await openScreen(page, '/sign-in');
    expect(await axeViolations(page, '/sign-in')).toEqual([]);
  });

  test('finds no serious or critical axe-core violation on any screen at desktop width', async ({ page, api, register }) => {
    // A scan of every screen, one after another.
    test.slow();
    const site = await siteWithFiles(api, register.sites[4]);
    const manufacturer = register.manufacturers[0];
    const inspections = await api.get('/inspections?page_size=1');
    const findings = await api.get('/findings?page_size=1');
    const certifications = await api.get('/certifications?page_size=1');
    const screens = [
      '/',
      '/manufacturers',
      `/manufacturers/${manufacturer.id}`,
      '/manufacturers/new',
      `/manufacturers/${manufacturer.id}/edit`,
      '/sites',
      `/sites/${site.id}`,
      `/sites/${site.id}?tab=attachments`,
      '/sites/new',
      `/sites/${site.id}/edit`,
      '/inspections',
      `/inspections/${inspections.items[0].id}`,
      '/inspections/calendar',
      '/findings',
      `/findings/${findings.items[0].id}`,
      '/certifications',
      `/certifications/${certifications.items[0].id}`,
      '/reports',
      '/import',
      '/audit-trail',
      '/users',
      '/account/password',
      '/notifications',
      '/profile/notifications',
      '/profile/security',
      '/no-such-screen',
    ];
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    const found = [];
    for (const path of screens) {
      await openScreen(page, path);
      found.push(...(await axeViolations(page, `${path} at 1280 px`)));
    }
    expect(found).toEqual([]);
  });

  test('finds no serious or critical axe-core violation in the dialogs, and names their close buttons', async ({ page, register }) => {
    const site = register.sites[4];
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await openScreen(page, '/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible();
    expect(await axeViolations(page, 'the New user dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).not.toBeAttached();

    await openScreen(page, `/sites/${site.id}`);
    await page.getByRole('button', { name: 'Change status' }).click();
    const decision = page.getByRole('dialog');
    await expect(decision).toBeVisible();
    expect(await axeViolations(page, 'the decision dialog')).toEqual([]);
    // The rules a status lacks, with links to the records that block it.
    await decision.getByRole('radio', { name: /^Qualified/ }).check();
    await expect(decision.getByTestId('unmet-rules').getByRole('link').first()).toBeVisible();
    expect(await axeViolations(page, 'the decision dialog with the records that block')).toEqual([]);
    await decision.getByRole('button', { name: 'Cancel' }).click();
    await expect(decision).not.toBeAttached();

    // Recording a certification with its scan.
    await openScreen(page, `/sites/${site.id}?tab=certifications`);
    await page.getByRole('button', { name: 'Add certification' }).click();
    const cert = page.getByRole('dialog', { name: 'Add a certification' });
    await expect(cert.getByText('Certificate scan')).toBeVisible();
    expect(await axeViolations(page, 'the Add a certification dialog')).toEqual([]);
  });

  test('finds no serious or critical axe-core violation on the main screens at phone width, where sign-out stays in the header and the drawer', async ({ page, api, register }) => {
    // A scan of every screen, one after another.
    test.slow();
    const site = await siteWithFiles(api, register.sites[4]);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    const found = [];
    for (const path of ['/', '/sites', `/sites/${site.id}`, `/sites/${site.id}?tab=attachments`, '/inspections', '/findings', '/certifications', '/reports', '/audit-trail']) {
      await openScreen(page, path);
      found.push(...(await axeViolations(page, `${path} at 390 px`)));
      // Nothing but wide tables scrolls sideways: the page itself fits.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) found.push(`${path} at 390 px is ${overflow} px wider than the screen`);
    }
    expect(found).toEqual([]);
    const header = page.getByRole('banner');
    const signOut = header.getByRole('button', { name: 'Sign out' });
    await expect(signOut).toBeInViewport({ ratio: 1 });
    const box = await signOut.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390, `the header's Sign out is on screen (${JSON.stringify(box)})`).toBe(true);

    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    const drawer = page.getByRole('navigation', { name: 'Main' });
    await drawer.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
  });

  test('offers a skip link to the content and moves focus to the new page heading after navigation', async ({ page, register }) => {
    const site = register.sites[0];
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' }), 'the first Tab reaches the skip link').toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Sites' });
    await expect(heading).toBeFocused();
    await expect(heading).toHaveText('Sites');

    // A record page first shows a loading header, then its own: focus ends on the record's heading.
    await page.getByRole('link', { name: site.code, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).filter({ hasText: site.name })).toBeFocused();
  });

  test('offers Retry when a list fails to load, and Retry loads it', async ({ page, register }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    let failing = true;
    await page.route('**/api/v1/manufacturers?*', (route) =>
      failing
        ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The service is unavailable.' } }) })
        : route.continue(),
    );
    await page.goto('/manufacturers');
    const alert = page.getByRole('alert').filter({ hasText: 'The list could not be loaded' });
    await expect(alert).toBeVisible();
    failing = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('row').filter({ hasText: register.manufacturers[0].name })).toBeVisible();
    await expect(alert).not.toBeAttached();
  });
});
