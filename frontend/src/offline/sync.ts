// Sends an inspection's queued changes to the server, one at a time and in
// the order they were made, each answer with the version it was made
// against. A conflict (409) keeps the change and fetches the server's
// answer so the inspector can choose; a refusal (4xx) keeps it with the
// reason; a lost network or an expired session stops and keeps the rest.
import { API_BASE, ApiError, CSRF_HEADER, CSRF_HEADER_VALUE, inspectionsApi, integrityApi, integrityValueLabel, isApiError, parseApiError, type ChecklistAnswer } from '../api';
import { answerRequest, fieldsOf, nextToSend, rebase, withAnswer, type AnswerOp, type QueuedChange } from './queue';
import { announce, deleteChange, getPhoto, getPrepared, listChanges, putChange, putPhoto, putPrepared } from './store';

/** Why sending stopped, if it did: no network, or the session ended. */
export type SyncBlock = 'offline' | 'signed_out' | 'server' | null;

interface SyncStatus {
  sendingSeq: number | null;
  block: SyncBlock;
  /** Changes accepted by the server since the screen opened. */
  sent: number;
}

const status = new Map<number, SyncStatus>();
const running = new Map<number, Promise<void>>();

export function syncStatus(inspectionId: number): SyncStatus {
  return status.get(inspectionId) ?? { sendingSeq: null, block: null, sent: 0 };
}

function setStatus(inspectionId: number, change: Partial<SyncStatus>) {
  status.set(inspectionId, { ...syncStatus(inspectionId), ...change });
  announce(inspectionId);
}

/** Starts sending unless a run is under way; resolves when that run ends. */
export function syncInspection(inspectionId: number): Promise<void> {
  const current = running.get(inspectionId);
  if (current) return current;
  const run = sendAll(inspectionId).finally(() => running.delete(inspectionId));
  running.set(inspectionId, run);
  return run;
}

async function sendAll(inspectionId: number): Promise<void> {
  let sentAny = false;
  for (;;) {
    const op = nextToSend(await listChanges(inspectionId));
    if (!op) break;
    setStatus(inspectionId, { sendingSeq: op.seq ?? null });
    try {
      await send(op);
      sentAny = true;
      setStatus(inspectionId, { block: null, sent: syncStatus(inspectionId).sent + 1 });
    } catch (e) {
      const stop = await settleFailure(op, e);
      if (stop) {
        setStatus(inspectionId, { sendingSeq: null, block: stop });
        return;
      }
    }
  }
  setStatus(inspectionId, { sendingSeq: null, block: null });
  if (sentAny) await refreshSnapshot(inspectionId).catch(() => undefined);
}

async function send(op: QueuedChange): Promise<void> {
  switch (op.kind) {
    case 'photo': {
      const photo = await getPhoto(op.photoId);
      if (photo && photo.attachmentId === undefined) {
        const attachment = await uploadPhoto(op.inspectionId, photo.blob, photo.name, photo.sha256);
        await putPhoto({ ...photo, attachmentId: attachment.id });
      }
      await deleteChange(op);
      return;
    }
    case 'answer': {
      const ids = [...op.fields.attachment_ids];
      // A photo added after the answer was queued may not be uploaded yet.
      for (const id of await uploadedPhotos(op.inspectionId, op.fields.photo_ids)) if (!ids.includes(id)) ids.push(id);
      const saved = await inspectionsApi.answer(op.inspectionId, op.checklistId, op.itemId, answerRequest(op, ids));
      for (const later of rebase(await listChanges(op.inspectionId), op, saved.version)) await putChange(later);
      await deleteChange(op);
      await patchSnapshot(op.inspectionId, op.checklistId, op.itemId, saved);
      return;
    }
    case 'finding': {
      const finding = await inspectionsApi.raiseFinding(op.inspectionId, op.checklistId, op.itemId, op.finding);
      await deleteChange(op);
      const p = await getPrepared(op.inspectionId);
      if (p) await putPrepared({ ...p, findings: [...p.findings, finding] });
      return;
    }
    case 'observations': {
      // The photos first, in order: the batch names them. Each is uploaded
      // once (its attachment id kept on the device), so a batch sent again
      // is the same batch, and the server records it once under its key.
      const observations = [...op.observations];
      for (const [at, localIds] of Object.entries(op.photoIds ?? {})) {
        const obs = observations[Number(at)];
        if (obs) observations[Number(at)] = { ...obs, photo_ids: [...(obs.photo_ids ?? []), ...(await uploadedPhotos(op.inspectionId, localIds))] };
      }
      // Compared by the server with the baseline as it is when they arrive;
      // each mismatch raises a finding there and then.
      const recorded = await integrityApi.record(op.inspectionId, op.productId, observations, op.idempotencyKey);
      await deleteChange(op);
      const p = await getPrepared(op.inspectionId);
      if (p) await putPrepared({ ...p, findings: [...p.findings, ...recorded.findings], recorded: { ...p.recorded, [op.productId]: recorded } });
      return;
    }
  }
}

