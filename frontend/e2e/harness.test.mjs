import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { freePort, startServer } from './harness.mjs';

describe('harness', () => {
  it('fails clearly when the server binary is missing', async () => {
    await assert.rejects(startServer({ bin: '/nonexistent/qualtrack' }), /qualtrack binary not found at \/nonexistent\/qualtrack/);
  });

  it('reports the output of a server that exits before it is ready', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qualtrack-harness-'));
    const fake = path.join(dir, 'qualtrack');
    fs.writeFileSync(fake, '#!/bin/sh\necho "config: QUALTRACK_JWT_SECRET too short" >&2\nexit 3\n', { mode: 0o755 });
    try {
      await assert.rejects(startServer({ bin: fake }), (err) => {
        assert.match(err.message, /exited before it was ready \(exit code 3/);
        assert.match(err.message, /QUALTRACK_JWT_SECRET too short/);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a free port', async () => {
    const port = await freePort();
    assert.ok(port > 0 && port < 65536);
  });
});
