// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../api';
import { fakeApi, on, renderAsApp } from '../../test/render';
import { AddFindingForm, CloseFindingModal } from './FindingForms';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type User = ReturnType<typeof userEvent.setup>;

async function fill(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

async function choose(user: User, select: string, option: string) {
  await user.click(screen.getByRole('textbox', { name: new RegExp(select) }));
  await user.click(await screen.findByRole('option', { name: option }));
}

const finding = { id: 41, version: 3, description: 'Wrist straps untested', status: 'in_progress', severity: 'major' } as unknown as Finding;

describe('the finding forms', { timeout: 20_000 }, () => {
  it('adds a finding with the severity and category chosen by their labels, leaving the due date to the server', async () => {
    const api = fakeApi(on('POST', '/inspections/9/findings', 201, { ...finding, id: 42 }));
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderAsApp(<AddFindingForm inspectionId={9} onDone={onDone} />);

    await choose(user, 'Severity', 'Critical');
    await choose(user, 'Category', 'ESD');
    await fill(user, screen.getByRole('textbox', { name: /Requirement/ }), 'ANSI/ESD S20.20 8.3');
    await fill(user, screen.getByRole('textbox', { name: /Description/ }), 'Wrist straps not tested daily');
    await user.click(screen.getByRole('button', { name: 'Save finding' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      severity: 'critical',
      category: 'esd',
      requirement: 'ANSI/ESD S20.20 8.3',
      description: 'Wrist straps not tested daily',
      corrective_action: '',
      owner: '',
      due_date: null,
    });
  });

  it('shows a refusal on the description and keeps the form open', async () => {
    fakeApi(
      on('POST', '/inspections/9/findings', 422, {
        error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { description: 'Describe what was found.' } },
      }),
    );
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderAsApp(<AddFindingForm inspectionId={9} onDone={onDone} />);
    await user.click(screen.getByRole('button', { name: 'Save finding' }));
    expect(await screen.findByText('Describe what was found.')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('closes a finding with the verification note and a signature that means verified', async () => {
    const api = fakeApi(on('PATCH', '/findings/41', 200, { ...finding, status: 'closed', version: 4 }));
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderAsApp(<CloseFindingModal finding={finding} opened onClose={onClose} />);

    expect((screen.getByRole('radio', { name: /^Verified/ }) as HTMLInputElement).checked).toBe(true);
    await fill(user, screen.getByRole('textbox', { name: /Verification note/ }), 'Straps tested at shift start, log checked');
    await fill(user, screen.getByLabelText(/Your password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign and close finding' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      version: 3,
      status: 'closed',
      verification_note: 'Straps tested at shift start, log checked',
      signature: { password: 'correct horse battery', meaning: 'verified' },
    });
  });
});
