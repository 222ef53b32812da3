// POST /api/sync (B1, issue 5 part 6): the phone's offline outbox uploads visits, 六报 and activities made with
// client UUIDv7 ids. Each record goes in its own transaction together with its receipt (sync_receipts), so a
// record is never half-created, one bad record does not block the others, and a retried or duplicated upload —
// even two copies of one batch at the same time — creates one copy: the receipt row is inserted first, and a
// second transaction with the same id waits on that row, then finds it.
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  SYNC_MESSAGES, SyncActivityPayload, SyncFieldReportPayload, SyncSurveyResponsePayload, SyncVisitPayload, SyncVolunteerRecordPayload, fieldMessages, formatMessage,
  type IssueLike, type Locale, type Permission, type SyncBatchInput, type SyncRecord, type SyncResult,
} from '@jiceng/contract';
import type { Db, Tx } from '../../db/client.js';
import { syncReceipts } from './sync.tables.js';
import { createCase } from '../cases/cases.service.js';
import { createActivity, createVisit } from '../fieldwork/fieldwork.service.js';
import { answerSurvey } from '../surveys/surveys.service.js';
import { createVolunteerRecord } from '../duties/volunteer.service.js';
import { can, type Actor } from '../../platform/access/access.js';
import { canonicalJson, sha256 } from '../../platform/audit/canonical.js';
import { AppError } from '../../platform/http/errors.js';

interface Handler {
  /** the caller needs one of these */
  permission: Permission | readonly Permission[];
  schema: z.ZodType<Record<string, unknown>>;
  create(tx: Tx, actor: Actor, id: string, payload: never): Promise<unknown>;
}

const HANDLERS: Record<string, Handler | null> = {
  visit: {
    permission: 'fieldwork.write',
    schema: SyncVisitPayload,
    create: (tx, actor, id, p: z.infer<typeof SyncVisitPayload>) => createVisit(tx, actor, { ...p, id }),
  },
  // 六报 become service cases (channel gridReport): the village room or township takes them from there
  fieldReport: {
    permission: 'case.write',
    schema: SyncFieldReportPayload,
    create: (tx, actor, _id, p: z.infer<typeof SyncFieldReportPayload>) => createCase(tx, actor, {
      channel: 'gridReport', fieldReportKind: p.kind, title: p.title, description: p.description, householdId: p.householdId,
      gridId: p.gridId, address: p.address, lat: p.lat, lon: p.lon, files: p.photos,
    }),
  },
  activity: {
    permission: 'fieldwork.write',
    schema: SyncActivityPayload,
    create: (tx, actor, id, p: z.infer<typeof SyncActivityPayload>) => createActivity(tx, actor, { ...p, id }),
  },
  surveyResponse: {
    permission: 'survey.answer',
    schema: SyncSurveyResponsePayload,
    create: (tx, actor, id, p: z.infer<typeof SyncSurveyResponsePayload>) => answerSurvey(tx as unknown as Db, actor, p.drawId,
      { householdId: p.householdId, answers: p.answers, comment: p.comment }, { id, answeredAt: p.answeredAt ? new Date(p.answeredAt) : undefined }),
  },
  // 志愿服务记录 (issue 10): a member's own login logs its own hours; a cadre's phone logs them for a member
  volunteerRecord: {
    permission: ['self.service', 'duty.write'],
    schema: SyncVolunteerRecordPayload,
    create: (tx, actor, id, p: z.infer<typeof SyncVolunteerRecordPayload>) => createVolunteerRecord(tx, actor, p, { id, source: 'phone' }),
  },
};

const allowed = (actor: Actor, handler: Handler) =>
  (typeof handler.permission === 'string' ? [handler.permission] : handler.permission).some((p) => can(actor, p));

/** The route's gate (otherwise 403): field-work accounts, as before, and a member's own login (its volunteer hours). */
export const canSync = (actor: Actor) => can(actor, 'fieldwork.write') || can(actor, 'self.service');

const message = (key: keyof typeof SYNC_MESSAGES, locale: Locale, params: Record<string, string> = {}) =>
  SYNC_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

/** The hash that says "the same record": type and payload as sent, canonical JSON. */
export const recordHash = (r: Pick<SyncRecord, 'type' | 'payload'>) => sha256(canonicalJson({ type: r.type, payload: r.payload }));

class Answered extends Error {
  constructor(readonly result: SyncResult) {
    super(result.status);
  }
}

