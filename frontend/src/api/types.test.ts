/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const apiDir = __dirname;
const frontendDir = path.resolve(apiDir, '..', '..');

describe('wire types come from docs/openapi.yaml', () => {
  it('schema.gen.ts is what the document generates', () => {
    // Exits non-zero (and execFileSync throws) when the file is stale.
    expect(() =>
      execFileSync(process.execPath, ['scripts/api-types.mjs', '--check'], { cwd: frontendDir, stdio: 'pipe' }),
    ).not.toThrow();
  }, 60_000);

  it('types.ts names generated schemas instead of declaring its own shapes', () => {
    const source = fs.readFileSync(path.join(apiDir, 'types.ts'), 'utf8');
    const handWritten = [...source.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]);
    expect(handWritten, 'document these in docs/openapi.yaml and alias the generated schema').toEqual([]);
    expect(source).toMatch(/^export type Site = Schemas\['Site'\];$/m);
  });
});
