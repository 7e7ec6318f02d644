import { useCallback, useEffect, useState } from 'react';
import { fetchMe, findingsApi, inspectionsApi, integrityApi, sitesApi, type ChecklistItemWithAnswer, type FindingFromItem, type ObservationCreate } from '../api';
import { OBSERVATIONS, type AnswerFields, type AnswerOp, type LocalPhoto, type PreparedInspection, type QueuedChange } from './queue';
import { deleteChange, getPrepared, listChanges, listPhotos, onOfflineChange, putChange, putPhoto, putPrepared, queueAnswer, queueChange } from './store';
import { sha256Hex, syncInspection, syncStatus } from './sync';

/**
 * Stores the inspection, its checklists, its site and findings, and who is
 * signed in, on the device ("Prepare for offline"). Needs the network.
 */
export async function prepareInspection(id: number): Promise<PreparedInspection> {
  const [inspection, checklists, me, findings, integrity] = await Promise.all([
    inspectionsApi.get(id),
    inspectionsApi.checklists(id),
    fetchMe(),
    findingsApi.list({ inspection_id: id, page_size: 200 }),
    integrityApi.inspection(id),
  ]);
  if (!me) throw new Error('Sign in again to prepare this inspection.');
  const site = await sitesApi.get(inspection.site_id).catch(() => null);
  const before = await getPrepared(id);
  const prepared: PreparedInspection = {
    integrity,
    ...(before?.recorded ? { recorded: before.recorded } : {}),
    id,
    savedAt: new Date().toISOString(),
    inspection,
    checklists,
    site,
    findings: findings.items,
    user: { id: me.id, email: me.email, name: me.name, role: me.role },
  };
  await putPrepared(prepared);
  return prepared;
}

export { getPrepared };

/** How often queued changes are retried while the screen is open. */
const RETRY_MS = 15_000;

export interface OfflineInspection {
  loaded: boolean;
  prepared?: PreparedInspection;
  changes: QueuedChange[];
  photos: LocalPhoto[];
  online: boolean;
  sendingSeq: number | null;
  block: ReturnType<typeof syncStatus>['block'];
  answer: (checklistId: number, item: ChecklistItemWithAnswer, fields: AnswerFields) => Promise<void>;
  addPhotos: (checklistId: number, item: ChecklistItemWithAnswer, fields: AnswerFields, files: File[]) => Promise<void>;
  raiseFinding: (checklistId: number, item: ChecklistItemWithAnswer, finding: FindingFromItem) => Promise<void>;
  /**
   * Queues a product's integrity observations (prefilled from what was
   * prepared, confirmed or corrected), with photos taken for some of them
   * (by the observation's index), kept on the device until sent.
   */
  recordObservations: (productId: number, partNumber: string, observations: ObservationCreate[], photos?: Record<number, File[]>) => Promise<void>;
  keepMine: (op: AnswerOp) => Promise<void>;
  useTheirs: (op: AnswerOp) => Promise<void>;
  discard: (op: QueuedChange) => Promise<void>;
  syncNow: () => void;
}

/** The device's copy of an inspection and its queued changes, kept in step with IndexedDB and sent when online. */
export function useOfflineInspection(id: number): OfflineInspection {
  const [data, setData] = useState<{ loaded: boolean; prepared?: PreparedInspection; changes: QueuedChange[]; photos: LocalPhoto[] }>({ loaded: false, changes: [], photos: [] });
  const [online, setOnline] = useState(() => navigator.onLine);
  const [sync, setSync] = useState(() => syncStatus(id));

  const reload = useCallback(async () => {
    const [prepared, changes, photos] = await Promise.all([getPrepared(id), listChanges(id), listPhotos(id)]);
    setData(prepared ? { loaded: true, prepared, changes, photos } : { loaded: true, changes, photos });
    setSync(syncStatus(id));
  }, [id]);

  const syncNow = useCallback(() => {
    if (navigator.onLine) void syncInspection(id);
  }, [id]);

  useEffect(() => {
    const off = onOfflineChange((changed) => {
      if (changed === id) void reload();
    });
    void reload();
    return () => {
      off();
    };
  }, [id, reload]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      syncNow();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    syncNow();
    const timer = window.setInterval(syncNow, RETRY_MS);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(timer);
    };
  }, [syncNow]);

  const base = (checklistId: number, item: ChecklistItemWithAnswer) => ({
    inspectionId: id,
    checklistId,
    itemId: item.id,
    itemNumber: item.number,
    createdAt: new Date().toISOString(),
    state: 'queued' as const,
  });

  const answer = async (checklistId: number, item: ChecklistItemWithAnswer, fields: AnswerFields) => {
    await queueAnswer({ ...base(checklistId, item), kind: 'answer', baseVersion: item.answer?.version ?? 0, fields }, syncStatus(id).sendingSeq);
    syncNow();
  };

  /** Keeps a photo on the device until it is uploaded; returns its local id. */
  const keepPhoto = async (file: File) => {
    const photo: LocalPhoto = { id: crypto.randomUUID(), inspectionId: id, name: file.name || 'photo.jpg', type: file.type, blob: file, sha256: await sha256Hex(file) };
    await putPhoto(photo);
    return photo.id;
  };

  const addPhotos = async (checklistId: number, item: ChecklistItemWithAnswer, fields: AnswerFields, files: File[]) => {
    const ids: string[] = [];
    for (const file of files) {
      const photoId = await keepPhoto(file);
      await queueChange({ ...base(checklistId, item), kind: 'photo', photoId });
      ids.push(photoId);
    }
    await answer(checklistId, item, { ...fields, photo_ids: [...fields.photo_ids, ...ids] });
  };

  const raiseFinding = async (checklistId: number, item: ChecklistItemWithAnswer, finding: FindingFromItem) => {
    await queueChange({ ...base(checklistId, item), kind: 'finding', finding });
    syncNow();
  };

  const recordObservations = async (productId: number, partNumber: string, observations: ObservationCreate[], photos: Record<number, File[]> = {}) => {
    const photoIds: Record<number, string[]> = {};
    for (const [at, files] of Object.entries(photos)) {
      if (files.length === 0) continue;
      const ids: string[] = [];
      for (const file of files) ids.push(await keepPhoto(file));
      photoIds[Number(at)] = ids;
    }
    await queueChange({
      inspectionId: id,
      checklistId: OBSERVATIONS,
      itemId: productId,
      itemNumber: partNumber,
      createdAt: new Date().toISOString(),
      state: 'queued',
      kind: 'observations',
      productId,
      observations,
      idempotencyKey: crypto.randomUUID(),
      ...(Object.keys(photoIds).length > 0 ? { photoIds } : {}),
    });
    syncNow();
  };

  const keepMine = async (op: AnswerOp) => {
    const { theirs, ...rest } = op;
    await putChange({ ...rest, state: 'queued', baseVersion: theirs?.version ?? 0 });
    syncNow();
  };

  const useTheirs = async (op: AnswerOp) => {
    await deleteChange(op);
    syncNow();
  };

  const discard = async (op: QueuedChange) => {
    await deleteChange(op);
    syncNow();
  };

  return { ...data, online, sendingSeq: sync.sendingSeq, block: sync.block, answer, addPhotos, raiseFinding, recordObservations, keepMine, useTheirs, discard, syncNow };
}

