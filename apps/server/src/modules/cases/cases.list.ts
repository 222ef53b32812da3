// 办件 lists (F7): the ledger's filters and search (listWhere), its page, the per-grid and per-child counts the
// work map and dashboards draw from the same filter, and the duplicate hint of the registration form.
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { CaseList, ListCasesQuery } from '@jiceng/contract';
import type { Db, DbOrTx } from '../../db/client.js';
import { cases } from './cases.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { inScope, type Actor } from '../../platform/access/access.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { caseVisibility, dueSoonMs, flatten, overdueSql, summarySelect, summaryView } from './cases.service.js';

function listWhere(actor: Actor, q: ListCasesQuery, now: Date, dueSoonBefore: Date, subtree: string | null): SQL {
  const open = sql`${cases.state} in ('received', 'inProgress')`;
  // 我的待办: held by my department or my own org now; a grid worker's unit (a party group) never holds cases, so
  // theirs are the ones they registered (六报)
  const mine = actor.departmentId
    ? eq(cases.ownerDepartmentId, actor.departmentId)
    : actor.role === 'gridWorker' ? eq(cases.firstResponderId, actor.userId)
    : actor.orgId ? eq(cases.ownerOrgId, actor.orgId) : sql`false`;
  return and(
    caseVisibility(actor),
    q.state === 'open' ? sql`${cases.state} in ('received', 'inProgress', 'waitingOnResident')` : q.state ? eq(cases.state, q.state) : undefined,
    q.overdue === true ? overdueSql(now) : q.overdue === false ? sql`not ${overdueSql(now)}` : undefined,
    q.dueSoon ? and(open, sql`${cases.dueAt} >= ${now} and ${cases.dueAt} <= ${dueSoonBefore}`) : undefined,
    q.queue === 'mine' ? sql`(${mine})` : undefined,
    q.category ? eq(cases.category, q.category) : undefined,
    q.channel ? eq(cases.channel, q.channel) : undefined,
    q.gridId ? eq(cases.gridId, q.gridId) : undefined,
    subtree ? sql`(${cases.orgPath} <@ ${subtree}::ltree or ${cases.ownerPath} <@ ${subtree}::ltree)` : undefined,
    q.departmentId ? sql`${q.departmentId}::uuid = any(${cases.departmentIds})` : undefined,
    q.from ? sql`${cases.receivedAt} >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'` : undefined,
    q.to ? sql`${cases.receivedAt} < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'` : undefined,
    q.q ? or(sql`${cases.title} ilike ${`%${q.q}%`}`, sql`${cases.description} ilike ${`%${q.q}%`}`, sql`${cases.number} like ${`${q.q.replace(/[%_\\]/g, '')}%`}`, eq(cases.trackingCode, q.q.toUpperCase()), sql`${cases.requesterName} = ${q.q}`) : undefined,
    q.escalated ? sql`${cases.escalation} > 0 and ${open}` : undefined,
  )!;
}

async function subtreePath(db: DbOrTx, actor: Actor, orgId: string | undefined): Promise<string | null> {
  if (!orgId) return null;
  const [o] = await db.select({ path: sql<string>`${orgs.path}::text` }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, orgId)));
  if (!o || (!inScope(actor, o.path) && !actor.departmentId)) throw notFound();
  return o.path;
}

export async function listCases(db: Db, actor: Actor, q: ListCasesQuery): Promise<CaseList> {
  const now = new Date();
  const soon = await dueSoonMs(db, actor.countyId);
  const where = listWhere(actor, q, now, new Date(now.getTime() + soon), await subtreePath(db, actor, q.orgId));
  const limit = q.limit ?? 50;
  let keyset: SQL | undefined;
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) throw new AppError('validation.failed', 400, {}, { cursor: 'validation.failed' });
    keyset = sql`(${cases.receivedAt}, ${cases.id}) < (${new Date(at)}, ${id}::uuid)`;
  }
  const [rows, [count]] = await Promise.all([
    summarySelect(db).where(and(where, keyset)).orderBy(desc(cases.receivedAt), desc(cases.id)).limit(limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  const calendar = await countyCalendar(db, actor.countyId);
  const items = rows.slice(0, limit).map((r) => summaryView(flatten(r), now.getTime(), soon, calendar));
  const last = rows.length > limit ? rows[limit - 1]!.c : null;
  return { items, total: count?.n ?? 0, nextCursor: last ? `${last.receivedAt.toISOString()}|${last.id}` : null };
}

/** The list's count per grid for the same filters (the work map colours grids by it: one rule with the list). */
export async function countCasesByGrid(db: Db, actor: Actor, q: ListCasesQuery): Promise<Map<string, number>> {
  const now = new Date();
  const soon = await dueSoonMs(db, actor.countyId);
  const where = listWhere(actor, q, now, new Date(now.getTime() + soon), await subtreePath(db, actor, q.orgId));
  const rows = await db.select({ gridId: cases.gridId, n: sql<number>`count(*)::int` }).from(cases).where(and(where, sql`${cases.gridId} is not null`)).groupBy(cases.gridId);
  return new Map(rows.map((r) => [r.gridId!, Number(r.n)]));
}

/**
 * The list's count for each child org of `parentId`, in one grouped statement: a case counts for a child when the
 * list filtered on that child (?orgId=) would show it (its org or its holder in the child's subtree) — the
 * dashboard's per-unit figures equal their lists without a query per unit.
 */
export async function countCasesByChild(db: Db, actor: Actor, q: ListCasesQuery, parentId: string): Promise<Map<string, number>> {
  const now = new Date();
  const soon = await dueSoonMs(db, actor.countyId);
  const where = listWhere(actor, q, now, new Date(now.getTime() + soon), await subtreePath(db, actor, q.orgId));
  const rows = await db.select({ orgId: orgs.id, n: sql<number>`count(*)::int` }).from(cases)
    .innerJoin(orgs, and(eq(orgs.countyId, actor.countyId), eq(orgs.countyId, cases.countyId), eq(orgs.parentId, parentId),
      sql`(${cases.orgPath} <@ ${orgs.path} or ${cases.ownerPath} <@ ${orgs.path})`))
    .where(where).groupBy(orgs.id);
  return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
}

/** Duplicate hint: open cases of the same household or grid (or org) whose text is like this one (pg_trgm). */
export async function similarCases(db: Db, actor: Actor, q: { householdId?: string; gridId?: string; orgId?: string; text: string }) {
  const now = Date.now();
  const soon = await dueSoonMs(db, actor.countyId);
  const anchor = q.householdId ? eq(cases.householdId, q.householdId) : q.gridId ? eq(cases.gridId, q.gridId) : q.orgId ? eq(cases.orgId, q.orgId) : undefined;
  const similarity = sql<number>`greatest(similarity(${cases.description}, ${q.text}), similarity(${cases.title}, ${q.text}))::float8`;
  const hits = await summarySelect(db, { similarity })
    .where(and(
      caseVisibility(actor),
      sql`${cases.state} in ('received', 'inProgress', 'waitingOnResident')`,
      anchor,
      // the same household/grid: any open case is worth a look; elsewhere only close wording
      anchor ? undefined : sql`${similarity} > 0.3`,
    ))
    .orderBy(desc(similarity), desc(cases.receivedAt))
    .limit(5);
  const calendar = await countyCalendar(db, actor.countyId);
  return { items: hits.map((h) => ({ ...summaryView(flatten(h), now, soon, calendar), similarity: Math.round(Number(h.similarity) * 100) / 100 })) };
}
