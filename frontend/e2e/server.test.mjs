// The server the browser tests start (e2e/server.mjs) fails with a message
// that says what to do.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { freePort, startServer } from './server.mjs';

test.describe('test server', () => {
  test('fails clearly when the server binary is missing', async () => {
    await expect(startServer({ bin: '/nonexistent/qualtrack' })).rejects.toThrow(/qualtrack binary not found at \/nonexistent\/qualtrack/);
  });

  test('reports the output of a server that exits before it is ready', async ({}, testInfo) => {
    const fake = testInfo.outputPath('qualtrack');
    fs.writeFileSync(fake, '#!/bin/sh\necho "config: QUALTRACK_JWT_SECRET too short" >&2\nexit 3\n', { mode: 0o755 });
    const started = startServer({ bin: fake });
    await expect(started).rejects.toThrow(/exited before it was ready \(exit code 3/);
    await expect(started).rejects.toThrow(/QUALTRACK_JWT_SECRET too short/);
  });

  test('finds a free port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});
