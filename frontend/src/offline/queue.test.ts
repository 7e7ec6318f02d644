import { describe, expect, it } from 'vitest';
import type { ChecklistAnswer, ChecklistItemWithAnswer, InspectionChecklists } from '../api';
import { answerRequest, canMerge, itemView, nextToSend, observationsOf, OBSERVATIONS, prefilledFinding, progress, rebase, withAnswer, type AnswerOp, type ObservationsOp, type QueuedChange } from './queue';

const stamps = { created_at: '2026-06-15T09:00:00Z', updated_at: '2026-06-15T09:00:00Z' };

const item = (id: number, number: string, answer: ChecklistAnswer | null = null, critical = false): ChecklistItemWithAnswer => ({
  id,
  ...stamps,
  template_id: 1,
  position: id,
  section_id: 1,
  number,
  question: `Question ${number}?`,
  guidance: '',
  requirement: 'SAE AS5553',
  weight: 1,
  answer_type: 'yes_no',
  na_allowed: true,
  critical,
  category: 'security',
  answer,
  supplier_answer: null,
  contradicts: false,
});

const serverAnswer = (itemId: number, answer: 'yes' | 'no', version: number): ChecklistAnswer => ({
  id: itemId * 10,
  ...stamps,
  inspection_checklist_id: 5,
  answered_by_id: 1,
  item_id: itemId,
  answer,
  rating: null,
  text: '',
  not_applicable: false,
  note: '',
  attachment_ids: [],
  attachments: [],
  finding_id: null,
  answered_by_name: 'Olga',
  answered_at: '2026-06-15T10:00:00Z',
  failed: answer === 'no',
  version,
});

const answerOp = (seq: number, itemId: number, answer: 'yes' | 'no', state: AnswerOp['state'] = 'queued', baseVersion = 0): AnswerOp => ({
  seq,
  kind: 'answer',
  inspectionId: 1,
  checklistId: 5,
  itemId,
  itemNumber: `1.${itemId}`,
  createdAt: '2026-06-15T10:00:00Z',
  state,
  baseVersion,
  fields: { answer, note: '', attachment_ids: [], photo_ids: [] },
});

const photoOp = (seq: number, itemId: number): QueuedChange => ({ ...answerOp(seq, itemId, 'yes'), kind: 'photo', photoId: `p${seq}` }) as QueuedChange;

describe('itemView', () => {
  it('shows the last change on the device over the server answer, with its state', () => {
    const it1 = item(1, '1.1', serverAnswer(1, 'yes', 3));
    expect(itemView(it1, 5, [], null)).toMatchObject({ fields: { answer: 'yes' }, state: 'sent' });
    const ops = [answerOp(1, 1, 'no'), answerOp(2, 1, 'yes'), answerOp(3, 2, 'no')];
    expect(itemView(it1, 5, ops, null)).toMatchObject({ fields: { answer: 'yes' }, state: 'saved' });
    expect(itemView(it1, 5, ops, 2).state).toBe('sending');
    expect(itemView(it1, 6, ops, null).state).toBe('sent'); // another checklist's item of the same id
    expect(itemView(item(3, '1.3'), 5, [], null)).toMatchObject({ fields: null, state: 'sent' });
  });

  it('reports a conflict before anything else', () => {
    const v = itemView(item(1, '1.1'), 5, [answerOp(1, 1, 'no', 'conflict'), answerOp(2, 1, 'yes')], 2);
    expect(v.state).toBe('conflict');
    expect(v.conflict?.seq).toBe(1);
  });
});

describe('answerRequest', () => {
  it('sends the answer with the version and the time it was given on the device', () => {
    const op = answerOp(1, 2, 'no', 'queued', 3);
    expect(answerRequest({ ...op, fields: { ...op.fields, note: 'Broker POs' } }, [40])).toEqual({
      version: 3,
      note: 'Broker POs',
      attachment_ids: [40],
      answered_at: '2026-06-15T10:00:00Z',
      answer: 'no',
    });
    const na = answerRequest({ ...op, fields: { not_applicable: true, note: '', attachment_ids: [], photo_ids: [] } }, []);
    expect(na).toEqual({ version: 3, note: '', attachment_ids: [], answered_at: '2026-06-15T10:00:00Z', not_applicable: true });
  });
});

