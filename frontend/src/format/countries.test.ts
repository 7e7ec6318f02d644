import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryOptions } from './countries';

describe('countries', () => {
  it('lists exactly the codes the server accepts', () => {
    const go = fs.readFileSync(path.resolve(__dirname, '../../../backend/internal/qualification/country.go'), 'utf8');
    const server = [...go.matchAll(/^\s*\{"([A-Z]{2})", "[A-Z]{3}"/gm)].map((m) => m[1]);
    expect(server.length).toBeGreaterThan(240);
    expect([...COUNTRY_CODES]).toEqual(server);
  });

  it('offers names with their code, so typing "Germany" finds DE', () => {
    const options = countryOptions('en');
    const germany = options.filter((o) => o.label.toLowerCase().includes('germany'));
    expect(germany).toEqual([{ value: 'DE', label: 'Germany (DE)' }]);
    expect(options.find((o) => o.value === 'GE')?.label).toBe('Georgia (GE)');
  });

  it('are named in spreadsheets as the web app names them in English', () => {
    const dir = path.resolve(__dirname, '../../../backend/internal');
    const iso = fs.readFileSync(path.join(dir, 'qualification/country.go'), 'utf8');
    const sheets = fs.readFileSync(path.join(dir, 'spreadsheet/labels.go'), 'utf8');
    const table = /var webCountryNames = map\[string\]string\{([\s\S]*?)\n\}/.exec(sheets)?.[1] ?? '';
    const web = new Map([...table.matchAll(/"([A-Z]{2})": "([^"]+)"/g)].map((m) => [m[1], m[2]]));
    expect(web.size).toBeGreaterThan(20);
    const english = new Intl.DisplayNames('en', { type: 'region' });
    for (const m of iso.matchAll(/^\s*\{"([A-Z]{2})", "[A-Z]{3}", "([^"]+)"\}/gm)) {
      expect(`${m[1]} ${web.get(m[1]!) ?? m[2]}`).toBe(`${m[1]} ${english.of(m[1]!)}`);
    }
  });
});
