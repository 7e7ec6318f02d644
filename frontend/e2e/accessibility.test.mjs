// Every screen passes an axe-core scan with no serious or critical violation,
// at desktop and phone widths, and the keyboard and phone basics work: a skip
// link, focus on the new page's heading, sign-out reachable on a phone, and a
// failed list that offers Retry.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, launchBrowser, signIn, startServer, withPage } from './harness.mjs';
import { seedRegister } from './seed.mjs';

/** The serious and critical violations axe finds on the page as it is, described for a person. */
async function violations(page, where) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = bad.map(
    (v) => `${v.id} (${v.impact}, ${v.nodes.length}x): ${v.help}\n` + v.nodes.slice(0, 4).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n'),
  );
  return described.map((d) => `${where}: ${d}`);
}

/** Fails with a readable list when axe finds a serious or critical violation on the page as it is. */
async function assertAccessible(page, where) {
  const found = await violations(page, where);
  assert.deepEqual(found, [], `axe-core found serious or critical violations:\n${found.join('\n')}`);
}

/** Waits for the screen's heading and for its data to settle. */
async function openScreen(page, path) {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Lists show a loader until their first page arrives.
  await page.getByLabel('Loading', { exact: true }).first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => {});
  await page.waitForTimeout(300);
}

describe('accessibility', () => {
  let server;
  let browser;
  let seeded;
  let screens;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    seeded = await seedRegister(server);
    const { api } = seeded;
    const inspections = await api.get('/inspections?page_size=1');
    const findings = await api.get('/findings?page_size=1');
    const certifications = await api.get('/certifications?page_size=1');
    const site = seeded.sites[4];
    const manufacturer = seeded.manufacturers[0];
    // Files on the site and on one of its inspections, for the grouped Attachments tab.
    const siteInspection = (await api.get(`/inspections?site_id=${site.id}&page_size=1`)).items[0];
    for (const [path, name] of [[`/sites/${site.id}/attachments`, 'site-layout.pdf'], [`/inspections/${siteInspection.id}/attachments`, 'line-audit.pdf']]) {
      const form = new FormData();
      form.append('file', new Blob([`%PDF-1.4\n% ${name}\n%%EOF\n`], { type: 'application/pdf' }), name);
      const res = await api.raw('POST', path, { body: form });
      assert.equal(res.status, 201, `upload ${name}`);
    }
    screens = [
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
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds no serious or critical axe-core violation on the sign-in screen', async () => {
    await withPage(browser, server, 'axe sign-in', async (page) => {
      await openScreen(page, '/sign-in');
      await assertAccessible(page, '/sign-in');
    });
  });

  it('finds no serious or critical axe-core violation on any screen at desktop width', async () => {
    await withPage(browser, server, 'axe desktop', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      const found = [];
      for (const path of screens) {
        await openScreen(page, path);
        found.push(...(await violations(page, `${path} at 1280 px`)));
      }
      assert.deepEqual(found, [], `axe-core found serious or critical violations:\n${found.join('\n')}`);
    });
  });

  it('finds no serious or critical axe-core violation in the dialogs, and names their close buttons', async () => {
    await withPage(browser, server, 'axe dialogs', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await openScreen(page, '/users');
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Close' }).waitFor();
      await assertAccessible(page, 'the New user dialog');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });

      await openScreen(page, `/sites/${seeded.sites[4].id}`);
      await page.getByRole('button', { name: 'Change status' }).click();
      const decision = page.getByRole('dialog');
      await decision.waitFor();
      await assertAccessible(page, 'the decision dialog');
      // The rules a status lacks, with links to the records that block it.
      await decision.getByRole('radio', { name: /^Qualified/ }).check();
      await decision.getByTestId('unmet-rules').getByRole('link').first().waitFor();
      await assertAccessible(page, 'the decision dialog with the records that block');
      await decision.getByRole('button', { name: 'Cancel' }).click();
      await decision.waitFor({ state: 'detached' });

      // Recording a certification with its scan.
      await openScreen(page, `/sites/${seeded.sites[4].id}?tab=certifications`);
      await page.getByRole('button', { name: 'Add certification' }).click();
      const cert = page.getByRole('dialog', { name: 'Add a certification' });
      await cert.getByText('Certificate scan').waitFor();
      await assertAccessible(page, 'the Add a certification dialog');
    });
  });

  it('finds no serious or critical axe-core violation on the main screens at phone width, where sign-out stays in the header and the drawer', async () => {
    await withPage(browser, server, 'axe phone', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      const found = [];
      for (const path of ['/', '/sites', `/sites/${seeded.sites[4].id}`, `/sites/${seeded.sites[4].id}?tab=attachments`, '/inspections', '/findings', '/certifications', '/reports', '/audit-trail']) {
        await openScreen(page, path);
        found.push(...(await violations(page, `${path} at 390 px`)));
        // Nothing but wide tables scrolls sideways: the page itself fits.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) found.push(`${path} at 390 px is ${overflow} px wider than the screen`);
      }
      assert.deepEqual(found, [], found.join('\n'));
      const header = page.getByRole('banner');
      const signOut = header.getByRole('button', { name: 'Sign out' });
      const box = await signOut.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the header's Sign out is on screen (${JSON.stringify(box)})`);

      await page.getByRole('button', { name: 'Toggle navigation' }).click();
      const drawer = page.getByRole('navigation', { name: 'Main' });
      await drawer.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/sign-in');
    });
  });

  it('offers a skip link to the content and moves focus to the new page heading after navigation', async () => {
    await withPage(browser, server, 'skip link and focus', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the first Tab reaches the skip link');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
      const heading = page.getByRole('heading', { level: 1, name: 'Sites' });
      await heading.waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Sites');

      // A record page first shows a loading header, then its own: focus ends on the record's heading.
      await page.getByRole('link', { name: seeded.sites[0].code, exact: true }).click();
      await page.waitForFunction((name) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent?.includes(name), seeded.sites[0].name);
    });
  });

  it('offers Retry when a list fails to load, and Retry loads it', async () => {
    await withPage(browser, server, 'retry list', async (page) => {
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
      await alert.waitFor();
      failing = false;
      await alert.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('row').filter({ hasText: seeded.manufacturers[0].name }).waitFor();
      await alert.waitFor({ state: 'detached' });
    });
  });
});
