// The browser tests (e2e/*.test.mjs) on @playwright/test, driving Debian's
// Chromium against a built bin/qualtrack (or $QUALTRACK_BIN); the fixtures are
// in e2e/fixtures.mjs. Run them with `npm run e2e`, one file with
// `npx playwright test e2e/auth.test.mjs`, one test with `-g 'signs out'`.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR } from './e2e/server.mjs';

// The pages on a slowed-down CPU (QUALTRACK_E2E_CPU_SLOWDOWN=4) take that much longer for everything.
const slow = Math.max(1, Number(process.env.QUALTRACK_E2E_CPU_SLOWDOWN || 1));

export default defineConfig({
  testDir: 'e2e',
  // Traces, failure screenshots and server logs; emptied at the start of a run.
  outputDir: RESULTS_DIR,
  // Two workers on two cores (QUALTRACK_E2E_WORKERS for another machine):
  // each runs its own server and browser, a file at a time (the tests of a
  // file share the file's server and run in turn). The suite keeps both cores
  // busy; four workers took longer than two.
  workers: Number(process.env.QUALTRACK_E2E_WORKERS || 2),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A whole workflow through the UI, or an axe scan of every screen, takes
  // minutes on a busy two-core machine; the limit is there to end a hung test.
  timeout: 300_000 * slow,
  expect: { timeout: 30_000 * slow },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 },
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    // Dialogs open without animation, so a test cannot type into a field
    // while the opening dialog is still moving the focus to its first one.
    reducedMotion: 'reduce',
    // Generous: the machine running the tests may be busy (two cores, a Go build beside).
    actionTimeout: 30_000 * slow,
    navigationTimeout: 30_000 * slow,
    // A failed test keeps its trace: every action with the DOM before and
    // after it, the network and the console. Without the screencast, which
    // cost a fifth of the suite's CPU time; the failure's screenshot is kept.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
