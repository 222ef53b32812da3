// The offline outbox (B1): records made on the phone wait in IndexedDB (Dexie) with their client UUIDv7 ids and
// photos, and go to POST /api/sync when there is a network. The server's receipts make every upload idempotent,
// so a record whose answer was lost is simply sent again.
import Dexie, { type EntityTable } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { ref } from 'vue';
import type { SyncBatchResult, SyncRecordType } from '@jiceng/contract';
import { api, HttpError } from './api';

export type OutboxState = 'pending' | 'sent' | 'conflict' | 'invalid';
export interface OutboxRecord {
  id: string;
  type: SyncRecordType;
  /** what the list shows */
  label: string;
  payload: Record<string, unknown>;
  state: OutboxState;
  reason?: string;
  fields?: Record<string, string>;
  createdAt: number;
  sentAt?: number;
}
/** Last answers of GET requests, so the lists show offline too. */
interface CachedAnswer {
  key: string;
  value: unknown;
  at: number;
}

export const db = new Dexie('jiceng-m') as Dexie & { outbox: EntityTable<OutboxRecord, 'id'>; cache: EntityTable<CachedAnswer, 'key'> };
db.version(1).stores({ outbox: 'id, state, createdAt', cache: 'key' });

/** A batch stays well under the server's body limit: photos go a few at a time on a slow line. */
const BATCH_BYTES = 3 * 1024 * 1024;
const BATCH_RECORDS = 100;

export const syncing = ref(false);
export const lastError = ref('');
export const needLogin = ref(false);
export const counts = ref<Record<OutboxState, number>>({ pending: 0, sent: 0, conflict: 0, invalid: 0 });

/** Sent records stay visible for a while, then go (with their photos) to keep the phone's storage small. */
const KEEP_SENT_MS = 30 * 24 * 3600 * 1000;

export async function refreshCounts() {
  const cutoff = Date.now() - KEEP_SENT_MS;
  await db.outbox.where('state').equals('sent').filter((r) => (r.sentAt ?? r.createdAt) < cutoff).delete();
  const all = await db.outbox.toArray();
  const c: Record<OutboxState, number> = { pending: 0, sent: 0, conflict: 0, invalid: 0 };
  for (const r of all) c[r.state]++;
  counts.value = c;
}

export async function enqueue(type: SyncRecordType, label: string, payload: Record<string, unknown>): Promise<string> {
  const id = uuidv7();
  // plain data: IndexedDB cannot clone Vue's reactive proxies (the photos array)
  const plain = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  await db.outbox.add({ id, type, label, payload: plain, state: 'pending', createdAt: Date.now() });
  await refreshCounts();
  void flush();
  return id;
}

/** Send again under the same id (invalid: perhaps fixed on the server) or a new one (conflict: keep both). */
export async function retry(r: OutboxRecord, asNew: boolean) {
  await db.transaction('rw', db.outbox, async () => {
    if (asNew) {
      await db.outbox.delete(r.id);
      await db.outbox.add({ ...r, id: uuidv7(), state: 'pending', reason: undefined, fields: undefined, createdAt: Date.now() });
    } else {
      await db.outbox.update(r.id, { state: 'pending', reason: undefined, fields: undefined });
    }
  });
  await refreshCounts();
  void flush();
}

export async function remove(id: string) {
  await db.outbox.delete(id);
  await refreshCounts();
}

function batches(records: OutboxRecord[]): OutboxRecord[][] {
  const out: OutboxRecord[][] = [];
  let cur: OutboxRecord[] = [];
  let size = 0;
  for (const r of records) {
    const bytes = JSON.stringify(r.payload).length;
    if (cur.length > 0 && (size + bytes > BATCH_BYTES || cur.length >= BATCH_RECORDS)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(r);
    size += bytes;
  }
  if (cur.length) out.push(cur);
  return out;
}

// navigator.onLine says "online" on a line that carries nothing (and no `online` event follows when it starts to):
// after a network failure, try again soon, then less and less often
let retryMs = 5_000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
function retryLater() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void flush(), retryMs);
  retryMs = Math.min(retryMs * 2, 60_000);
}

/** Sends every pending record; safe to call at any time (one run at a time). */
export async function flush(): Promise<void> {
  if (syncing.value) return;
  if (!navigator.onLine) return retryLater();
  syncing.value = true;
  lastError.value = '';
  try {
    const pending = await db.outbox.where('state').equals('pending').sortBy('createdAt');
    for (const batch of batches(pending)) {
      const { results } = await api<SyncBatchResult>('POST', '/api/sync', { records: batch.map((r) => ({ id: r.id, type: r.type, payload: r.payload })) });
      await db.transaction('rw', db.outbox, async () => {
        for (const res of results) {
          const state: OutboxState = res.status === 'created' || res.status === 'duplicate' ? 'sent' : res.status;
          await db.outbox.update(res.id, { state, reason: res.reason, fields: res.fields, sentAt: Date.now() });
        }
      });
      await refreshCounts();
    }
    needLogin.value = false;
    retryMs = 5_000;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) needLogin.value = true;
    else if (err instanceof HttpError && (err.status === 0 || err.status >= 500 || err.status === 429)) retryLater();
    lastError.value = err instanceof Error ? err.message : String(err);
  } finally {
    syncing.value = false;
    await refreshCounts();
  }
}

/** GET with the last good answer as the fallback offline. */
export async function cachedGet<T>(path: string): Promise<{ value: T | null; at: number | null; offline: boolean }> {
  try {
    const value = await api<T>('GET', path);
    await db.cache.put({ key: path, value, at: Date.now() });
    return { value, at: Date.now(), offline: false };
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) needLogin.value = true;
    const hit = await db.cache.get(path);
    return { value: (hit?.value as T) ?? null, at: hit?.at ?? null, offline: err instanceof HttpError && err.status === 0 && !!hit };
  }
}
