// What the device keeps for an inspection worked offline, and the pure rules
// over it: which answer an item shows, in what order queued changes are
// sent, and how far the checklists are answered. No I/O here (see store.ts
// and sync.ts), so the rules are unit-tested.
import type {
  ChecklistAnswer,
  ChecklistAnswerWrite,
  ChecklistItemWithAnswer,
  FindingFromItem,
  Finding,
  Inspection,
  InspectionChecklists,
  InspectionIntegrity,
  Me,
  ObservationCreate,
  RecordedObservations,
  Site,
} from '../api';

/** An inspection stored on the device by "Prepare for offline". */
export interface PreparedInspection {
  id: number;
  savedAt: string;
  inspection: Inspection;
  checklists: InspectionChecklists;
  site: Site | null;
  findings: Finding[];
  /** Who prepared it: the screen names them while there is no network. */
  user: Pick<Me, 'id' | 'email' | 'name' | 'role'>;
  /** The products built at the site with the values expected of each (absent in copies saved before it was kept). */
  integrity?: InspectionIntegrity | null;
  /** What the server made of the observations sent from the device, by product: the findings raised. */
  recorded?: Record<number, RecordedObservations>;
}

/** The answer to one item as the inspector gave it on the device. */
export interface AnswerFields {
  answer?: 'yes' | 'no';
  rating?: number | null;
  text?: string;
  not_applicable?: boolean;
  note: string;
  /** Photos already on the server (attachments of the inspection). */
  attachment_ids: number[];
  /** Photos taken on the device, by their local id, not uploaded yet when queued. */
  photo_ids: string[];
}

/**
 * What a queued answer sends, with its photos' attachment ids: the answer
 * as given, against the version it was given on, and when it was given,
 * so the server compares it with the supplier's self-assessment of that
 * moment, as if it had been sent then.
 */
export function answerRequest(op: AnswerOp, attachmentIds: number[]): ChecklistAnswerWrite {
  const { answer, rating, text, not_applicable, note } = op.fields;
  return {
    version: op.baseVersion,
    note,
    attachment_ids: attachmentIds,
    answered_at: op.createdAt,
    ...(not_applicable ? { not_applicable } : answer ? { answer } : rating != null ? { rating } : { text: text ?? '' }),
  };
}

/** A photo taken on the device; attachmentId once the server has it. */
export interface LocalPhoto {
  id: string;
  inspectionId: number;
  name: string;
  type: string;
  blob: Blob;
  sha256: string;
  attachmentId?: number;
}

interface OpBase {
  /** Order of the change on the device; changes are sent in this order. */
  seq?: number;
  inspectionId: number;
  checklistId: number;
  itemId: number;
  itemNumber: string;
  createdAt: string;
  /** queued: waits to be sent; conflict: someone else changed the answer; rejected: the server refused it. */
  state: 'queued' | 'conflict' | 'rejected';
  error?: string;
}

export interface AnswerOp extends OpBase {
  kind: 'answer';
  /** The version of the answer this change was made against (0: none). */
  baseVersion: number;
  fields: AnswerFields;
  /** On a conflict: the answer on the server now (null: it was cleared). */
  theirs?: ChecklistAnswer | null;
}

export interface PhotoOp extends OpBase {
  kind: 'photo';
  photoId: string;
}

export interface FindingOp extends OpBase {
  kind: 'finding';
  finding: FindingFromItem;
}

/**
 * Hardware integrity observations of one product, recorded on the device.
 * They belong to no checklist item: checklistId is OBSERVATIONS and itemId
 * the product, so a product's batches are sent in order and one refused
 * batch holds back only that product's later ones.
 */
export interface ObservationsOp extends OpBase {
  kind: 'observations';
  productId: number;
  observations: ObservationCreate[];
  /**
   * Sent with the batch: the server records a batch sent again under its
   * key (its answer lost on the way) once. Absent in batches queued before
   * keys were kept.
   */
  idempotencyKey?: string;
  /** Photos taken on the device for an observation (by its index), by their local id: uploaded in order before the batch. */
  photoIds?: Record<number, string[]>;
}

/** The checklistId of observation batches (no checklist has id 0). */
export const OBSERVATIONS = 0;

export type QueuedChange = AnswerOp | PhotoOp | FindingOp | ObservationsOp;

/** The observation batches of a product on the device, in order. */
export function observationsOf(ops: QueuedChange[], productId: number): ObservationsOp[] {
  return ops.filter((o): o is ObservationsOp => o.kind === 'observations' && o.productId === productId);
}

export const itemKey = (checklistId: number, itemId: number) => `${checklistId}:${itemId}`;

/** The answer fields of a server answer, to edit on the device. */
export function fieldsOf(a: ChecklistAnswer | null): AnswerFields {
  if (!a) return { note: '', attachment_ids: [], photo_ids: [] };
  const f: AnswerFields = { note: a.note, attachment_ids: [...(a.attachment_ids ?? [])], photo_ids: [] };
  if (a.not_applicable) f.not_applicable = true;
  else if (a.answer) f.answer = a.answer;
  else if (a.rating !== null) f.rating = a.rating;
  else if (a.text) f.text = a.text;
  return f;
}

/** Whether the fields say something the server accepts as an answer. */
export function isAnswered(f: AnswerFields | null): boolean {
  if (!f) return false;
  return !!f.not_applicable || !!f.answer || (f.rating !== undefined && f.rating !== null) || !!f.text?.trim();
}

