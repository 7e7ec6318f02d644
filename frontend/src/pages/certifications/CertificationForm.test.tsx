// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMON_STANDARDS, type Certification } from '../../api';
import { formatCalendarDate } from '../../format/dates';
import { fakeApi, fakeUploads, on, renderAsApp } from '../../test/render';
import { CertificationModal } from './CertificationForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type User = ReturnType<typeof userEvent.setup>;

async function fill(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

const saved = {
  id: 31,
  version: 1,
  site_id: 5,
  standard: 'ISO 9001:2015',
  certificate_number: 'Q-2291',
  issuing_body: 'TÜV SÜD',
  scope: 'SMT assembly',
  issued_on: '2025-02-01',
  expires_on: '2028-01-31',
  withdrawn: false,
  withdrawn_reason: '',
} as unknown as Certification;

/** The file input behind Mantine's "Certificate scan" button. */
function scanInput(): HTMLInputElement {
  expect(screen.getByRole('button', { name: /Certificate scan/ })).toBeTruthy();
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
}

async function fillNew(user: User) {
  await fill(user, screen.getByRole('combobox', { name: /Standard/ }), 'ISO 9001:2015');
  await fill(user, screen.getByRole('textbox', { name: /Certificate number/ }), 'Q-2291');
  await fill(user, screen.getByRole('textbox', { name: /Expires on/ }), formatCalendarDate('2028-01-31'));
}

describe('the certification form', { timeout: 20_000 }, () => {
  it('adds a certification to the site it was opened on', async () => {
    const api = fakeApi(on('POST', '/certifications', 201, saved));
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<CertificationModal opened siteId={5} onClose={onClose} />);

    await fillNew(user);
    await user.click(screen.getByRole('button', { name: 'Add certification' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      site_id: 5,
      standard: 'ISO 9001:2015',
      certificate_number: 'Q-2291',
      issuing_body: '',
      scope: '',
      issued_on: null,
      expires_on: '2028-01-31',
      withdrawn: false,
      withdrawn_reason: '',
    });
  });

  it('suggests the common standards in a plain field', () => {
    fakeApi();
    renderAsApp(<CertificationModal opened siteId={5} onClose={() => {}} />);
    const standard = screen.getByRole<HTMLInputElement>('combobox', { name: /Standard/ });
    const suggested = [...(standard.list?.options ?? [])].map((o) => o.value);
    expect(suggested).toContain('ISO 9001:2015');
    expect(suggested).toHaveLength(COMMON_STANDARDS.length);
  });

  it('attaches the scan chosen while recording, right after the certification is created', async () => {
    fakeApi(on('POST', '/certifications', 201, saved));
    const { uploads } = fakeUploads(201, { id: 90 });
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<CertificationModal opened siteId={5} onClose={onClose} />);

    await fillNew(user);
    const scan = new File(['%PDF-1.7 scan'], 'iso9001.pdf', { type: 'application/pdf' });
    await user.upload(scanInput(), scan);
    await user.click(screen.getByRole('button', { name: 'Add certification' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.path).toBe('/certifications/31/attachments');
    expect(uploads[0]!.file?.name).toBe('iso9001.pdf');
  });

  it('keeps the certification when its scan fails to upload, and offers to try again', async () => {
    fakeApi(on('POST', '/certifications', 201, saved));
    const { uploads } = fakeUploads(0);
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<CertificationModal opened siteId={5} onClose={onClose} />);

    await fillNew(user);
    await user.upload(scanInput(), new File(['x'], 'scan.png', { type: 'image/png' }));
    await user.click(screen.getByRole('button', { name: 'Add certification' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The certification is recorded, but its scan was not attached')).toBeTruthy();
    expect(within(alert).getByRole('link', { name: /certificate's page/ }).getAttribute('href')).toBe('/certifications/31');
    expect(onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Try the upload again' }));
    await waitFor(() => expect(uploads).toHaveLength(2));
  });

  it("shows the server's refusal on the field it names and keeps what was typed", async () => {
    fakeApi(
      on('POST', '/certifications', 422, {
        error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { expires_on: 'The expiry date must be after the issue date.' } },
      }),
    );
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<CertificationModal opened siteId={5} onClose={onClose} />);

    await fillNew(user);
    await user.click(screen.getByRole('button', { name: 'Add certification' }));
    expect(await screen.findByText('The expiry date must be after the issue date.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /Certificate number/ }) as HTMLInputElement).value).toBe('Q-2291');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('sends an edit as the changed fields with the version it was made against, and explains a conflict', async () => {
    const api = fakeApi(on('PATCH', '/certifications/31', 409, { error: { code: 'version_conflict', message: 'The record was changed by someone else.' } }));
    const user = userEvent.setup();
    const onReload = vi.fn();
    renderAsApp(<CertificationModal opened record={saved} onClose={() => {}} onReload={onReload} />);

    const number = screen.getByRole('textbox', { name: /Certificate number/ });
    await user.clear(number);
    await fill(user, number, 'Q-2291-A');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Someone else changed this record')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ certificate_number: 'Q-2291-A', version: 1 });
    await user.click(screen.getByRole('button', { name: 'Reload the record' }));
    expect(onReload).toHaveBeenCalled();
  });
});