/**
 * The caller's own receipt key for a record id that another account's record already holds: a UUID (version 8,
 * RFC 9562 custom) derived from county, account and id, so retries of that record find the same receipt. The
 * record itself then gets a new id (platform/access/record-ids), and the phone is answered as for an unused id.
 */
function aliasOf(actor: Actor, id: string): string {
  const h = sha256(`jiceng-sync-alias\n${actor.countyId}\n${actor.userId}\n${id}`);
  const variant = (8 | (parseInt(h[16]!, 16) & 3)).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function invalidOf(id: string, err: AppError, locale: Locale): SyncResult {
  const fields = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([f, code]) => [f, formatMessage(code, locale, err.params)])) : undefined;
  return { id, status: 'invalid', reason: formatMessage(err.code, locale, err.params), ...(fields ? { fields } : {}) };
}

async function syncOne(db: Db, actor: Actor, record: SyncRecord, locale: Locale, log: (e: unknown) => void): Promise<SyncResult> {
  const { id, type } = record;
  if (!(type in HANDLERS)) return { id, status: 'invalid', reason: message('unknownType', locale, { type }) };
  const handler = HANDLERS[type];
  if (!handler) return { id, status: 'invalid', reason: message('notSupported', locale, { type }) };
  if (!allowed(actor, handler)) return invalidOf(id, new AppError('auth.forbidden', 403), locale);
  const parsed = handler.schema.safeParse(record.payload);
  if (!parsed.success) {
    const fields = fieldMessages(parsed.error.issues as unknown as IssueLike[], locale, (path) => valueAt(record.payload, path) === undefined);
    return { id, status: 'invalid', reason: formatMessage('validation.failed', locale), fields };
  }
  const hash = recordHash(record);
  // the receipt's key: the record id, or the caller's own alias of it when another account's record holds it
  let receiptId = id;
  try {
    return await db.transaction(async (tx) => {
      for (;;) {
        const key = and(eq(syncReceipts.countyId, actor.countyId), eq(syncReceipts.id, receiptId));
        // the receipt first: a concurrent copy of this record blocks here until this transaction ends
        const inserted = await tx.insert(syncReceipts)
          .values({ countyId: actor.countyId, id: receiptId, userId: actor.userId, type, payloadHash: hash, status: 'created' })
          .onConflictDoNothing().returning({ id: syncReceipts.id });
        if (inserted.length > 0) break;
        const [prior] = await tx.select().from(syncReceipts).where(key).for('update');
        if (prior && prior.status === 'created') {
          // another account's record: answered exactly as an unused id is (issue 15), under the caller's alias
          if (prior.userId !== actor.userId && receiptId === id) {
            receiptId = aliasOf(actor, id);
            continue;
          }
          if (prior.payloadHash === hash && prior.type === type) throw new Answered({ id, status: 'duplicate' });
          throw new Answered({ id, status: 'conflict', reason: message('conflict', locale) });
        }
        // refused before (nothing was stored then): try again, perhaps corrected
        await tx.update(syncReceipts).set({ userId: actor.userId, type, payloadHash: hash, status: 'created', reason: null, receivedAt: new Date() }).where(key);
        break;
      }
      await handler.create(tx, actor, receiptId, parsed.data as never);
      return { id, status: 'created' as const };
    });
  } catch (err) {
    if (err instanceof Answered) return err.result;
    if (err instanceof AppError) {
      const result = invalidOf(id, err, locale);
      // keep what was refused and why (the phone may correct it and send the same id again)
      await db.insert(syncReceipts)
        .values({ countyId: actor.countyId, id: receiptId, userId: actor.userId, type, payloadHash: hash, status: 'invalid', reason: result.reason ?? null })
        .onConflictDoUpdate({
          target: [syncReceipts.countyId, syncReceipts.id],
          set: { userId: actor.userId, payloadHash: hash, type, reason: result.reason ?? null, receivedAt: new Date() },
          setWhere: sql`${syncReceipts.status} = 'invalid'`,
        });
      return result;
    }
    // a fault of ours: nothing stored, the phone keeps the record and tries again later
    log(err);
    return { id, status: 'invalid', reason: formatMessage('internal', locale) };
  }
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** One result per record, in order. Records go one after another (a phone's batch is small; the server stays calm). */
export async function syncBatch(db: Db, actor: Actor, input: SyncBatchInput, locale: Locale, log: (e: unknown) => void = () => {}): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  // the same id twice in one batch: the second is answered like a retry (duplicate or conflict)
  for (const record of input.records) results.push(await syncOne(db, actor, record, locale, log));
  return results;
}