/** Records why a change was not accepted; returns a reason to stop sending, or null to go on. */
async function settleFailure(op: QueuedChange, e: unknown): Promise<SyncBlock> {
  if (!(e instanceof ApiError)) return 'server';
  if (e.status === 0) return 'offline';
  if (e.status === 401) return 'signed_out';
  if (e.status === 429 || e.status >= 500) return 'server';
  if (op.kind === 'answer' && isApiError(e, 409)) {
    const theirs = await serverAnswer(op).catch(() => undefined);
    if (theirs === undefined) return 'offline';
    // The server holds what I sent already (a reply lost on the way): done.
    if (theirs && sameAnswer(theirs, op)) {
      await deleteChange(op);
      await patchSnapshot(op.inspectionId, op.checklistId, op.itemId, theirs);
      return null;
    }
    await putChange({ ...op, state: 'conflict', theirs });
    return null;
  }
  await putChange({ ...op, state: 'rejected', error: e.message + fieldText(e, op) });
  return null;
}

/** The server's reasons, each naming the value it is about when it is an observation's. */
function fieldText(e: ApiError, op: QueuedChange): string {
  const reasons = Object.entries(e.fields).map(([field, why]) => {
    const at = /^observations\.(\d+)\./.exec(field);
    const obs = at && op.kind === 'observations' ? op.observations[Number(at[1])] : undefined;
    return obs ? `${integrityValueLabel(obs.kind, obs.component)}: ${why}.` : why;
  });
  return reasons.length ? ` ${reasons.join(' ')}` : '';
}

function sameAnswer(a: ChecklistAnswer, op: AnswerOp): boolean {
  const f = fieldsOf(a);
  const m = op.fields;
  return f.answer === m.answer && (f.rating ?? null) === (m.rating ?? null) && (f.text ?? '') === (m.text ?? '') && !!f.not_applicable === !!m.not_applicable && f.note === m.note && op.fields.photo_ids.length === 0;
}

async function serverAnswer(op: AnswerOp): Promise<ChecklistAnswer | null> {
  const fresh = await inspectionsApi.checklists(op.inspectionId);
  const p = await getPrepared(op.inspectionId);
  if (p) await putPrepared({ ...p, checklists: fresh, savedAt: new Date().toISOString() });
  for (const cl of fresh.checklists) {
    if (cl.id !== op.checklistId) continue;
    for (const s of cl.sections) for (const it of s.items) if (it.id === op.itemId) return it.answer;
  }
  return null;
}

async function patchSnapshot(inspectionId: number, checklistId: number, itemId: number, answer: ChecklistAnswer | null) {
  const p = await getPrepared(inspectionId);
  if (p) await putPrepared({ ...p, checklists: withAnswer(p.checklists, checklistId, itemId, answer) });
}

/** Reloads the checklists (score, suggestion, others' answers) once changes were sent. */
export async function refreshSnapshot(inspectionId: number): Promise<void> {
  const p = await getPrepared(inspectionId);
  if (!p) return;
  const [inspection, checklists, integrity] = await Promise.all([
    inspectionsApi.get(inspectionId),
    inspectionsApi.checklists(inspectionId),
    integrityApi.inspection(inspectionId).catch(() => p.integrity ?? null),
  ]);
  await putPrepared({ ...p, inspection, checklists, integrity, savedAt: new Date().toISOString() });
}

/** The attachment ids of photos taken on the device, uploading in order those the server does not have yet. */
async function uploadedPhotos(inspectionId: number, localIds: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const localId of localIds) {
    let photo = await getPhoto(localId);
    if (photo && photo.attachmentId === undefined) {
      const attachment = await uploadPhoto(inspectionId, photo.blob, photo.name, photo.sha256);
      photo = { ...photo, attachmentId: attachment.id };
      await putPhoto(photo);
    }
    if (photo?.attachmentId !== undefined) ids.push(photo.attachmentId);
  }
  return ids;
}

/** Uploads a photo with the SHA-256 computed on the device; the server refuses it (422) if the bytes differ. */
async function uploadPhoto(inspectionId: number, blob: Blob, name: string, sha256: string): Promise<{ id: number }> {
  const form = new FormData();
  form.append('file', blob, name);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/inspections/${inspectionId}/attachments`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE, Accept: 'application/json', 'X-Content-SHA256': sha256 },
    });
  } catch {
    throw parseApiError(0, '');
  }
  const text = await response.text();
  if (!response.ok) throw parseApiError(response.status, text, response.headers.get('Retry-After'));
  return JSON.parse(text) as { id: number };
}

/** The SHA-256 of a file as 64 hex digits, computed on the device. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
