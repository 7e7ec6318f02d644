import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordedObservations } from '../api';
import { OBSERVATIONS, type LocalPhoto, type ObservationsOp, type QueuedChange } from './queue';
import { syncInspection, syncStatus } from './sync';

// The device's store, in memory: what sync reads and writes in IndexedDB.
const device = vi.hoisted(() => ({ changes: new Map<number, unknown>(), photos: new Map<string, unknown>() }));
vi.mock('./store', () => ({
  announce: () => {},
  getPrepared: async () => undefined,
  putPrepared: async () => {},
  listChanges: async (inspectionId: number) =>
    [...device.changes.values()].filter((o) => (o as QueuedChange).inspectionId === inspectionId).sort((a, b) => ((a as QueuedChange).seq ?? 0) - ((b as QueuedChange).seq ?? 0)),
  putChange: async (op: QueuedChange) => void device.changes.set(op.seq ?? 0, op),
  deleteChange: async (op: QueuedChange) => void device.changes.delete(op.seq ?? 0),
  getPhoto: async (id: string) => device.photos.get(id),
  putPhoto: async (p: LocalPhoto) => void device.photos.set(p.id, p),
}));

interface Sent {
  path: string;
  key: string | null;
  body: unknown;
}

const recorded: RecordedObservations = { observations: [], findings: [] };

/** A server that takes uploads and batches; the first batch's answer is lost on the way when `loseFirst`. */
function server({ loseFirst }: { loseFirst: boolean }) {
  const uploads: string[] = [];
  const batches: Sent[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const headers = new Headers(init?.headers);
    if (path.endsWith('/attachments')) {
      uploads.push(headers.get('X-Content-SHA256') ?? '');
      return new Response(JSON.stringify({ id: 900 + uploads.length }), { status: 201 });
    }
    batches.push({ path, key: headers.get('Idempotency-Key'), body: JSON.parse(String(init?.body)) });
    // The server recorded the batch; the tablet never hears back.
    if (loseFirst && batches.length === 1) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(recorded), { status: 201 });
  });
  return { uploads, batches };
}

const batch = (seq: number, key: string | undefined, photoIds?: Record<number, string[]>): ObservationsOp => ({
  seq,
  inspectionId: 5,
  checklistId: OBSERVATIONS,
  itemId: 12,
  itemNumber: 'QT-MB7',
  createdAt: '2026-06-15T09:00:00Z',
  state: 'queued',
  kind: 'observations',
  productId: 12,
  observations: [
    { kind: 'golden_sample', serial_number: 'GS-1', seal_number: 'S-1', seal_state: 'intact' },
    { kind: 'aoi', aoi_result: 'match' },
  ],
  ...(key ? { idempotencyKey: key } : {}),
  ...(photoIds ? { photoIds } : {}),
});

const photo = (id: string, sha256: string): LocalPhoto => ({ id, inspectionId: 5, name: `${id}.jpg`, type: 'image/jpeg', blob: new Blob([id], { type: 'image/jpeg' }), sha256 });

beforeEach(() => {
  device.changes.clear();
  device.photos.clear();
});
afterEach(() => vi.unstubAllGlobals());

describe('sending a queued observation batch', () => {
  it('sends the batch again under the same key and with the same body when its answer was lost, uploading its photos once', async () => {
    const { uploads, batches } = server({ loseFirst: true });
    device.photos.set('seal-1', photo('seal-1', 'a'.repeat(64)));
    device.photos.set('seal-2', photo('seal-2', 'b'.repeat(64)));
    device.photos.set('xray-1', photo('xray-1', 'c'.repeat(64)));
    const op = batch(1, '5b0c7d5e-9a43-4c1e-8f0e-2f5a7f1f3a11', { 0: ['seal-1', 'seal-2'], 1: ['xray-1'] });
    device.changes.set(1, op);

    await syncInspection(5);
    expect(syncStatus(5).block).toBe('offline');
    expect(device.changes.has(1)).toBe(true);

    await syncInspection(5);
    expect(device.changes.size).toBe(0);
    // The photos went up once, in the order they were taken, before the batch that names them.
    expect(uploads).toEqual(['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual(batches[0]);
    expect(batches[0]!.path).toBe('/api/v1/inspections/5/integrity-observations');
    expect(batches[0]!.key).toBe('5b0c7d5e-9a43-4c1e-8f0e-2f5a7f1f3a11');
    expect(batches[0]!.body).toEqual({
      product_id: 12,
      observations: [
        { kind: 'golden_sample', serial_number: 'GS-1', seal_number: 'S-1', seal_state: 'intact', photo_ids: [901, 902] },
        { kind: 'aoi', aoi_result: 'match', photo_ids: [903] },
      ],
    });
  });

  it('sends each batch under its own key, and a batch queued before keys were kept without one', async () => {
    const { batches } = server({ loseFirst: false });
    device.changes.set(1, batch(1, undefined));
    device.changes.set(2, batch(2, 'key-two'));
    device.changes.set(3, batch(3, 'key-three'));

    await syncInspection(5);
    expect(batches.map((b) => b.key)).toEqual([null, 'key-two', 'key-three']);
    expect(device.changes.size).toBe(0);
  });
});
