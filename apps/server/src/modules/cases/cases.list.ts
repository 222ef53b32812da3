// 办件 lists (F7): the ledger's filters and search (listWhere), its page, the per-grid and per-child counts the
// work map and dashboards draw from the same filter, and the duplicate hint of the registration form.
import { and, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { CASE_TABS, CASE_TAB_QUERY, type CaseTab } from '@jiceng/contract/constants';
import type { CaseList, CaseTabCounts, ListCasesQuery } from '@jiceng/contract';
import type { Db, DbOrTx } from '../../db/client.js';
import { cases } from './cases.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { inScope, isCountyWide, type Actor } from '../../platform/access/access.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { caseVisibility, dueSoonMs, flatten, overdueSql, summarySelect, summaryView, type CaseRow } from './cases.service.js';

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
    q.holderDepartmentId ? eq(cases.ownerDepartmentId, q.holderDepartmentId) : undefined,
    q.from ? sql`${cases.receivedAt} >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'` : undefined,
    q.to ? sql`${cases.receivedAt} < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'` : undefined,
    q.q ? searchSql(q.q) : undefined,
    q.escalated ? sql`${cases.escalation} > 0 and ${open}` : undefined,
  )!;
}

/**
 * The ledger's search box: words of the title or description; the 办件编号 by its start (2026-00) or its tail
 * (002252, 2252); the 查询码; the requester's name; the requester's phone, only whole (digits compared, so 138 1234
 * 5678 finds 13812345678) — a partial number finds nobody, and the list never shows the phone.
 */
