// Test harness for the browser tests: starts a real qualtrack binary on a free
// port with a fresh data directory, and drives Debian's Chromium through
// playwright-core (no browser download; `npx playwright install` is not used).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FRONTEND_DIR = path.resolve(here, '..');
export const REPO_DIR = path.resolve(FRONTEND_DIR, '..');

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'e2e-Admin-Passphrase-2026';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where a failing test leaves its screenshot and the server log. */
export const RESULTS_DIR = path.join(FRONTEND_DIR, 'test-results');
/**
 * Where the screenshots the tests take go: frontend/test-results/screenshots
 * (untracked), or $QUALTRACK_SCREENSHOT_DIR. `make screenshots` points it at
 * docs/screenshots, so a test run never rewrites the tracked pictures.
 */
export const SCREENSHOT_DIR = path.resolve(
  process.env.QUALTRACK_SCREENSHOT_DIR || path.join(RESULTS_DIR, 'screenshots'),
);

/** The server binary: $QUALTRACK_BIN, else ../bin/qualtrack relative to frontend/. */
export function serverBinary() {
  const bin = process.env.QUALTRACK_BIN || path.join(REPO_DIR, 'bin', 'qualtrack');
  return path.resolve(FRONTEND_DIR, bin);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the server and waits until GET /readyz answers 200.
 * Returns { url, dataDir, log(), stop() }. Throws with the server's own output
 * when the binary is missing, exits early or never becomes ready.
 */
export async function startServer({ bin = serverBinary(), env = {}, readyTimeoutMs = 30_000, requireFrontend = true } = {}) {
  if (!fs.existsSync(bin)) {
    throw new Error(
      `qualtrack binary not found at ${bin}. Build it first (make build, which builds the frontend and then ` +
        `bin/qualtrack) or point QUALTRACK_BIN at a binary.`,
    );
  }
  fs.accessSync(bin, fs.constants.X_OK);

  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const url = `http://${addr}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qualtrack-e2e-'));

  // Start from a clean slate: no QUALTRACK_* from the developer's shell, and the
  // data dir as working directory so no stray .env file is read.
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QUALTRACK_')));
  const child = spawn(bin, [], {
    cwd: dataDir,
    env: {
      ...baseEnv,
      QUALTRACK_ADDR: addr,
      QUALTRACK_DATA_DIR: dataDir,
      QUALTRACK_ENV: 'development',
      QUALTRACK_ADMIN_EMAIL: ADMIN_EMAIL,
      QUALTRACK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const append = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  const tail = () => output.split('\n').slice(-40).join('\n');

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      let timer;
      const done = await Promise.race([
        exitPromise,
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(null), 10_000);
        }),
      ]);
      clearTimeout(timer);
      if (!done) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + readyTimeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (exited) {
      await stop();
      const how = exited.error ? exited.error.message : `exit code ${exited.code}, signal ${exited.signal}`;
      throw new Error(`qualtrack (${bin}) exited before it was ready (${how}). Its output:\n${tail()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`qualtrack did not answer 200 on ${url}/readyz within ${readyTimeoutMs} ms (last: ${lastProblem}). Its output:\n${tail()}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
      lastProblem = `status ${res.status}`;
    } catch (err) {
      lastProblem = err.cause?.code || err.message;
    }
    await sleep(100);
  }

  if (requireFrontend) {
    const res = await fetch(`${url}/sign-in`);
    const html = await res.text();
    if (res.status !== 200 || !html.includes('id="root"')) {
      await stop();
      throw new Error(
        `qualtrack at ${url} does not serve the built frontend on /sign-in (status ${res.status}). ` +
          `Run "npm run build" in frontend/ before building the binary, so it embeds dist/app.`,
      );
    }
  }

  return { url, dataDir, bin, log: () => output, tail, stop };
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/**
 * Runs `fn(page)` in a fresh browser context (its own cookies). On failure it
 * saves a screenshot and the server log under test-results/ and rethrows.
 */
export async function withPage(browser, server, name, fn) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    // Dialogs open without animation, so a test cannot type into a field
    // while the opening dialog is still moving the focus to its first one.
    reducedMotion: 'reduce',
  });
  // Generous: the machine running the tests may be busy (two cores, a Go build beside).
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  // QUALTRACK_E2E_CPU_SLOWDOWN=4 runs the page as on a four times slower CPU:
  // how a race that a busy CI machine hits now and then is made to show every time.
  const slowdown = Number(process.env.QUALTRACK_E2E_CPU_SLOWDOWN || 1);
  if (slowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  }
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  try {
    await fn(page, { consoleErrors });
  } catch (err) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const safe = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await page.screenshot({ path: path.join(RESULTS_DIR, `${safe}.png`), fullPage: true }).catch(() => {});
    fs.writeFileSync(path.join(RESULTS_DIR, `${safe}.server.log`), server.log());
    if (consoleErrors.length) err.message += `\nPage errors:\n${consoleErrors.join('\n')}`;
    throw err;
  } finally {
    await context.close();
  }
}

/** Signs in through the form, the way a person does. */
export async function signIn(page, email, password) {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function screenshot(page, file) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file) });
}

/**
 * Creates a user through the API as the admin, in a throwaway browser context
 * (so the caller's own session is untouched). `user` is {email, name, role, password}.
 */
export async function createUser(browser, server, user) {
  const context = await browser.newContext({ baseURL: server.url });
  const headers = { 'X-Requested-With': 'qualtrack' };
  try {
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers,
    });
    if (login.status() !== 200) throw new Error(`admin sign-in for setup failed: ${login.status()} ${await login.text()}`);
    // A password the admin sets must be changed at the user's first
    // sign-in: create the user with a setup password and change it to
    // theirs, as the user would, so tests sign in with user.password.
    const setup = `setup ${Math.random().toString(36).slice(2)} passphrase`;
    const res = await context.request.post('/api/v1/users', { data: { ...user, password: setup }, headers });
    if (res.status() !== 201) throw new Error(`creating ${user.email} failed: ${res.status()} ${await res.text()}`);
    const created = await res.json();
    await setOwnPassword(browser, server, user.email, setup, user.password);
    return created;
  } finally {
    await context.close();
  }
}

/** Signs in as email with an admin-set password and replaces it with password. */
async function setOwnPassword(browser, server, email, current, password) {
  const context = await browser.newContext({ baseURL: server.url });
  const headers = { 'X-Requested-With': 'qualtrack' };
  try {
    const login = await context.request.post('/api/v1/auth/login', { data: { email, password: current, session: 'cookie' }, headers });
    if (login.status() !== 200) throw new Error(`first sign-in of ${email} failed: ${login.status()} ${await login.text()}`);
    const change = await context.request.post('/api/v1/auth/password', { data: { current_password: current, new_password: password }, headers });
    if (change.status() !== 204) throw new Error(`setting ${email}'s password failed: ${change.status()} ${await change.text()}`);
  } finally {
    await context.close();
  }
}
