import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { AuditPage, ListAuditQuery } from '@jiceng/contract';
import type { Db, DbOrTx } from '../../db/client.js';
import { auditLog } from './audit.tables.js';
import { canonicalJson, sha256 } from './canonical.js';
import { isCountyWide, scopeFilter, type Actor } from '../access/access.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Chain for events that belong to no county (e.g. a login with an unknown name). */
export const PLATFORM_COUNTY = '00000000-0000-0000-0000-000000000000';

export interface AuditInput {
  countyId: string;
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  orgPath?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

type Row = typeof auditLog.$inferSelect;

/** The fields the hash covers, in canonical form. */
function hashOf(row: Omit<Row, 'hash'>): string {
  const body = {
    countyId: row.countyId,
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    orgPath: row.orgPath,
    detail: row.detail,
    ip: row.ip,
  };
  return sha256(row.prevHash + canonicalJson(body));
}

/**
 * Appends one entry to the county's chain. Call it inside the business transaction so the
 * change and its record commit together. The advisory lock serialises writers per county
 * across processes; it is released at commit.
 */
export async function appendAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${input.countyId}::text, 7))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.countyId, input.countyId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const row = {
    countyId: input.countyId,
    seq: (last?.seq ?? 0) + 1,
    id: uuidv7(),
    // millisecond precision: what JavaScript can round-trip exactly
    at: new Date(),
    actorId: input.actorId ?? null,
    actorName: input.actorName ?? null,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    orgPath: input.orgPath ?? null,
    detail: JSON.parse(canonicalJson(input.detail ?? {})) as Record<string, unknown>,
    ip: input.ip ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: hashOf(row) });
}

/**
 * Appends many entries to one county's chain in order (a set-based change that touches thousands of records,
 * e.g. deadlines moved by a calendar change): one lock, one read of the chain's end, batched inserts.
 */
export async function appendAuditMany(tx: DbOrTx, countyId: string, inputs: readonly Omit<AuditInput, 'countyId'>[], batch = 1000): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${countyId}::text, 7))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.countyId, countyId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  for (let i = 0; i < inputs.length; i += batch) {
    const rows = inputs.slice(i, i + batch).map((input) => {
      const row = {
        countyId, seq: ++seq, id: uuidv7(), at, actorId: input.actorId ?? null, actorName: input.actorName ?? null, action: input.action,
        entity: input.entity, entityId: input.entityId ?? null, orgPath: input.orgPath ?? null,
        detail: JSON.parse(canonicalJson(input.detail ?? {})) as Record<string, unknown>, ip: input.ip ?? null, prevHash,
      };
      prevHash = hashOf(row);
      return { ...row, hash: prevHash };
    });
    await tx.insert(auditLog).values(rows);
  }
}

/** Audit input pre-filled from the actor. */
export const byActor = (actor: Actor, input: Omit<AuditInput, 'countyId' | 'actorId' | 'actorName' | 'ip'>): AuditInput => ({
  countyId: actor.countyId,
  actorId: actor.userId,
  actorName: actor.displayName,
  ip: actor.ip,
  ...input,
});

export type VerifyResult =
  | { ok: true; entries: number; counties: number }
  | { ok: false; entries: number; countyId: string; seq: number; reason: string };

/** Walks every chain in order; stops at the first broken link. */
export async function verifyAudit(db: Db, batch = 5000): Promise<VerifyResult> {
  const counties = await db.selectDistinct({ countyId: auditLog.countyId }).from(auditLog);
  let entries = 0;
  for (const { countyId } of counties) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.countyId, countyId), gte(auditLog.seq, expectedSeq)))
        .orderBy(auditLog.seq)
        .limit(batch);
      if (rows.length === 0) break;
      for (const row of rows) {
        const fail = (reason: string): VerifyResult => ({ ok: false, entries, countyId, seq: row.seq, reason });
        if (row.seq !== expectedSeq) return fail(`missing entry ${expectedSeq}`);
        if (row.prevHash !== prevHash) return fail('prev_hash does not match the previous entry');
        if (hashOf(row) !== row.hash) return fail('hash does not match the entry (content changed)');
        prevHash = row.hash;
        expectedSeq += 1;
        entries += 1;
      }
    }
  }
  return { ok: true, entries, counties: counties.length };
}

/**
 * Scoped audit list: entries tied to an org path inside the caller's scope; entries with no
 * org (policy, departments, failed logins) only for county-wide callers.
 */
export async function listAudit(db: Db, actor: Actor, q: ListAuditQuery): Promise<AuditPage> {
  const conds: SQL[] = [eq(auditLog.countyId, actor.countyId)];
  const scoped = scopeFilter(actor, auditLog.orgPath);
  conds.push(isCountyWide(actor) ? sql`(${scoped} or ${auditLog.orgPath} is null)` : scoped);
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.actor) conds.push(sql`${auditLog.actorName} ilike ${`%${q.actor}%`}`);
  if (q.from) conds.push(sql`${auditLog.at} >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (q.to) conds.push(sql`${auditLog.at} < ((${q.to}::date) + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (q.before) conds.push(lt(auditLog.seq, q.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      orgPath: r.orgPath,
      detail: r.detail,
      ip: r.ip,
      hash: r.hash,
    })),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