export function searchSql(raw: string): SQL {
  const text = raw.trim();
  const like = text.replace(/[%_\\]/g, '');
  const digits = text.replace(/[\s-]/g, '');
  const parts: SQL[] = [
    sql`${cases.title} ilike ${`%${like}%`}`, sql`${cases.description} ilike ${`%${like}%`}`,
    sql`${cases.number} like ${`${like}%`}`, eq(cases.trackingCode, text.toUpperCase()), sql`${cases.requesterName} = ${text}`,
  ];
  if (/^\d{3,}$/.test(digits)) parts.push(sql`${cases.number} like ${`%-%${digits}`}`);
  if (/^\d{7,}$/.test(digits)) parts.push(sql`regexp_replace(${cases.requesterPhone}, '[^0-9]', '', 'g') = ${digits}`);
  return or(...parts)!;
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
 * The list's totals for several filters in one statement (the dashboards' cards: each equals its list's `total`),
 * and, with `parentId`, per child org of it: a case counts for a child when the list filtered on that child
 * (?orgId=) would show it (its org or its holder in the child's subtree) — one scan instead of a list per figure.
 */
export async function countCasesEach(db: Db, actor: Actor, qs: ListCasesQuery[]): Promise<number[]>;
export async function countCasesEach(db: Db, actor: Actor, qs: ListCasesQuery[], parentId: string): Promise<Map<string, number>[]>;
export async function countCasesEach(db: Db, actor: Actor, qs: ListCasesQuery[], parentId?: string): Promise<number[] | Map<string, number>[]> {
  if (qs.length === 0) return [];
  const now = new Date();
  const soon = new Date(now.getTime() + (await dueSoonMs(db, actor.countyId)));
  const wheres = await Promise.all(qs.map(async (q) => listWhere(actor, q, now, soon, await subtreePath(db, actor, q.orgId))));
  const counts = Object.fromEntries(wheres.map((w, i) => [`n${i}`, sql<number>`(count(*) filter (where ${w}))::int`]));
  if (parentId === undefined) {
    const [row] = await db.select(counts).from(cases).where(and(eq(cases.countyId, actor.countyId), or(...wheres)));
    return wheres.map((_, i) => Number((row as Record<string, unknown> | undefined)?.[`n${i}`] ?? 0));
  }
  const rows = await db.select({ orgId: orgs.id, ...counts }).from(cases)
    .innerJoin(orgs, and(eq(orgs.countyId, actor.countyId), eq(orgs.countyId, cases.countyId), eq(orgs.parentId, parentId),
      sql`(${cases.orgPath} <@ ${orgs.path} or ${cases.ownerPath} <@ ${orgs.path})`))
    .where(or(...wheres)).groupBy(orgs.id);
  return wheres.map((_, i) => new Map(rows.map((r) => [r.orgId, Number((r as Record<string, unknown>)[`n${i}`])])));
}

/**
 * The list's totals for several filters per county department holding the cases now (the county's per-unit
 * chart): the count for department d equals the list's total with ?holderDepartmentId=d added, which only ANDs
 * `owner_department_id = d` — so one grouped scan gives every department's figures.
 */
export async function countCasesByHolderDepartment(db: Db, actor: Actor, qs: ListCasesQuery[]): Promise<Map<string, number>[]> {
  if (qs.length === 0) return [];
  const now = new Date();
  const soon = new Date(now.getTime() + (await dueSoonMs(db, actor.countyId)));
  const wheres = await Promise.all(qs.map(async (q) => listWhere(actor, { ...q, holderDepartmentId: undefined }, now, soon, await subtreePath(db, actor, q.orgId))));
  const counts = Object.fromEntries(wheres.map((w, i) => [`n${i}`, sql<number>`(count(*) filter (where ${w}))::int`]));
  const rows = await db.select({ departmentId: cases.ownerDepartmentId, ...counts }).from(cases)
    .where(and(eq(cases.countyId, actor.countyId), sql`${cases.ownerDepartmentId} is not null`, or(...wheres)))
    .groupBy(cases.ownerDepartmentId);
  return wheres.map((_, i) => new Map(rows.map((r) => [r.departmentId!, Number((r as Record<string, unknown>)[`n${i}`])])));
}

/**
 * The ledger's tab badges (each its list's total, in one statement) and the tab it opens on: the caller's own
 * queue when it holds something, else what needs attention (overdue, then due soon), else everything. The county
 * holds nothing itself: it opens on 已超期, or 全部 when nothing is overdue.
 */
export async function countCaseTabs(db: Db, actor: Actor): Promise<CaseTabCounts> {
  const n = await countCasesEach(db, actor, CASE_TABS.map((k) => CASE_TAB_QUERY[k] as ListCasesQuery));
  const counts = Object.fromEntries(CASE_TABS.map((k, i) => [k, n[i] ?? 0])) as CaseTabCounts['counts'];
  const order: CaseTab[] = isCountyWide(actor) ? ['overdue'] : ['mine', 'overdue', 'dueSoon', 'waiting'];
  return { counts, opening: order.find((k) => counts[k] > 0) ?? 'all' };
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

/**
 * summarySelect without the columns no list row shows (the description, the reply, the phone, paths, arrays…):
 * a PGlite row of all 50 columns costs ≈ 0.18 ms to read, most of the export's time. The view is still
 * summaryView's — the columns left out are ones it does not read (the export test compares the file with the list).
 */
const { description: _d, reply: _r, ratingComment: _rc, requesterPhone: _p, address: _a, lat: _lat, lon: _lon, departmentIds: _di, orgPath: _op,
  ownerPath: _ow, raterPath: _rp, materialsReceived: _m, trackingCode: _tc, ...LIST_COLUMNS } = getTableColumns(cases);
const exportSelect = (db: DbOrTx) =>
  db.select({
    c: LIST_COLUMNS,
    orgName: sql<string>`o.name`, ownerOrgName: sql<string | null>`oo.name`, ownerDepartmentName: sql<string | null>`d.name`,
    itemName: sql<string | null>`si.name`, firstResponderName: sql<string | null>`u.display_name`,
  })
    .from(cases)
    .innerJoin(sql`orgs o`, sql`o.county_id = ${cases.countyId} and o.id = ${cases.orgId}`)
    .leftJoin(sql`orgs oo`, sql`oo.county_id = ${cases.countyId} and oo.id = ${cases.ownerOrgId}`)
    .leftJoin(sql`departments d`, sql`d.county_id = ${cases.countyId} and d.id = ${cases.ownerDepartmentId}`)
    .leftJoin(sql`service_items si`, sql`si.county_id = ${cases.countyId} and si.id = ${cases.itemId}`)
    .leftJoin(sql`users u`, sql`u.county_id = ${cases.countyId} and u.id = ${cases.firstResponderId}`);

/**
 * The list's rows for an export, every page of it: the same filter, order and view as listCases. The matching ids
 * are read once in the list's order (one sort; ≈ 6 MB for 100,000 cases — the count is their number), then the
 * rows `batch` at a time by primary key — a 100,000-case ledger never sits in memory, and no batch re-sorts the
 * rest of the table (a keyset over received_at without an index on (received_at, id) did). A case changed while
 * the file is written is exported as it is then.
 */
export async function listCasesBatches(db: Db, actor: Actor, q: ListCasesQuery, batch = 1000): Promise<{ total: number; batches: AsyncGenerator<CaseList['items']> }> {
  const now = new Date();
  const soon = await dueSoonMs(db, actor.countyId);
  const where = listWhere(actor, q, now, new Date(now.getTime() + soon), await subtreePath(db, actor, q.orgId));
  const ids = (await db.select({ id: cases.id }).from(cases).where(where).orderBy(desc(cases.receivedAt), desc(cases.id))).map((r) => r.id);
  const calendar = await countyCalendar(db, actor.countyId);
  async function* batches() {
    for (let i = 0; i < ids.length; i += batch) {
      const chunk = ids.slice(i, i + batch);
      const rows = await exportSelect(db).where(and(eq(cases.countyId, actor.countyId), inArray(cases.id, chunk)));
      const byId = new Map(rows.map((r) => [r.c.id, r]));
      yield chunk.flatMap((id) => {
        const r = byId.get(id);
        return r ? [summaryView(flatten({ ...r, c: r.c as CaseRow }), now.getTime(), soon, calendar)] : [];
      });
    }
  }
  return { total: ids.length, batches: batches() };
}
