// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api';
import { fakeApi, manager, on, renderAsApp } from '../../test/render';
import { questionnaire } from './fixture';
import SelfAssessmentPage from './SelfAssessmentPage';
import SelfAssessmentsPage from './SelfAssessmentsPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const submitted = questionnaire(
  { status: 'submitted', submitted_at: '2026-11-25T10:00:00Z', submitted_by_name: 'Lin Wei', submissions: 1, files: [] },
  { 101: { answer: 'yes', note: 'Only Arrow and Avnet.' }, 102: { rating: 2 }, 103: { not_applicable: false, answer: 'no' }, 104: { text: 'BIOS 2.1, BMC 1.8' } },
);

/** The API as the server keeps it: a review changes what the next read answers. */
function reviewApi(after: object) {
  let current: object = submitted;
  return fakeApi((call) => {
    if (call.method === 'GET' && call.path === '/self-assessments/9') return { status: 200, body: current };
    if (call.method === 'POST' && call.path === '/self-assessments/9/review') {
      current = after;
      return { status: 200, body: after };
    }
    return undefined;
  });
}

function openReview(user: Me = manager) {
  return renderAsApp(<SelfAssessmentPage />, { user, path: '/self-assessments/9', route: '/self-assessments/:id' });
}

describe('the buyer reviewing a questionnaire', { timeout: 20_000 }, () => {
  it('shows the supplier’s answers item by item', async () => {
    fakeApi(on('GET', '/self-assessments/9', 200, submitted));
    openReview();
    const first = await screen.findByRole('article', { name: /1\.1 Are ICs bought/ });
    expect(within(first).getByText('Yes')).toBeTruthy();
    expect(within(first).getByText('Only Arrow and Avnet.')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: /1\.2 How good/ })).getByText('Rated 2 of 5')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: /2\.2 Which versions/ })).getByText('BIOS 2.1, BMC 1.8')).toBeTruthy();
    expect(screen.getByText('4 of 4')).toBeTruthy();
  });

  it('returns the chosen items, each with its comment, at the version read', async () => {
    const api = reviewApi({ ...submitted, status: 'returned', version: 6, rework_count: 1 });
    const user = userEvent.setup();
    openReview();
    await user.click(await screen.findByRole('checkbox', { name: 'Return 1.2 for rework' }));
    expect(screen.getByRole('button', { name: 'Accept answers' }).hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByRole('textbox', { name: /What must change in 1\.2/ }), 'Attach the 2026 certificate.');
    await user.click(screen.getByRole('button', { name: 'Return 1 item' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
        version: 5,
        decision: 'return',
        items: [{ item_id: 102, comment: 'Attach the 2026 certificate.' }],
      }),
    );
    expect(await screen.findByText('Returned for rework')).toBeTruthy();
  });

  it('accepts the answers', async () => {
    const api = reviewApi({ ...submitted, status: 'accepted', version: 6, reviewed_by_name: 'Mira Manager', reviewed_at: '2026-11-26T09:00:00Z' });
    const user = userEvent.setup();
    openReview();
    await user.click(await screen.findByRole('button', { name: 'Accept answers' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 5, decision: 'accept' }));
    expect(await screen.findByText('Accepted')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept answers' })).toBeNull();
  });

  it('offers no review to an auditor', async () => {
    fakeApi(on('GET', '/self-assessments/9', 200, submitted));
    openReview({ ...manager, role: 'auditor' } as Me);
    await screen.findByRole('article', { name: /1\.1 Are ICs bought/ });
    expect(screen.queryByRole('checkbox', { name: /Return/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accept answers' })).toBeNull();
  });
});

describe('the questionnaires list', { timeout: 20_000 }, () => {
  it('lists each questionnaire with its status, progress and how far its due date is', async () => {
    const { sections: _s, files: _f, sent_by_name: _a, submitted_by_name: _b, reviewed_by_name: _c, ...listed } = questionnaire({ due_date: '2020-01-10', overdue: true });
    const api = fakeApi((call) =>
      call.path.startsWith('/self-assessments?') ? { status: 200, body: { items: [{ ...listed, answered: 1 }], total: 1, page: 1, page_size: 50 } } : undefined,
    () => ({ status: 200, body: { items: [], total: 0, page: 1, page_size: 200 } }),
    );
    renderAsApp(<SelfAssessmentsPage />, { path: '/self-assessments' });
    const row = (await screen.findByText('Pre-visit self-assessment v1')).closest('tr') as HTMLElement;
    expect(within(row).getByText('SZB-1')).toBeTruthy();
    expect(within(row).getByText('With the supplier')).toBeTruthy();
    expect(within(row).getByText('1 of 4')).toBeTruthy();
    expect(within(row).getByText(/days overdue/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send questionnaire' })).toBeTruthy();
    expect(api.calls.some((c) => c.path.startsWith('/self-assessments?') && c.path.includes('sort=due_date'))).toBe(true);
  });
});
