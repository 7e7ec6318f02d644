// Evidence as a reader finds it: a site's Attachments tab holds the files of
// its inspections, findings and certifications too, grouped by record; the
// decision dialog names each record that blocks a status and opens it; a
// certificate's scan is attached while the certification is recorded (and a
// failed upload keeps the record); dates read the same in lists, filters and
// forms, and forms show labels, not codes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser, launchBrowser, signIn, startServer, withPage } from './harness.mjs';
import { apiClient, day } from './seed.mjs';

const manager = { email: 'mona@example.com', name: 'Mona Manager', role: 'manager', password: 'evidence-e2e-passphrase-7' };
const PNG = fs.readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');

/** A date as every screen writes it in the tests' locale (en-GB): "31 Mar 2027". */
const shown = (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${iso}T00:00:00Z`));

/** An input by its visible label; a required field's label ends in " *". */
function field(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

describe('evidence', () => {
  let server;
  let browser;
  let api;
  /** A site in qualification that a failed inspection, an open major finding and an expired certificate keep from being qualified. */
  let world;

  async function upload(path, name, type, bytes) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    const res = await api.raw('POST', path, { body: form });
    if (res.status !== 201) throw new Error(`upload ${name} to ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiClient(server);
    await createUser(browser, server, manager);
    const m = await api.post('/manufacturers', { name: 'Kaunas Circuits', legal_name: 'Kaunas Circuits UAB', country: 'LT', website: '', notes: '' });
    const site = await api.post('/sites', { manufacturer_id: m.id, code: 'KC-KUN1', name: 'Kaunas SMT line', city: 'Kaunas', country: 'LT', processes: ['smt', 'firmware_programming'], risk_tier: 'high', notes: '' });
    await api.post(`/sites/${site.id}/qualification`, { status: 'in_qualification', reason: 'New supplier for the sensor boards.', signature: api.signature('approved') });
    const inspection = await api.post('/inspections', {
      site_id: site.id, type: 'routine', status: 'completed', scheduled_date: day(-40), performed_date: day(-40), result: 'fail', score: 48,
      summary: 'Soldering and traceability not under control.', signature: api.signature('authored'),
    });
    const finding = await api.post(`/inspections/${inspection.id}/findings`, {
      severity: 'major', category: 'process', requirement: 'J-STD-001 7.5', description: 'Solder paste stored above 10 °C overnight',
      corrective_action: 'Move the paste to the fridge and log its temperature.', owner: 'Line lead', due_date: day(20),
    });
    const certification = await api.post('/certifications', {
      site_id: site.id, standard: 'ISO 9001:2015', certificate_number: 'LT-QMS-118', issuing_body: 'BSI', scope: 'Electronic assemblies',
      issued_on: day(-1100), expires_on: day(-30),
    });
    await upload(`/sites/${site.id}/attachments`, 'site-layout.pdf', 'application/pdf', PDF);
    await upload(`/inspections/${inspection.id}/attachments`, 'reflow-oven.png', 'image/png', PNG);
    await upload(`/inspections/${inspection.id}/attachments`, 'inspection-report.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.from('% report\n')]));
    await upload(`/findings/${finding.id}/attachments`, 'paste-fridge-log.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.from('% fridge\n')]));
    await upload(`/certifications/${certification.id}/attachments`, 'iso-9001-certificate.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.from('% cert\n')]));
    world = { manufacturer: m, site, inspection, finding, certification };
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists on the site's Attachments tab the files of its inspections, findings and certifications, grouped by record", async () => {
    const { site, inspection, finding, certification } = world;
    await withPage(browser, server, 'site attachments', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/sites/${site.id}`);
      await page.getByRole('tab', { name: 'Attachments' }).click();
      const files = page.getByTestId('site-files');
      await files.getByText('5 files on this site and its records').waitFor();

      const group = (name) => files.getByRole('region', { name });
      const groups = [
        ['Files of this site', ['site-layout.pdf']],
        [`Files of inspection Routine inspection, failed, ${shown(inspection.performed_date)}`, ['inspection-report.pdf', 'reflow-oven.png']],
        ['Files of finding Major finding: Solder paste stored above 10 °C overnight', ['paste-fridge-log.pdf']],
        ['Files of certification ISO 9001:2015, no. LT-QMS-118', ['iso-9001-certificate.pdf']],
      ];
      const names = await files.getByRole('region').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
      assert.deepEqual(names, groups.map(([name]) => name), 'one group per record, the site first');
      for (const [name, want] of groups) {
        const links = await group(name).getByRole('link', { name: /\.(pdf|png)$/ }).allInnerTexts();
        assert.deepEqual(links, want, `the files of ${name}`);
      }
      // An image of an inspection previews in place.
      await group(groups[1][0]).getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('dialog', { name: 'reflow-oven.png' }).getByRole('img', { name: 'reflow-oven.png' }).waitFor();
      await page.keyboard.press('Escape');

      // Each group's heading opens its record.
      await group(groups[2][0]).getByRole('link', { name: /^Major finding/ }).click();
      await page.waitForURL((u) => u.pathname === `/findings/${finding.id}`);
      await page.goBack();
      await group(groups[3][0]).getByRole('link', { name: /^ISO 9001:2015/ }).click();
      await page.waitForURL((u) => u.pathname === `/certifications/${certification.id}`);
    });
  });

  it('names in the decision dialog the records that block a status, dates as everywhere, and opens the one chosen', async () => {
    const { site, inspection, finding, certification } = world;
    await withPage(browser, server, 'decision blockers', async (page) => {
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/sites/${site.id}`);
      await page.getByRole('button', { name: 'Change status' }).click();
      const dialog = page.getByRole('dialog', { name: /Qualification decision/ });
      await dialog.getByRole('radio', { name: /Qualified/ }).check();
      const unmet = dialog.getByTestId('unmet-rules');
      await unmet.waitFor();

      const link = (name) => unmet.getByRole('link', { name, exact: true });
      assert.equal(await link(`Routine inspection, failed, ${shown(inspection.performed_date)}`).getAttribute('href'), `/inspections/${inspection.id}`);
      assert.equal(await link('Major finding: Solder paste stored above 10 °C overnight').getAttribute('href'), `/findings/${finding.id}`);
      assert.equal(await link(`ISO 9001:2015, expired, ${shown(certification.expires_on)}`).getAttribute('href'), `/certifications/${certification.id}`);
      assert.equal(await link("All the site's findings not closed").getAttribute('href'), `/findings?site_id=${site.id}&status=open,in_progress`);
      const text = await unmet.innerText();
      assert.match(text, /1 open major finding must be closed first/);
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'the rules write their dates as every screen does');
      assert.match(text, new RegExp(`expired on ${shown(certification.expires_on)}`));

      // Conditional needs only a recent inspection: the failed one blocks it, the major finding does not.
      await dialog.getByRole('radio', { name: /Conditional/ }).check();
      await unmet.getByText(/No completed inspection with result pass or conditional/).waitFor();
      assert.equal(await unmet.getByRole('link', { name: /finding/i }).count(), 0);
      await dialog.getByRole('radio', { name: /Qualified/ }).check();

      await link('Major finding: Solder paste stored above 10 °C overnight').click();
      await page.waitForURL((u) => u.pathname === `/findings/${finding.id}`);
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('heading', { level: 1 }).filter({ hasText: /finding/i }).waitFor();
    });
  });

  it('attaches the scan while recording a certification, and keeps the record when the upload fails', async () => {
    const { site } = world;
    await withPage(browser, server, 'certificate scan', async (page) => {
      await signIn(page, manager.email, manager.password);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto(`/sites/${site.id}?tab=certifications`);

      async function fillCertificate(number, scan) {
        await page.getByRole('button', { name: 'Add certification' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add a certification' });
        await field(dialog, 'Standard').fill('ISO 14001:2015');
        await field(dialog, 'Certificate number').fill(number);
        await field(dialog, 'Issuing body').fill('DNV');
        // Typed as the screens write dates.
        await field(dialog, 'Expires on').fill('31 Mar 2029');
        await dialog.locator('input[type=file]').setInputFiles(scan);
        await dialog.getByRole('button', { name: 'Add certification' }).click();
        return dialog;
      }
      const attachmentsOf = async (number) => {
        const list = await api.get(`/certifications?site_id=${site.id}&q=${encodeURIComponent(number)}`);
        assert.equal(list.total, 1, `one certification ${number}`);
        assert.equal(list.items[0].expires_on, '2029-03-31');
        return (await api.get(`/certifications/${list.items[0].id}/attachments`)).items.map((a) => a.file_name);
      };

      const dialog = await fillCertificate('EMS-2029-1', { name: 'iso-14001-scan.pdf', mimeType: 'application/pdf', buffer: PDF });
      await dialog.waitFor({ state: 'detached' });
      assert.deepEqual(await attachmentsOf('EMS-2029-1'), ['iso-14001-scan.pdf']);
      const row = page.getByRole('row').filter({ hasText: 'EMS-2029-1' });
      await row.waitFor();
      assert.match(await row.innerText(), /31 Mar 2029/);

      // The upload fails: the certification stays, the user is told, and trying again attaches the scan.
      let failing = true;
      await page.route('**/api/v1/certifications/*/attachments', (route) =>
        failing && route.request().method() === 'POST'
          ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The file store is unavailable.' } }) })
          : route.continue(),
      );
      const failed = await fillCertificate('EMS-2029-2', { name: 'second-scan.png', mimeType: 'image/png', buffer: PNG });
      const alert = failed.getByRole('alert').filter({ hasText: 'The certification is recorded, but its scan was not attached' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /The file store is unavailable/);
      assert.deepEqual(await attachmentsOf('EMS-2029-2'), [], 'the record is kept without the scan');
      failing = false;
      await failed.getByRole('button', { name: 'Try the upload again' }).click();
      await failed.waitFor({ state: 'detached' });
      assert.deepEqual(await attachmentsOf('EMS-2029-2'), ['second-scan.png']);
    });
  });

  it('writes dates in one format in lists, filters and forms, and shows labels instead of codes', async () => {
    const { site, inspection } = world;
    await withPage(browser, server, 'dates and labels', async (page) => {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.waitForURL((u) => u.pathname === '/');
      // The role reads as a word.
      await page.getByRole('banner').getByTestId('current-user').getByText('Admin', { exact: true }).waitFor();

      // A list filter shows its date as the list's cells do.
      const performed = inspection.performed_date;
      await page.goto(`/inspections?site_id=${site.id}&from=${performed}`);
      const from = page.getByRole('textbox', { name: 'From', exact: true });
      await page.waitForFunction((want) => [...document.querySelectorAll('input')].some((i) => i.value === want), shown(performed));
      assert.equal(await from.inputValue(), shown(performed));
      await page.getByRole('row').filter({ hasText: shown(performed) }).first().waitFor();

      // Typing in the locale's digits, the screens' format or a wrong date.
      const to = page.getByRole('textbox', { name: 'To', exact: true });
      await to.fill(`${performed.slice(8, 10)}/${performed.slice(5, 7)}/${performed.slice(0, 4)}`);
      await page.waitForURL((u) => u.searchParams.get('to') === performed);
      await to.blur();
      assert.equal(await to.inputValue(), shown(performed));
      await to.fill('31 Feb 2027');
      await to.blur();
      await page.getByText('Write the date like 31 Mar 2027, or pick it from the calendar').waitFor();
      await page.waitForURL((u) => !u.searchParams.has('to'));

      // The site form shows processes and the country by name, and saves their codes.
      await page.goto(`/sites/${site.id}/edit`);
      const form = page.getByRole('form', { name: 'Edit site' });
      await form.getByText('Firmware programming', { exact: true }).waitFor();
      await form.getByText('SMT', { exact: true }).waitFor();
      assert.equal(await form.getByText('firmware_programming').count(), 0);
      assert.equal(await form.getByRole('textbox', { name: /^Country/ }).inputValue(), 'Lithuania (LT)');
      const processes = field(form, 'Processes');
      await processes.fill('Testing');
      await processes.press('Enter');
      await processes.fill('Conformal coating line');
      await processes.press('Enter');
      await form.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL((u) => u.pathname === `/sites/${site.id}`);
      const saved = await api.get(`/sites/${site.id}`);
      assert.deepEqual(saved.processes, ['smt', 'firmware_programming', 'testing', 'conformal coating line']);
    });
  });
});
