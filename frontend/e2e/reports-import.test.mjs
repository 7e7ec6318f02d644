// Reports download as real workbooks; an import's dry run lists every row
// problem.
import fs from 'node:fs';
import { expect, screenshot, signIn, test } from './fixtures.mjs';
import { createUser } from './seed.mjs';
import { readWorkbook, writeWorkbook } from './xlsx.mjs';

test.describe('reports and imports', () => {
  test('downloads a report that is a valid workbook', async ({ page, server, register }) => {
    const manager = { email: 'mara@example.com', name: 'Mara Manager', role: 'manager', password: 'lead-e2e-passphrase-44' };
    await createUser(server, manager);
    const site = register.sites.find((s) => s.code === 'ACME-SZ1');
    await signIn(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/reports');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    const card = page.getByRole('region', { name: 'Approved suppliers' });
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Download Approved suppliers' }).click();
    const file = await (await download).path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1'), 'an XLSX file is a zip').toBe('PK');
    expect(bytes.length, 'the workbook has content').toBeGreaterThan(2000);
    const sheets = readWorkbook(bytes);
    const all = sheets.flatMap((s) => s.rows.flat()).join(' ');
    expect(all, 'a qualified seeded site is listed').toMatch(/ACME-SZ1/);
    await expect(card.getByText(/^Downloaded .*\.xlsx/)).toBeVisible();
    expect((await download).suggestedFilename(), 'the file name ends in .xlsx').toMatch(/\.xlsx$/);

    // The findings report takes several statuses (open and in progress by
    // default), and its file name says so in words.
    const findings = page.getByRole('region', { name: 'Findings' });
    const findingsDownload = page.waitForEvent('download');
    await findings.getByRole('button', { name: 'Download Findings' }).click();
    expect((await findingsDownload).suggestedFilename(), 'the file name names the statuses').toMatch(/^findings-open-in-progress-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // A site's dossier downloads from its page.
    await page.goto(`/sites/${site.id}`);
    const dossier = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download dossier' }).click();
    const dossierBytes = fs.readFileSync(await (await dossier).path());
    expect(dossierBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readWorkbook(dossierBytes).flatMap((s) => s.rows.flat()).join(' ')).toMatch(/ACME-SZ1/);
  });

  test('walks through check, errors, clean check and confirmed import (documented answers, routes stubbed)', async ({ page, server }) => {
    // The answers below are the shapes docs/openapi.yaml documents
    // (ImportResult, ImportRejected), so the page is tested on every case.
    const manager = { email: 'marek@example.com', name: 'Marek Manager', role: 'manager', password: 'lead-e2e-passphrase-45' };
    await createUser(server, manager);
    const calls = [];
    await page.route('**/api/v1/imports/sites?dry_run=*', async (route) => {
      const url = new URL(route.request().url());
      const dryRun = url.searchParams.get('dry_run') === 'true';
      calls.push({ dryRun, csrf: route.request().headers()['x-requested-with'] });
      if (dryRun && calls.length === 1) {
        return route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            dry_run: true,
            created: 1,
            updated: 0,
            sheet: 'Sites',
            errors: [
              { sheet: 'Sites', row: 3, column: 'Risk tier', cell: 'F3', message: '"severe" is not a risk tier; use one of: low, medium, high, critical.' },
              { sheet: 'Sites', row: 4, column: 'Code', cell: 'A4', message: 'A site code is required.' },
            ],
          }),
        });
      }
      const changes = [
        { row: 2, record: 'ACME-SZ1', action: 'update', fields: [{ field: 'risk_tier', old: 'high', new: 'critical' }, { field: 'city', old: 'Shenzhen', new: '' }] },
        { row: 3, record: 'NEW-1', action: 'create', fields: [] },
        { row: 4, record: 'NEW-2', action: 'create', fields: [] },
      ];
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ dry_run: dryRun, created: 2, updated: 1, unchanged: 0, errors: [], warnings: [], changes: dryRun ? changes : [] }) });
    });
    await signIn(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/import');
    const choose = async (name) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: /Spreadsheet \(\.xlsx/ }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: writeWorkbook('Sites', [['Code'], ['X']]) });
    };
    await choose('first-try.xlsx');
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('alert').filter({ hasText: '2 problems found; nothing was imported' })).toBeVisible();
    await expect(preview.getByRole('row').filter({ hasText: '"severe" is not a risk tier' }).getByRole('cell', { name: '3', exact: true })).toBeVisible();
    await expect(preview.getByRole('row').filter({ hasText: 'A site code is required.' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Import \d+/ }), 'no import while rows have problems').toHaveCount(0);

    await choose('fixed.xlsx');
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    await expect(preview.getByText('Every row is valid')).toBeVisible();
    // The dry run shows each changed field with its value now and after.
    const changes = page.getByTestId('import-changes');
    await expect(changes.getByRole('row').filter({ hasText: 'Risk tier' }).filter({ hasText: 'high' }).filter({ hasText: 'critical' })).toBeVisible();
    await expect(changes.getByRole('row').filter({ hasText: 'City' }).filter({ hasText: 'Shenzhen' }).filter({ hasText: '(empty)' })).toBeVisible();
    await expect(changes.getByRole('row').filter({ hasText: 'New' }), 'two new sites listed').toHaveCount(2);
    await page.getByRole('button', { name: 'Import 3 sites' }).click();
    await page.getByRole('dialog', { name: 'Import sites?' }).getByRole('button', { name: 'Import now' }).click();
    await expect(page.getByRole('status').filter({ hasText: '2 sites created, 1 updated' })).toBeVisible();
    expect(calls.map((c) => c.dryRun)).toEqual([true, true, false]);
    expect(calls.map((c) => c.csrf), 'every upload sends X-Requested-With: qualtrack').toEqual(['qualtrack', 'qualtrack', 'qualtrack']);
  });

  test('shows every row error of an import dry run, and changes nothing', async ({ page, server, api }) => {
    const manager = { email: 'maja@example.com', name: 'Maja Manager', role: 'manager', password: 'lead-e2e-passphrase-46' };
    await createUser(server, manager);
    // Build a file from the template's own header row, with two bad rows.
    const res = await api.raw('GET', '/imports/sites/template.xlsx');
    const template = readWorkbook(Buffer.from(await res.arrayBuffer()));
    const sheet = template.find((s) => s.rows[0]?.some((h) => /code/i.test(h))) ?? template[0];
    const header = sheet.rows[0];
    // The first pattern that matches a header gives its value (most specific first).
    const row = (values) => header.map((h) => values.find(([pattern]) => pattern.test(h))?.[1] ?? '');
    const base = (code, name, risk) => [
      [/manufacturer country/i, 'DE'],
      [/^(site )?code$/i, code],
      [/^manufacturer$/i, 'Import Test Co'],
      [/^(site )?name$/i, name],
      [/^country$/i, 'DE'],
      [/^city$/i, 'Berlin'],
      [/risk/i, risk],
    ];
    const rows = [header, row(base('IMP-OK1', 'Good row', 'low')), row(base('IMP-BAD', 'Bad risk tier', 'severe')), row(base('', 'Row without a code', 'medium'))];
    const file = writeWorkbook(sheet.name, rows);
    const before = (await api.get('/sites?q=IMP-')).total;

    await page.setViewportSize({ width: 1366, height: 1000 });
    await signIn(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/import');
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Spreadsheet \(\.xlsx/ }).click();
    await (await chooser).setFiles({ name: 'our-sites.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('alert').filter({ hasText: /problems? found; nothing was imported/ })).toBeVisible();
    const table = preview.getByRole('table');
    for (const col of ['Sheet', 'Row', 'Column', 'Problem']) await expect(table.getByRole('columnheader', { name: col })).toBeVisible();
    const bad = table.getByRole('row').filter({ has: page.getByRole('cell', { name: '3', exact: true }) });
    await expect(bad.first(), 'the bad risk tier on row 3 is listed').toBeVisible();
    await expect(table.getByRole('row').nth(2), 'header and at least two problems').toBeVisible();
    await screenshot(page, 'import-preview.png');
    expect((await api.get('/sites?q=IMP-')).total, 'a dry run changes nothing').toBe(before);

    // The corrected file checks clean and imports after confirmation.
    const fixed = writeWorkbook(sheet.name, [header, rows[1]]);
    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Spreadsheet \(\.xlsx/ }).click();
    await (await again).setFiles({ name: 'our-sites-fixed.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    await expect(preview.getByText('Every row is valid')).toBeVisible();
    await page.getByRole('button', { name: 'Import 1 site' }).click();
    await page.getByRole('dialog', { name: 'Import sites?' }).getByRole('button', { name: 'Import now' }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 site created, 0 updated' })).toBeVisible();
    const imported = await api.get('/sites?q=IMP-OK1');
    expect(imported.total, 'the real import created the site').toBe(1);
    expect(imported.items[0].manufacturer_name).toBe('Import Test Co');
  });
});
