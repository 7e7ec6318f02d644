// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QualificationOptions, Site } from '../../api';
import { formatCalendarDate } from '../../format/dates';
import { fakeApi, on, renderAsApp } from '../../test/render';
import { DecisionDialog } from './DecisionDialog';

const site = { id: 5, code: 'ACME-SZ1', name: 'Acme Shenzhen 1', qualification_status: 'in_qualification', version: 3 } as unknown as Site;

const options: QualificationOptions = {
  current: 'in_qualification',
  allowed: [
    {
      status: 'qualified',
      needs_conditional_until: false,
      unmet: [
        {
          rule: 'findings',
          message: 'Close 1 major finding first.',
          blockers: [{ type: 'finding', id: 41, label: 'Major finding: Wrist straps untested', date: null }],
        },
        {
          rule: 'certification',
          message: 'No certificate valid today (ISO 9001:2015 expired on 2026-01-31).',
          blockers: [{ type: 'certification', id: 12, label: 'ISO 9001:2015, expired', date: '2026-01-31' }],
        },
      ],
    },
    { status: 'conditional', needs_conditional_until: true, unmet: [] },
    { status: 'disqualified', needs_conditional_until: false, unmet: [] },
  ],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Types text into a field the way a paste does: one input event, as a person's paste or autofill. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

function open(onClose = () => {}) {
  return renderAsApp(<DecisionDialog site={site} opened onClose={onClose} />);
}

describe('the decision dialog', { timeout: 20_000 }, () => {
  it('shows, before submitting, which rules a status does not meet and links each to what blocks it', async () => {
    fakeApi(on('GET', '/sites/5/qualification/options', 200, options));
    const user = userEvent.setup();
    const onClose = vi.fn();
    open(onClose);

    const qualified = await screen.findByRole('radio', { name: /Qualified.*2 rules not met/ });
    expect(screen.getByRole('radio', { name: /Conditional.*all rules met/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign and record decision' }).hasAttribute('disabled')).toBe(true);

    await user.click(qualified);
    const unmet = screen.getByTestId('unmet-rules');
    expect(within(unmet).getByText('Close 1 major finding first.')).toBeTruthy();
    // The date in the server's words is shown in the app's one date format.
    expect(within(unmet).getByText(`No certificate valid today (ISO 9001:2015 expired on ${formatCalendarDate('2026-01-31')}).`)).toBeTruthy();
    const finding = within(unmet).getByRole('link', { name: 'Major finding: Wrist straps untested' });
    expect(finding.getAttribute('href')).toBe('/findings/41');
    const cert = within(unmet).getByRole('link', { name: `ISO 9001:2015, expired, ${formatCalendarDate('2026-01-31')}` });
    expect(cert.getAttribute('href')).toBe('/certifications/12');
    expect(within(unmet).getByRole('link', { name: "All the site's findings not closed" }).getAttribute('href')).toBe(
      '/findings?site_id=5&status=open,in_progress',
    );
    // Following a blocker closes the dialog.
    await user.click(finding);
    expect(onClose).toHaveBeenCalled();
  });

  it('sends the chosen status, the reason, the end date of a conditional approval and the signature', async () => {
    const api = fakeApi(
      on('GET', '/sites/5/qualification/options', 200, options),
      on('POST', '/sites/5/qualification', 201, { decision: { id: 1 }, site: { ...site, qualification_status: 'conditional', version: 4 } }),
    );
    const user = userEvent.setup();
    const onClose = vi.fn();
    open(onClose);

    await user.click(await screen.findByRole('radio', { name: /Conditional/ }));
    expect(screen.getByText(/meets every rule for Conditional/)).toBeTruthy();
    await fill(user, screen.getByRole('textbox', { name: /Conditional until/ }), formatCalendarDate('2026-09-30'));
    await fill(user, screen.getByRole('textbox', { name: /Reason/ }), 'ESD gaps, fix by September');
    await fill(user, screen.getByLabelText(/Your password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign and record decision' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const post = api.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      status: 'conditional',
      reason: 'ESD gaps, fix by September',
      conditional_until: '2026-09-30',
      signature: { password: 'correct horse battery', meaning: 'approved' },
    });
  });

  it("keeps the input and lists the server's refusal rule by rule", async () => {
    fakeApi(
      on('GET', '/sites/5/qualification/options', 200, options),
      on('POST', '/sites/5/qualification', 422, {
        error: {
          code: 'validation_failed',
          message: 'The site does not meet the rules for Disqualified.',
          fields: { inspection: 'No completed inspection in the last 12 months (the last one on 2025-03-01).', 'signature.password': 'The password is not correct.' },
        },
      }),
    );
    const user = userEvent.setup();
    const onClose = vi.fn();
    open(onClose);

    await user.click(await screen.findByRole('radio', { name: /Disqualified/ }));
    await fill(user, screen.getByRole('textbox', { name: /Reason/ }), 'Failed audit');
    await fill(user, screen.getByLabelText(/Your password/), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign and record decision' }));

    const refused = await screen.findByTestId('decision-refused');
    expect(within(refused).getByText('The site does not meet the rules for Disqualified.')).toBeTruthy();
    expect(within(refused).getByText(`No completed inspection in the last 12 months (the last one on ${formatCalendarDate('2025-03-01')}).`)).toBeTruthy();
    // The signature's own problem is shown on its field, not as a rule.
    expect(within(refused).queryByText(/password/)).toBeNull();
    expect(screen.getByText('The password is not correct.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /Reason/ }) as HTMLTextAreaElement).value).toBe('Failed audit');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('tells a role that cannot move the site to ask a manager', async () => {
    fakeApi(on('GET', '/sites/5/qualification/options', 200, { current: 'qualified', allowed: [] }));
    open();
    expect(await screen.findByText(/Your role cannot move this site from In qualification to another status. Ask a manager./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign and record decision' })).toBeNull();
  });
});