describe('nextToSend', () => {
  it('sends in the order made, skipping items stuck on a conflict or refusal', () => {
    const ops = [answerOp(1, 1, 'no', 'conflict'), photoOp(2, 1), answerOp(3, 2, 'yes'), answerOp(4, 3, 'no', 'rejected'), answerOp(5, 4, 'yes')];
    expect(nextToSend(ops)?.seq).toBe(3);
    expect(nextToSend(ops.filter((o) => o.seq !== 3))?.seq).toBe(5);
    expect(nextToSend([answerOp(2, 1, 'no'), photoOp(1, 1)])?.seq).toBe(1);
    expect(nextToSend([answerOp(1, 1, 'no', 'conflict')])).toBeNull();
  });
});

describe('rebase and merge', () => {
  it('later answers to the same item are sent against the version the server gave', () => {
    const sent = answerOp(1, 1, 'no', 'queued', 2);
    const later = rebase([sent, answerOp(2, 2, 'yes', 'queued', 7), answerOp(3, 1, 'yes', 'queued', 2)], sent, 3);
    expect(later.map((o) => [o.seq, o.baseVersion])).toEqual([[3, 3]]);
  });

  it('merges only into a queued answer that is not being sent', () => {
    expect(canMerge(answerOp(1, 1, 'no'), null)).toBe(true);
    expect(canMerge(answerOp(1, 1, 'no'), 1)).toBe(false);
    expect(canMerge(answerOp(1, 1, 'no', 'conflict'), null)).toBe(false);
    expect(canMerge(photoOp(1, 1), null)).toBe(false);
    expect(canMerge(undefined, null)).toBe(false);
  });
});

describe('progress', () => {
  const checklists = {
    checklists: [
      {
        id: 5,
        sections: [
          { id: 1, number: 1, title: 'Sourcing', items: [item(1, '1.1', serverAnswer(1, 'yes', 1)), item(2, '1.2', null, true)] },
          { id: 2, number: 2, title: 'Firmware', items: [item(3, '2.1'), item(4, '2.2')] },
        ],
      },
    ],
  } as unknown as InspectionChecklists;

  it('counts the answers on the device and names what is unanswered', () => {
    const p = progress(checklists, [answerOp(1, 3, 'no')]);
    expect([p.answered, p.total]).toEqual([2, 4]);
    expect(p.sections.map((s) => `${s.title} ${s.answered}/${s.total}`)).toEqual(['Sourcing 1/2', 'Firmware 1/2']);
    expect(p.unanswered.map((u) => [u.number, u.critical])).toEqual([
      ['1.2', true],
      ['2.2', false],
    ]);
  });

  it('replaces one answer in a stored copy', () => {
    const next = withAnswer(checklists, 5, 2, serverAnswer(2, 'no', 1));
    expect(progress(next, []).answered).toBe(2);
    expect(progress(checklists, []).answered).toBe(1);
  });
});

describe('prefilledFinding', () => {
  it('draws severity, category, requirement and a description from the item and the note', () => {
    const f = prefilledFinding(item(2, '1.2', null, true), { answer: 'no', note: 'PO 4411 from a broker', attachment_ids: [], photo_ids: [] }, 'Checklist "Supply chain" v1');
    expect(f).toMatchObject({ severity: 'critical', category: 'security', requirement: 'SAE AS5553', owner: '', corrective_action: '' });
    expect(f.description).toBe('Question 1.2?\n\nChecklist "Supply chain" v1, item 1.2: no.\nInspector\'s note: PO 4411 from a broker');
    expect(prefilledFinding(item(1, '1.1'), { rating: 2, note: '', attachment_ids: [], photo_ids: [] }, 'C').severity).toBe('major');
  });
});

describe('integrity observations on the device', () => {
  const batch = (seq: number, productId: number, state: ObservationsOp['state'] = 'queued'): ObservationsOp => ({
    seq,
    inspectionId: 1,
    checklistId: OBSERVATIONS,
    itemId: productId,
    itemNumber: `P-${productId}`,
    createdAt: '2026-06-15T09:00:00Z',
    state,
    kind: 'observations',
    productId,
    observations: [{ kind: 'bom', revision: 'BOM-C' }],
  });

  it('sends a product\'s batches in order; a refused one holds back only that product', () => {
    const ops: QueuedChange[] = [batch(1, 7, 'rejected'), batch(2, 7), batch(3, 8)];
    expect(nextToSend(ops)?.seq).toBe(3);
    expect(nextToSend([batch(2, 7), batch(3, 8)])?.seq).toBe(2);
    expect(observationsOf(ops, 7).map((o) => o.seq)).toEqual([1, 2]);
  });

  it('never counts as a checklist answer', () => {
    const c: InspectionChecklists = { checklists: [] } as unknown as InspectionChecklists;
    expect(progress(c, [batch(1, 7)]).answered).toBe(0);
    expect(itemView(item(7, '1.1'), 5, [batch(1, 7)], null).state).toBe('sent');
  });
});
