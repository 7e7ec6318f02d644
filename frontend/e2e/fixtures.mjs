// What every browser test is given (import { test, expect } from here, not
// from @playwright/test):
//
//   server    a real qualtrack on a free port with a fresh data directory. The
//             tests of one file share one (a file's tests run in one worker, in
//             turn); a test that changes what the whole server does (the
//             admin's password, a sign-in policy) asks for its own with
//             test.use({ freshServer: true }). Extra environment:
//             test.use({ serverEnv: { QUALTRACK_X: '...' } }).
//   baseURL   the server's URL, so page.goto('/sites') and page.request work.
//   api       the admin's API client (e2e/seed.mjs) for building test data.
//   register  the realistic register of e2e/seed.mjs, seeded once per server
//             and only read by tests (build what a test changes with api).
//   newPage   another page in a context of its own (another person signed in,
//             or a phone: newPage({ viewport, isMobile, hasTouch })).
//
// Pages run with the options of playwright.config.mjs and, with
// QUALTRACK_E2E_CPU_SLOWDOWN=4, on a four times slower CPU: how a race that a
// busy CI machine hits now and then is made to show every time. A failing
// test keeps its trace, a screenshot, the page's uncaught errors and the
// server's log of the test under test-results/.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import { SCREENSHOT_DIR, startServer } from './server.mjs';
import { apiClient, seedRegister } from './seed.mjs';

export { expect };
export { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.mjs';

const CPU_SLOWDOWN = Number(process.env.QUALTRACK_E2E_CPU_SLOWDOWN || 1);

/** A wait longer than an assertion's 30 s (a sync once the network is back), stretched like every wait on a slowed-down CPU. */
export const LONG_WAIT = { timeout: 60_000 * Math.max(1, CPU_SLOWDOWN) };

async function throttle(page) {
  if (CPU_SLOWDOWN <= 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** Collects the page's uncaught errors, to attach to a failing test. */
function watchErrors(page, errors) {
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.stack || err}`));
}

const registers = new WeakMap();

export const test = base.extend({
  serverEnv: [{}, { option: true }],
  freshServer: [false, { option: true }],

  // The server of the file the worker is running: started for the file's
  // first test (or again after a crash, or for other serverEnv), stopped when
  // the worker moves on to another file or ends.
  _fileServer: [
    async ({}, use) => {
      let current = null;
      await use(async (key, env) => {
        if (current?.key === key && current.server.running()) return current.server;
        await current?.server.stop();
        current = null; // a start that fails leaves no stopped server behind
        current = { key, server: await startServer({ env }) };
        return current.server;
      });
      await current?.server.stop();
    },
    { scope: 'worker' },
  ],

  server: async ({ _fileServer, serverEnv, freshServer }, use, testInfo) => {
    const server = freshServer ? await startServer({ env: serverEnv }) : await _fileServer(`${testInfo.file}\n${JSON.stringify(serverEnv)}`, serverEnv);
    const mark = server.mark();
    try {
      await use(server);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        const file = testInfo.outputPath('server.log');
        fs.writeFileSync(file, server.log(mark));
        await testInfo.attach('server.log', { path: file, contentType: 'text/plain' });
      }
      if (freshServer) await server.stop();
    }
  },

  baseURL: async ({ server }, use) => use(server.url),

  api: async ({ server }, use) => use(await apiClient(server)),

  register: async ({ server }, use) => {
    if (!registers.has(server)) registers.set(server, seedRegister(server));
    await use(await registers.get(server));
  },

  _pageErrors: async ({}, use, testInfo) => {
    const errors = [];
    await use(errors);
    if (errors.length && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('page-errors.txt', { body: errors.join('\n\n'), contentType: 'text/plain' });
    }
  },

  page: async ({ page, _pageErrors }, use) => {
    watchErrors(page, _pageErrors);
    await throttle(page);
    await use(page);
  },

  // Contexts made here get the configured options too (locale, time zone,
  // baseURL...) and are traced and screenshotted on failure like page's.
  newPage: async ({ browser, _pageErrors }, use) => {
    const contexts = [];
    await use(async (options = {}) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      watchErrors(page, _pageErrors);
      await throttle(page);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

/** Signs in through the form, the way a person does. */
export async function signIn(page, email, password) {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Saves a screenshot for the docs: into frontend/test-results/screenshots, or
 * $QUALTRACK_SCREENSHOT_DIR (`make screenshots` points it at docs/screenshots,
 * so a test run never rewrites the tracked pictures).
 */
export async function screenshot(page, file) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file) });
}

/** An input by its visible label; a required field's label ends in " *". */
export function field(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Picks an option of a Mantine Select by its label. */
export async function choose(page, label, option, scope = page) {
  await scope.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * The serious and critical violations axe-core finds on the page as it is,
 * described for a person; a test expects none: expect(await axeViolations(page, where)).toEqual([]).
 */
export async function axeViolations(page, where) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    // axe.run in the page itself: the web app has no frames, so the
    // per-frame runs and the blank page that gathers them only cost time.
    .setLegacyMode()
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}, ${v.nodes.length}x): ${v.help}\n` +
      v.nodes
        .slice(0, 4)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`)
        .join('\n'),
  );
}
