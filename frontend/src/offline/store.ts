// The device's copy of prepared inspections and of every change made on
// them, in IndexedDB (through idb): it survives reloads, closing the browser
// and a lost network. Changes are only removed once the server accepted them.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { canMerge, type AnswerOp, type LocalPhoto, type PreparedInspection, type QueuedChange } from './queue';

interface OfflineSchema extends DBSchema {
  prepared: { key: number; value: PreparedInspection };
  changes: { key: number; value: QueuedChange; indexes: { inspectionId: number } };
  photos: { key: string; value: LocalPhoto; indexes: { inspectionId: number } };
}

let dbPromise: Promise<IDBPDatabase<OfflineSchema>> | null = null;

function db(): Promise<IDBPDatabase<OfflineSchema>> {
  dbPromise ??= openDB<OfflineSchema>('qualtrack-offline', 1, {
    upgrade(d) {
      d.createObjectStore('prepared', { keyPath: 'id' });
      d.createObjectStore('changes', { keyPath: 'seq', autoIncrement: true }).createIndex('inspectionId', 'inspectionId');
      d.createObjectStore('photos', { keyPath: 'id' }).createIndex('inspectionId', 'inspectionId');
    },
  });
  return dbPromise;
}

// Screens showing an inspection listen here; every write below announces itself.
const listeners = new Set<(inspectionId: number) => void>();

export function onOfflineChange(fn: (inspectionId: number) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function announce(inspectionId: number) {
  for (const fn of listeners) fn(inspectionId);
}

export async function getPrepared(id: number): Promise<PreparedInspection | undefined> {
  return (await db()).get('prepared', id);
}

export async function putPrepared(p: PreparedInspection): Promise<void> {
  await (await db()).put('prepared', p);
  announce(p.id);
}

/** The inspection's changes on the device, in the order they were made. */
export async function listChanges(inspectionId: number): Promise<QueuedChange[]> {
  const rows = await (await db()).getAllFromIndex('changes', 'inspectionId', inspectionId);
  return rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/**
 * Queues an answer. A change to an item whose last change is an answer
 * still waiting (not being sent) replaces it and keeps the version it was
 * made against: one answer per item goes out, in the order first made.
 */
export async function queueAnswer(op: AnswerOp, sendingSeq: number | null): Promise<void> {
  const d = await db();
  const tx = d.transaction('changes', 'readwrite');
  const rows = (await tx.store.index('inspectionId').getAll(op.inspectionId)).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const last = [...rows].reverse().find((o) => o.checklistId === op.checklistId && o.itemId === op.itemId);
  if (canMerge(last, sendingSeq)) {
    await tx.store.put({ ...last, fields: op.fields, createdAt: op.createdAt });
  } else {
    const { seq: _ignored, ...fresh } = op;
    await tx.store.add(fresh as QueuedChange);
  }
  await tx.done;
  announce(op.inspectionId);
}

export async function queueChange(op: QueuedChange): Promise<void> {
  const { seq: _ignored, ...fresh } = op;
  await (await db()).add('changes', fresh as QueuedChange);
  announce(op.inspectionId);
}

export async function putChange(op: QueuedChange): Promise<void> {
  await (await db()).put('changes', op);
  announce(op.inspectionId);
}

export async function deleteChange(op: QueuedChange): Promise<void> {
  if (op.seq !== undefined) await (await db()).delete('changes', op.seq);
  announce(op.inspectionId);
}

export async function putPhoto(p: LocalPhoto): Promise<void> {
  await (await db()).put('photos', p);
  announce(p.inspectionId);
}

export async function getPhoto(id: string): Promise<LocalPhoto | undefined> {
  return (await db()).get('photos', id);
}

export async function listPhotos(inspectionId: number): Promise<LocalPhoto[]> {
  return (await db()).getAllFromIndex('photos', 'inspectionId', inspectionId);
}
