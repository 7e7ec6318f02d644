// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChecklistAnswer, ChecklistItemWithAnswer, InspectionChecklists, SupplierStatedAnswer } from '../../api';
import { fakeApi, on, renderAsApp } from '../../test/render';
import { ItemCard } from '../inspect/ItemCard';
import { ChecklistsPanel } from './ChecklistsPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const stamps = { created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:00:00Z' };

const stated = (over: Partial<SupplierStatedAnswer>): SupplierStatedAnswer => ({
  self_assessment_id: 9,
  item_id: 0,
  answer: '',
  rating: null,
  text: '',
  not_applicable: false,
  note: '',
  evidence_count: 0,
  answered_at: '2026-11-10T08:00:00Z',
  ...over,
});

const inspectorAnswer = (itemId: number, over: Partial<ChecklistAnswer>): ChecklistAnswer => ({
  id: itemId * 10,
  ...stamps,
  inspection_checklist_id: 5,
  item_id: itemId,
  answer: '',
  rating: null,
  text: '',
  not_applicable: false,
  note: '',
  attachment_ids: [],
  attachments: [],
  finding_id: null,
  answered_by_id: 3,
  answered_by_name: 'Ivan Inspector',
  answered_at: '2026-11-20T09:00:00Z',
  failed: false,
  version: 1,
  ...over,
});

function item(id: number, number: string, question: string, over: Partial<ChecklistItemWithAnswer>): ChecklistItemWithAnswer {
  return {
    id,
    ...stamps,
    template_id: 1,
    section_id: 1,
    position: id,
    number,
    question,
    guidance: '',
    requirement: '',
    weight: 1,
    answer_type: 'yes_no',
    na_allowed: false,
    critical: false,
    category: 'security',
    answer: null,
    supplier_answer: null,
    contradicts: false,
    ...over,
  };
}

const sourcing = item(1, '1.1', 'Are ICs bought only from authorised distributors?', {
  critical: true,
  supplier_answer: stated({ item_id: 1, answer: 'yes', note: 'Only Arrow and Avnet.', evidence_count: 2 }),
  answer: inspectorAnswer(1, { answer: 'no', failed: true, finding_id: 31 }),
  contradicts: true,
});
const receiving = item(2, '1.2', 'How good is receiving inspection?', {
  answer_type: 'rating_1_5',
  supplier_answer: stated({ item_id: 2, rating: 4 }),
});
const unmatched = item(3, '1.3', 'Is the image hash signed per batch?', {});

const view: InspectionChecklists = {
  inspection_id: 7,
  inspection_status: 'completed',
  recorded_result: 'fail',
  result_override_reason: '',
  unanswered_reason: '',
  score: 0,
  answered: 1,
  total: 3,
  failed_critical: 1,
  suggested_result: 'fail',
  reasons: [],
  open_findings: { critical: 1, major: 0 },
  unanswered: [],
  checklists: [
    {
      id: 5,
      inspection_id: 7,
      template: { id: 1, key: 'integrity', name: 'Supply-chain integrity', version: 2, latest_version: 2 },
      added_by_id: 3,
      added_by_name: 'Ivan Inspector',
      created_at: stamps.created_at,
      score: 0,
      answered: 1,
      total: 3,
      failed_critical: 1,
      self_assessment: { id: 9, status: 'accepted', submitted_at: '2026-11-10T08:00:00Z', template_version: 1 },
      sections: [{ id: 1, number: 1, title: 'Sourcing', items: [sourcing, receiving, unmatched] }],
    },
  ],
  contradictions: [
    {
      checklist_id: 5,
      item_id: 1,
      number: '1.1',
      question: sourcing.question,
      critical: true,
      self_assessment_id: 9,
      supplier_answer: 'yes',
      inspector_answer: 'no',
      finding_id: 31,
    },
  ],
};

describe('the supplier’s self-assessment on an inspection', { timeout: 20_000 }, () => {
  it('shows the supplier’s answer beside each item, apart from the inspector’s, and lists the contradictions', async () => {
    fakeApi(on('GET', '/inspections/7/checklists', 200, view));
    renderAsApp(<ChecklistsPanel inspectionId={7} status="completed" canEdit />);

    const first = await screen.findByRole('group', { name: 'Item 1.1' });
    const said = within(first).getByRole('note', { name: "Supplier's self-assessment answer" });
    expect(said.textContent).toContain('Supplier said: Yes — Only Arrow and Avnet. · 2 evidence files');
    expect(within(said).getByRole('link', { name: 'questionnaire #9' }).getAttribute('href')).toBe('/self-assessments/9');
    expect(within(first).getByText('Contradicts the supplier')).toBeTruthy();
    // The inspector's answer stays the inspector's.
    expect(within(first).getByText('Answer:').parentElement?.textContent).toContain('No');
    expect(within(first).getByText('Answer:').parentElement?.textContent).not.toContain('Arrow');

    const second = screen.getByRole('group', { name: 'Item 1.2' });
    expect(within(second).getByRole('note').textContent).toContain('Supplier said: Rated 4 of 5');
    expect(within(second).queryByText('Contradicts the supplier')).toBeNull();
    expect(within(screen.getByRole('group', { name: 'Item 1.3' })).queryByRole('note')).toBeNull();

    const list = screen.getByRole('region', { name: "Contradictions with the supplier's self-assessment" });
    const rows = within(list).getAllByRole('row');
    expect(rows).toHaveLength(2);
    const cells = within(rows[1]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['1.1 Critical', sourcing.question, 'yes', 'no', 'Finding #31']);
    expect(within(rows[1]!).getByRole('link', { name: 'Finding #31' }).getAttribute('href')).toBe('/findings/31');
  });

  it('lists no contradictions when there are none', async () => {
    fakeApi(on('GET', '/inspections/7/checklists', 200, { ...view, contradictions: [] }));
    renderAsApp(<ChecklistsPanel inspectionId={7} status="completed" canEdit />);
    await screen.findByRole('group', { name: 'Item 1.1' });
    expect(screen.queryByRole('region', { name: "Contradictions with the supplier's self-assessment" })).toBeNull();
  });

  it('shows the supplier’s answer in inspection mode, and nothing for an offline copy saved without it', () => {
    const noop = async () => {};
    const actions = { answer: noop, addPhotos: noop, raiseFinding: noop, keepMine: noop, useTheirs: noop, discard: noop };
    const { unmount } = renderAsApp(
      <ItemCard item={receiving} view={{ fields: null, state: 'sent' }} checklistName="Supply-chain integrity v2" photos={[]} editable actions={actions} />,
    );
    const card = screen.getByRole('group', { name: 'Item 1.2' });
    expect(within(card).getByRole('note', { name: "Supplier's self-assessment answer" }).textContent).toContain('Supplier said: Rated 4 of 5');
    unmount();

    const { supplier_answer: _dropped, ...older } = receiving;
    renderAsApp(
      <ItemCard item={older as ChecklistItemWithAnswer} view={{ fields: null, state: 'sent' }} checklistName="Supply-chain integrity v2" photos={[]} editable actions={actions} />,
    );
    expect(within(screen.getByRole('group', { name: 'Item 1.2' })).queryByRole('note')).toBeNull();
  });
});
