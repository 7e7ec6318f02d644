// The server the browser tests run against: a real qualtrack binary on a free
// port with a fresh data directory (e2e/fixtures.mjs hands it to the tests).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FRONTEND_DIR = path.resolve(here, '..');
export const REPO_DIR = path.resolve(FRONTEND_DIR, '..');

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'e2e-Admin-Passphrase-2026';

/** Debian's Chromium: no browser download (`npx playwright install` is not used). */
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

/** Where a run leaves its traces, failure screenshots and server logs (gitignored). */
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
 * Returns { url, dataDir, log(since?), mark(), running(), stop() }. Throws with the server's own output
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

  // The last 100-200 kB of the output; `written` counts every character, so
  // log(since) can return what was written after a mark taken earlier.
  let output = '';
  let written = 0;
  const append = (chunk) => {
    const text = chunk.toString();
    output += text;
    written += text.length;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  const log = (since = 0) => output.slice(Math.max(0, output.length - (written - since)));
  // A test process that ends without stopping the server takes it along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
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
    process.off('exit', killOnExit);
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

  return { url, dataDir, bin, log, mark: () => written, running: () => !exited, tail, stop };
}