/** Sync state of an item: nothing on the device, waiting, being sent, or needing the inspector. */
export type ItemSyncState = 'sent' | 'saved' | 'sending' | 'conflict' | 'rejected';

export interface ItemView {
  fields: AnswerFields | null;
  state: ItemSyncState;
  conflict?: AnswerOp;
  rejected?: QueuedChange;
  /** A finding queued from this item, not sent yet. */
  queuedFinding?: FindingOp;
}

/** What an item shows: its last change on the device, else the server's answer. */
export function itemView(item: ChecklistItemWithAnswer, checklistId: number, ops: QueuedChange[], sendingSeq: number | null): ItemView {
  const mine = ops.filter((o) => o.checklistId === checklistId && o.itemId === item.id);
  const lastAnswer = [...mine].reverse().find((o): o is AnswerOp => o.kind === 'answer');
  const fields = lastAnswer ? lastAnswer.fields : item.answer ? fieldsOf(item.answer) : null;
  const conflict = mine.find((o): o is AnswerOp => o.kind === 'answer' && o.state === 'conflict');
  const rejected = mine.find((o) => o.state === 'rejected');
  const queuedFinding = mine.find((o): o is FindingOp => o.kind === 'finding');
  let state: ItemSyncState = 'sent';
  if (conflict) state = 'conflict';
  else if (rejected) state = 'rejected';
  else if (mine.some((o) => o.seq === sendingSeq)) state = 'sending';
  else if (mine.length > 0) state = 'saved';
  const v: ItemView = { fields, state };
  if (conflict) v.conflict = conflict;
  if (rejected) v.rejected = rejected;
  if (queuedFinding) v.queuedFinding = queuedFinding;
  return v;
}

/**
 * The next change to send: the first queued one in order whose item has no
 * earlier change waiting for the inspector (a conflict or a refusal), so an
 * item's changes never overtake each other and one stuck item does not hold
 * back the rest.
 */
export function nextToSend(ops: QueuedChange[]): QueuedChange | null {
  const blocked = new Set<string>();
  for (const o of [...ops].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    const key = itemKey(o.checklistId, o.itemId);
    if (o.state !== 'queued') {
      blocked.add(key);
      continue;
    }
    if (!blocked.has(key)) return o;
  }
  return null;
}

/**
 * After an answer was accepted at newVersion, later answers to the same
 * item (made on top of it on the device) are sent against that version.
 */
export function rebase(ops: QueuedChange[], sent: AnswerOp, newVersion: number): AnswerOp[] {
  return ops.filter(
    (o): o is AnswerOp => o.kind === 'answer' && o.seq !== sent.seq && (o.seq ?? 0) > (sent.seq ?? 0) && o.checklistId === sent.checklistId && o.itemId === sent.itemId,
  ).map((o) => ({ ...o, baseVersion: newVersion }));
}

/** Whether a new answer may replace a queued one instead of queueing behind it. */
export function canMerge(last: QueuedChange | undefined, sendingSeq: number | null): last is AnswerOp {
  return !!last && last.kind === 'answer' && last.state === 'queued' && last.seq !== sendingSeq;
}

export interface SectionProgress {
  checklistId: number;
  sectionId: number;
  title: string;
  number: number;
  answered: number;
  total: number;
}

export interface Progress {
  answered: number;
  total: number;
  sections: SectionProgress[];
  /** The unanswered items in checklist order, critical ones flagged. */
  unanswered: { checklistId: number; itemId: number; number: string; question: string; critical: boolean }[];
}

/** How far the checklists are answered, counting the changes on the device. */
export function progress(c: InspectionChecklists, ops: QueuedChange[]): Progress {
  const out: Progress = { answered: 0, total: 0, sections: [], unanswered: [] };
  for (const cl of c.checklists) {
    for (const sec of cl.sections) {
      const sp: SectionProgress = { checklistId: cl.id, sectionId: sec.id, title: sec.title, number: sec.number, answered: 0, total: sec.items.length };
      for (const item of sec.items) {
        if (isAnswered(itemView(item, cl.id, ops, null).fields)) sp.answered++;
        else out.unanswered.push({ checklistId: cl.id, itemId: item.id, number: item.number, question: item.question, critical: item.critical });
      }
      out.answered += sp.answered;
      out.total += sp.total;
      out.sections.push(sp);
    }
  }
  return out;
}

/** Replaces one item's answer in a stored snapshot (after the server accepted a change). */
export function withAnswer(c: InspectionChecklists, checklistId: number, itemId: number, answer: ChecklistAnswer | null): InspectionChecklists {
  return {
    ...c,
    checklists: c.checklists.map((cl) =>
      cl.id !== checklistId
        ? cl
        : { ...cl, sections: cl.sections.map((s) => ({ ...s, items: s.items.map((it) => (it.id === itemId ? { ...it, answer } : it)) })) },
    ),
  };
}

/** The finding form's starting values for an item answered no (or rated low). */
export function prefilledFinding(item: ChecklistItemWithAnswer, fields: AnswerFields | null, checklistName: string): Required<Pick<FindingFromItem, 'severity' | 'category' | 'requirement' | 'description' | 'owner' | 'corrective_action'>> {
  const said = fields?.rating != null ? `rated ${fields.rating} of 5` : 'no';
  const note = fields?.note?.trim();
  return {
    severity: item.critical ? 'critical' : 'major',
    category: item.category,
    requirement: item.requirement,
    description: `${item.question}\n\n${checklistName}, item ${item.number}: ${said}.${note ? `\nInspector's note: ${note}` : ''}`,
    owner: '',
    corrective_action: '',
  };
}
