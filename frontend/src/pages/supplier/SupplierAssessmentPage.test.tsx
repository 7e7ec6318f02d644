// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api';
import i18n from '../../i18n';
import { fakeApi, manager, on, renderAsApp } from '../../test/render';
import { questionnaire } from '../self-assessments/fixture';
import SupplierAssessmentPage from './SupplierAssessmentPage';

const supplier = { ...manager, id: 31, name: 'Lin Wei', role: 'supplier' } as Me;

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

function open() {
  return renderAsApp(<SupplierAssessmentPage />, { user: supplier, path: '/supplier/questionnaires/9', route: '/supplier/questionnaires/:id' });
}

describe('the supplier answering a questionnaire', { timeout: 20_000 }, () => {
  it('saves only the changed answers as a draft, at the version read', async () => {
    const saved = questionnaire({ version: 6 }, { 101: { answer: 'yes' }, 102: { rating: 4 } });
    const api = fakeApi(on('GET', '/supplier/self-assessments/9', 200, questionnaire()), on('PUT', '/supplier/self-assessments/9/answers', 200, saved));
    const user = userEvent.setup();
    open();

    const first = await screen.findByRole('radiogroup', { name: /1\.1 Are ICs bought only from authorised distributors\?/ });
    expect(screen.getByText('0 of 4 answered')).toBeTruthy();
    expect(screen.getByText('Please answer before our visit in December.')).toBeTruthy();
    // Every input has a label: the yes/no and rating choices, the text answer, a note per item.
    expect(within(first).queryByRole('radio', { name: 'N/A' })).toBeNull();
    await user.click(within(first).getByRole('radio', { name: 'Yes' }));
    const rating = screen.getByRole('radiogroup', { name: /1\.2 How good is receiving inspection\?/ });
    expect(within(rating).getByRole('radio', { name: 'N/A' })).toBeTruthy();
    await user.click(within(rating).getByRole('radio', { name: '4' }));
    expect(screen.getByLabelText('Note on 2.1')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /2\.2 Which versions were seen\?/ })).toBeTruthy();
    expect(screen.getByText('2 of 4 answered')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeTruthy();
    const put = api.calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({
      version: 5,
      answers: [
        { item_id: 101, answer: 'yes', rating: null, text: '', not_applicable: false, note: '', attachment_ids: [] },
        { item_id: 102, answer: '', rating: 4, text: '', not_applicable: false, note: '', attachment_ids: [] },
      ],
    });
  });

  it('keeps the answers and says so when someone else saved meanwhile, then loads theirs on request', async () => {
    let current = questionnaire();
    fakeApi(
      (call) => (call.method === 'GET' && call.path === '/supplier/self-assessments/9' ? { status: 200, body: current } : undefined),
      on('PUT', '/supplier/self-assessments/9/answers', 409, { error: { code: 'version_conflict', message: 'The record was changed by someone else.' } }),
    );
    const user = userEvent.setup();
    open();
    const text = await screen.findByRole('textbox', { name: /2\.2 Which versions were seen\?/ });
    await user.type(text, 'BIOS 2.1');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText(/Someone else saved these answers meanwhile/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load the latest answers' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /2\.2 Which versions were seen\?/ }) as HTMLTextAreaElement).value).toBe('BIOS 2.1');

    // Someone else answered 2.2 meanwhile: loading shows their answer, and the next save goes at their version.
    current = questionnaire({ version: 8 }, { 104: { text: 'BIOS 2.0 (from Wei)' } });
    await user.click(screen.getByRole('button', { name: 'Load the latest answers' }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: /2\.2 Which versions were seen\?/ }) as HTMLTextAreaElement).value).toBe('BIOS 2.0 (from Wei)'));
    expect(screen.queryByText(/Someone else saved these answers meanwhile/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Save draft' }).hasAttribute('disabled')).toBe(true);
  });

  it('keeps a draft saved on the way to a refused submission, and saves next at its new version', async () => {
    const api = fakeApi(
      on('GET', '/supplier/self-assessments/9', 200, questionnaire()),
      (call) =>
        call.method === 'PUT'
          ? { status: 200, body: questionnaire({ version: (call.body as { version: number }).version + 1 }, { 104: { text: 'BIOS 2.1' } }) }
          : undefined,
      on('POST', '/supplier/self-assessments/9/submit', 422, {
        error: { code: 'validation_failed', message: 'The questionnaire cannot be submitted.', fields: { items: 'Answer every item first; 3 items are unanswered: 1.1, 1.2, 2.1.' } },
      }),
    );
    const user = userEvent.setup();
    open();
    await user.type(await screen.findByRole('textbox', { name: /2\.2 Which versions were seen\?/ }), 'BIOS 2.1');
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(await screen.findByText(/3 items are unanswered: 1\.1, 1\.2, 2\.1/)).toBeTruthy();
    await user.click(within(screen.getByRole('radiogroup', { name: /1\.1 Are ICs/ })).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await screen.findByText('Draft saved.');
    const puts = api.calls.filter((c) => c.method === 'PUT').map((c) => (c.body as { version: number; answers: { item_id: number }[] }));
    expect(puts.map((p) => [p.version, p.answers.map((x) => x.item_id)])).toEqual([
      [5, [104]],
      [6, [101]],
    ]);
  });

  it('shows a refused answer next to its item', async () => {
    fakeApi(
      on('GET', '/supplier/self-assessments/9', 200, questionnaire()),
      on('PUT', '/supplier/self-assessments/9/answers', 422, {
        error: { code: 'validation_failed', message: 'The answers cannot be saved.', fields: { 'answers[0].text': 'Keep the text to 10000 characters or fewer.' } },
      }),
    );
    const user = userEvent.setup();
    open();
    await user.type(await screen.findByRole('textbox', { name: /2\.2 Which versions were seen\?/ }), 'x');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Keep the text to 10000 characters or fewer.')).toBeTruthy();
  });

  it('lets only the returned items change, with the buyer’s comment beside them', async () => {
    fakeApi(
      on(
        'GET',
        '/supplier/self-assessments/9',
        200,
        questionnaire(
          { status: 'returned', rework_count: 1, review_comment: 'Nearly there.' },
          { 101: { answer: 'yes' }, 102: { rating: 2, return_comment: 'Attach the 2026 calibration certificate.' }, 103: { answer: 'yes' }, 104: { text: 'BIOS 2.1' } },
        ),
      ),
    );
    open();
    expect(await screen.findByText('Returned: Attach the 2026 calibration certificate.')).toBeTruthy();
    expect(screen.getByText(/Items returned for rework: 1/)).toBeTruthy();
    const returned = screen.getByRole('radiogroup', { name: /1\.2 How good/ });
    expect(within(returned).getByRole('radio', { name: '3' }).hasAttribute('disabled')).toBe(false);
    const kept = screen.getByRole('radiogroup', { name: /1\.1 Are ICs/ });
    expect(within(kept).getByRole('radio', { name: 'No' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Attach evidence to 1.2' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Attach evidence to 1.1' })).toBeNull();
  });

  it('submits after saving what changed, and reads in Simplified Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const answered = questionnaire({}, { 101: { answer: 'yes' }, 102: { rating: 4 }, 103: { answer: 'no' } });
    const api = fakeApi(
      on('GET', '/supplier/self-assessments/9', 200, answered),
      on('PUT', '/supplier/self-assessments/9/answers', 200, { ...answered, version: 6 }),
      on('POST', '/supplier/self-assessments/9/submit', 200, { ...answered, version: 7, status: 'submitted' }),
    );
    const user = userEvent.setup();
    open();
    await user.type(await screen.findByRole('textbox', { name: /2\.2 Which versions were seen\?/ }), 'BIOS 2.1');
    expect(screen.getByRole('button', { name: '保存草稿' })).toBeTruthy();
    expect(screen.getByLabelText('2.1 的备注')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '提交答案' }));
    expect(await screen.findByText('已提交。采购方将审核您的答案。')).toBeTruthy();
    await waitFor(() => expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 6 }));
    expect(screen.getByText('等待采购方审核。')).toBeTruthy();
  });

  it('shows the receipt of each submission and checks it against the audit chain', async () => {
    const hash = 'ab'.repeat(32);
    const answered = questionnaire({}, { 101: { answer: 'yes' }, 102: { rating: 4 }, 103: { answer: 'no' }, 104: { text: 'BIOS 2.1' } });
    const receipt = { submission: 1, sequence: 412, hash, submitted_at: '2026-11-21T10:00:00Z' };
    const api = fakeApi(
      on('GET', '/supplier/self-assessments/9', 200, answered),
      on('POST', '/supplier/self-assessments/9/submit', 200, { ...answered, version: 6, status: 'submitted', submissions: 1, receipts: [receipt] }),
      on('GET', `/supplier/receipts/412/verify?hash=${hash}`, 200, { valid: true, events: 412, sequence: 412, hash }),
    );
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: 'Submit answers' }));
    expect(await screen.findByText(/Keep your receipt: event 412\./)).toBeTruthy();
    const receipts = screen.getByRole('region', { name: 'Your receipts' });
    expect(within(receipts).getByText(`Event 412 · Submission 1 · ${hash}`)).toBeTruthy();
    await user.click(within(receipts).getByRole('button', { name: 'Check receipt 412' }));
    expect(await within(receipts).findByText('Receipt 412 is in the audit chain.')).toBeTruthy();
    expect(api.calls.some((c) => c.path === `/supplier/receipts/412/verify?hash=${hash}`)).toBe(true);
  });
});
