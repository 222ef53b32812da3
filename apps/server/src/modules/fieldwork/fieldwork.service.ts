// Field work (F10, F11, F13; 篇二 3、4、7): 走访台账 with 四掌握 notes, the overdue must-visit list (六访), 值班台账,
// 两走遍 coverage, and activities (五会、四进、组团式/订单式上门服务).
//
// For the sync helper (POST /api/sync, issue 5 part 6) — these take a Db or a Tx and run their own
// (nested: savepoint) transaction, so a batch may call them inside its own:
//   createVisit(db, actor, CreateVisitInput)       → VisitView    (type 'visit'; input.id = the phone's UUIDv7)
//   createActivity(db, actor, CreateActivityInput) → ActivityView (type 'activity')
// Bad input throws AppError with every field problem named (422, codes 'visit.target', 'visit.future',
// 'file.badData', 'activity.attendee', 'visit.orgScope' …; a target outside the caller's area is a field problem,
// not a 403). An id already used by a record the caller can see throws 409 'visit.duplicate' (field `id`) — the sync
// helper checks its receipts first; this is the last line of defence. An id used by a record outside the caller's
// scope is not confirmed: the record is stored under a new id (platform/access/record-ids). Parse the payload with the contract schema
// (CreateVisitInput.safeParse / CreateActivityInput.safeParse) before calling: these trust its shape.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  FIELDWORK_LIMITS, VISIT_TAGS, VISIT_TAG_POLICY,
  type ActivityView, type CoverageView, type CreateActivityInput, type CreateDutyShiftInput, type CreateVisitInput, type DutyShiftView,
  type FileMeta, type FileUpload, type ListVisitsQuery, type OverdueVisits, type VisitList, type VisitView, type VisitTag,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { activities, dutyShifts, visits } from './fieldwork.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { households, residents } from '../grids/grids.tables.js';
import { members } from '../members/members.tables.js';
import { pairings } from '../bodies/bodies.tables.js';
import { cases } from '../cases/cases.tables.js';
import { users } from '../../platform/auth/auth.tables.js';
import { files } from '../../platform/files/files.tables.js';
import { CASE_ENTITY, inTransaction, insertCase, machineContext, registrationUnits, unitOf, type Unit } from '../cases/cases.service.js';
import { can, inScope, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { clientRecordId } from '../../platform/access/record-ids.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, notFound, problemsError, type FieldProblem } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { checkUpload, saveFile } from '../../platform/files/files.service.js';
import { shanghaiDay } from '../../platform/calendar/working-days.js';

export const VISIT_ENTITY = 'visit';
export const ACTIVITY_ENTITY = 'activity';
export const DUTY_ENTITY = 'dutyShift';
/** a phone's clock may run a little ahead: a visit up to this far in the future is still accepted */
const CLOCK_SKEW_MS = 5 * 60_000;

const DAY_START = (d: string) => sql`(${d}::date)::timestamp at time zone 'Asia/Shanghai'`;
const DAY_END = (d: string) => sql`(${d}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;

interface OrgRow { id: string; name: string; path: string; tier: 'county' | 'township' | 'village'; level: string }

async function orgById(db: DbOrTx, countyId: string, id: string): Promise<OrgRow | undefined> {
  const [o] = await db.select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier, level: orgs.level }).from(orgs)
    .where(and(eq(orgs.countyId, countyId), eq(orgs.id, id)));
  return o;
}

/** `?orgId=` of a list: the org's subtree (404 when outside the caller's scope); none → the caller's whole scope. */
async function subtree(db: DbOrTx, actor: Actor, orgId: string | undefined): Promise<OrgRow | null> {
  if (!orgId) return null;
  const o = await orgById(db, actor.countyId, orgId);
  if (!o || !inScope(actor, o.path)) throw notFound();
  return o;
}

/** A client-chosen id (sync): a resend of a visible record is 409; a foreign record's id is never confirmed. */
async function newRecordId(db: DbOrTx, actor: Actor, table: typeof visits | typeof activities, clientId: string | undefined): Promise<string> {
  const id = await clientRecordId(db, actor, table, clientId);
  if (id === 'resend') throw new AppError('visit.duplicate', 409, {}, { id: 'visit.duplicate' });
  return id;
}

function checkPhotos(photos: FileUpload[] | undefined, problems: FieldProblem[]): { upload: FileUpload; data: Buffer }[] {
  const out: { upload: FileUpload; data: Buffer }[] = [];
  (photos ?? []).forEach((upload, i) => {
    const r = checkUpload(upload, `photos.${i}`);
    if ('problem' in r) problems.push(r.problem);
    else out.push({ upload, data: r.data });
  });
  return out;
}

async function photosOf(db: DbOrTx, countyId: string, entity: string, ids: string[]): Promise<Map<string, FileMeta[]>> {
  const by = new Map<string, FileMeta[]>();
  if (ids.length === 0) return by;
  const rows = await db.select({ entityId: files.entityId, id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, createdAt: files.createdAt })
    .from(files).where(and(eq(files.countyId, countyId), eq(files.entity, entity), inArray(files.entityId, ids))).orderBy(asc(files.createdAt));
  for (const { entityId, createdAt, ...f } of rows) {
    by.set(entityId, [...(by.get(entityId) ?? []), { ...f, createdAt: createdAt.toISOString() }]);
  }
  return by;
}

// ---------------------------------------------------------------------------------------------------------
// Visits (走访台账)

async function visitViews(db: DbOrTx, countyId: string, where: SQL, page: { limit: number; offset: number } = { limit: 1, offset: 0 }): Promise<VisitView[]> {
  const rows = await db.select({
    v: visits, orgName: orgs.name, address: households.address, head: households.headName, caseNumber: cases.number,
  }).from(visits)
    .innerJoin(orgs, and(eq(orgs.countyId, visits.countyId), eq(orgs.id, visits.orgId)))
    .leftJoin(households, and(eq(households.countyId, visits.countyId), eq(households.id, visits.householdId)))
    .leftJoin(cases, and(eq(cases.countyId, visits.countyId), eq(cases.id, visits.caseId)))
    .where(where).orderBy(desc(visits.visitedAt), desc(visits.id)).limit(page.limit).offset(page.offset);
  const photos = await photosOf(db, countyId, VISIT_ENTITY, rows.map((r) => r.v.id));
  return rows.map(({ v, orgName, address, head, caseNumber }) => ({
    id: v.id, visitorId: v.visitorId, visitorName: v.visitorName, householdId: v.householdId, householdAddress: address, householdHead: head,
    groupOrgId: v.groupOrgId, orgId: v.orgId, orgName, visitedAt: v.visitedAt.toISOString(), purpose: v.purpose, notes: v.notes ?? {},
    followUp: v.followUp, caseId: v.caseId, caseNumber, photos: photos.get(v.id) ?? [], createdAt: v.createdAt.toISOString(),
  }));
}

export async function getVisit(db: DbOrTx, actor: Actor, id: string): Promise<VisitView> {
  const [v] = await visitViews(db, actor.countyId, and(eq(visits.countyId, actor.countyId), eq(visits.id, id), scopeFilter(actor, visits.orgPath))!);
  if (!v) throw notFound();
  return v;
}

export async function listVisits(db: Db, actor: Actor, q: ListVisitsQuery): Promise<VisitList> {
  const root = await subtree(db, actor, q.orgId);
  const where = and(
    eq(visits.countyId, actor.countyId), scopeFilter(actor, visits.orgPath),
    root ? sql`${visits.orgPath} <@ ${root.path}::ltree` : undefined,
    q.householdId ? eq(visits.householdId, q.householdId) : undefined,
    q.visitorId ? eq(visits.visitorId, q.visitorId) : undefined,
    q.from ? sql`${visits.visitedAt} >= ${DAY_START(q.from)}` : undefined,
    q.to ? sql`${visits.visitedAt} < ${DAY_END(q.to)}` : undefined,
  )!;
  const [items, [count]] = await Promise.all([
    visitViews(db, actor.countyId, where, { limit: q.limit ?? 50, offset: q.offset ?? 0 }),
    db.select({ n: sql<number>`count(*)::int` }).from(visits).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/**
 * Records a visit (the visitor is the caller). Exactly one target: a household of the caller's area, or a village
 * group (a party-group org) for 两走遍. `createCase` registers a service case (channel walkIn, 0 trips: the
 * cadre went to the resident) at the household's village in the same transaction.
 */
export async function createVisit(db: DbOrTx, actor: Actor, input: CreateVisitInput): Promise<VisitView> {
  const problems: FieldProblem[] = [];
  let target: { orgId: string; orgName: string; path: string; householdId: string | null; groupOrgId: string | null; address: string | null; head: string | null } | null = null;
  if (!!input.householdId === !!input.groupOrgId) {
    problems.push({ field: input.householdId ? 'groupOrgId' : 'householdId', code: 'visit.target' });
  } else if (input.householdId) {
    // the household with its address, head and org name: what the answer shows (no read after the write)
    const [h] = await db.select({
      orgId: households.orgId, path: sql<string>`${households.orgPath}::text`, archivedAt: households.archivedAt, address: households.address, head: households.headName,
      orgName: sql<string>`(select o.name from orgs o where o.county_id = ${actor.countyId} and o.id = ${households.orgId})`,
    }).from(households)
      .where(and(eq(households.countyId, actor.countyId), eq(households.id, input.householdId)));
    if (!h || h.archivedAt || !inScope(actor, h.path)) problems.push({ field: 'householdId', code: 'visit.target' });
    else target = { orgId: h.orgId, orgName: h.orgName, path: h.path, householdId: input.householdId, groupOrgId: null, address: h.address, head: h.head };
  } else {
    const g = await orgById(db, actor.countyId, input.groupOrgId!);
    if (!g || g.level !== 'group' || !inScope(actor, g.path)) problems.push({ field: 'groupOrgId', code: 'visit.target' });
    else target = { orgId: g.id, orgName: g.name, path: g.path, householdId: null, groupOrgId: g.id, address: null, head: null };
  }
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt.getTime() > Date.now() + CLOCK_SKEW_MS) problems.push({ field: 'visitedAt', code: 'visit.future' });
  const photos = checkPhotos(input.photos, problems);
  if (problems.length > 0 || !target) throw problemsError(problems);
  const id = await newRecordId(db, actor, visits, input.id);

  let caseReg: { origin: Unit; owner: Unit; ctx: Awaited<ReturnType<typeof machineContext>> } | null = null;
  if (input.createCase) {
    // the village (else township) and the holder from one read of the ancestors
    const units = await registrationUnits(db, actor.countyId, target.path);
    if (!units) throw problemsError([{ field: 'createCase', code: 'case.orgTier' }]);
    caseReg = { ...units, ctx: await machineContext(db, actor.countyId, null, Date.now()) };
  }
  const t = target;
  const createdAt = new Date();
  // one transaction: its own, or the sync's record transaction (no savepoint)
  const { caseId, caseNumber, saved } = await inTransaction(db, async (tx) => {
    let caseId: string | null = null;
    let caseNumber: string | null = null;
    // the photos first (no foreign key); the case (the county's counter), the visit and the audit entries last, so
    // the county-serialised part of the transaction is short
    const saved: FileMeta[] = [];
    for (const p of photos) saved.push(await saveFile(tx, actor.countyId, { entity: VISIT_ENTITY, entityId: id }, p.upload, p.data, actor.userId));
    let caseAudit: Parameters<typeof appendAudit>[1] | null = null;
    if (input.createCase && caseReg) {
      const row = await insertCase(tx, {
        countyId: actor.countyId, responder: { id: actor.userId, name: actor.displayName }, origin: caseReg.origin, owner: caseReg.owner,
        input: { ...input.createCase, channel: 'walkIn', trips: 0, householdId: t.householdId ?? undefined }, files: [],
      }, caseReg.ctx);
      caseId = row.id;
      caseNumber = row.number;
      caseAudit = byActor(actor, { action: 'case.create', entity: CASE_ENTITY, entityId: row.id, orgPath: row.orgPath, detail: { number: row.number, title: row.title, channel: row.channel, category: row.category, visitId: id } });
    }
    await tx.insert(visits).values({
      countyId: actor.countyId, id, visitorId: actor.userId, visitorName: actor.displayName, householdId: t.householdId, groupOrgId: t.groupOrgId,
      orgId: t.orgId, orgPath: t.path, visitedAt, purpose: input.purpose, notes: input.notes ?? {}, followUp: input.followUp ?? null, caseId, createdAt,
    });
    if (caseAudit) await appendAudit(tx, caseAudit);
    await appendAudit(tx, byActor(actor, {
      action: 'visit.create', entity: VISIT_ENTITY, entityId: id, orgPath: t.path,
      detail: { householdId: t.householdId, groupOrgId: t.groupOrgId, visitedAt: visitedAt.toISOString(), purpose: input.purpose, caseId, photos: photos.length },
    }));
    return { caseId, caseNumber, saved };
  });
  // the answer from the rows in hand (getVisit's view, without reading it back)
  return {
    id, visitorId: actor.userId, visitorName: actor.displayName, householdId: t.householdId, householdAddress: t.address, householdHead: t.head,
    groupOrgId: t.groupOrgId, orgId: t.orgId, orgName: t.orgName, visitedAt: visitedAt.toISOString(), purpose: input.purpose, notes: input.notes ?? {},
    followUp: input.followUp ?? null, caseId, caseNumber, photos: saved, createdAt: createdAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Overdue must-visit households (六访, F11)

/** Interval (days) of each 六访 tag, from the county's policy. */
export async function visitIntervals(db: DbOrTx, countyId: string): Promise<Record<VisitTag, number>> {
  const values = await Promise.all(VISIT_TAGS.map((tag) => policyValue(db, countyId, VISIT_TAG_POLICY[tag])));
  return Object.fromEntries(VISIT_TAGS.map((tag, i) => [tag, values[i]!])) as Record<VisitTag, number>;
}

/**
 * Households with any visit tag whose last visit is older than their interval (the smallest among their tags),
 * never-visited first, then most overdue. One statement: the last visit per household comes from a lateral
 * max(visited_at) that reads only `visits_household_idx`. Measured on PGlite, 120,000 households (≈ 39,000
 * tagged, ≈ 144,000 visits), whole county: median ≈ 0.4 s for the answer (2,000 rows + per-grid counts).
 */
/** the `overdue` CTE of 必访: households with a must-visit tag whose last visit is older than the tag's interval */
function overdueCte(actor: Actor, root: OrgRow | null, gridId: string | undefined, intervals: Record<VisitTag, number>): SQL {
  const interval = sql`least(${sql.join(VISIT_TAGS.map((tag) => sql`case when ${tag}::text = any(h.visit_tags) then ${intervals[tag]}::int end`), sql`, `)})`;
  return sql`
    with due as (
      select h.id, h.org_id, h.org_path, h.grid_id, h.address, h.head_name, h.visit_tags, ${interval} as interval_days, lv.last_at,
             floor(extract(epoch from (now() - lv.last_at)) / 86400)::int as days_since
        from households h
        left join lateral (
          select max(v.visited_at) as last_at from visits v where v.county_id = ${actor.countyId}::uuid and v.county_id = h.county_id and v.household_id = h.id
        ) lv on true
       where h.county_id = ${actor.countyId}::uuid and h.archived_at is null and cardinality(h.visit_tags) > 0
         and ${scopeFilter(actor, sql`h.org_path`)}
         ${root ? sql`and h.org_path <@ ${root.path}::ltree` : sql``}
         ${gridId ? sql`and h.grid_id = ${gridId}::uuid` : sql``}
    ), overdue as (
      select * from due where last_at is null or last_at < now() - make_interval(days => interval_days)
    )`;
}

/**
 * 必访's overdue count per child of `parentId` (a township's villages, the county's townships): the list's own
 * rule in one grouped statement, for the dashboards' per-unit charts. Households of the parent itself count under
 * `self`; the counts add up to the list's total.
 */
export async function countOverdueVisitsByChild(db: Db, actor: Actor, parentId: string): Promise<{ byChild: Map<string, number>; total: number }> {
  const root = await subtree(db, actor, parentId);
  if (!root) throw notFound();
  const intervals = await visitIntervals(db, actor.countyId);
  const rows = rowsOf<{ childId: string | null; n: number }>(await db.execute(sql`${overdueCte(actor, root, undefined, intervals)}
    , per_child as (
      -- counted per child path first, then joined to the few child orgs (joined per household at city scale, the
      -- orgs lookup was 140 of the statement's 240 ms)
      select case when nlevel(d.org_path) > nlevel(${root.path}::ltree) then subpath(d.org_path, 0, nlevel(${root.path}::ltree) + 1) end as child_path,
             count(*)::int as n
        from overdue d
       group by 1
    )
    select c.id as "childId", sum(k.n)::int as n
      from per_child k
      left join orgs c on c.county_id = ${actor.countyId}::uuid and c.path = k.child_path
     group by c.id`));
  const byChild = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    byChild.set(r.childId ?? 'self', (byChild.get(r.childId ?? 'self') ?? 0) + r.n);
  }
  return { byChild, total };
}

export async function overdueVisits(db: Db, actor: Actor, q: { orgId?: string; gridId?: string }): Promise<OverdueVisits> {
  const root = await subtree(db, actor, q.orgId);
  const intervals = await visitIntervals(db, actor.countyId);
  const due = overdueCte(actor, root, q.gridId, intervals);
  type Row = { householdId: string; orgId: string; orgName: string; gridId: string | null; gridName: string | null; address: string; headName: string; tags: string[]; intervalDays: number; lastVisitAt: string | null; daysSinceLastVisit: number | null };
  // one statement: `overdue` is referenced twice, so PostgreSQL materializes it once for both answers
  const [res] = rowsOf<{ items: Row[] | null; grids: OverdueVisits['grids'] | null }>(await db.execute(sql`${due}
    select
      (select json_agg(x) from (
        select d.id as "householdId", d.org_id as "orgId", o.name as "orgName", d.grid_id as "gridId", g.name as "gridName", d.address,
               d.head_name as "headName", d.visit_tags as tags, d.interval_days as "intervalDays", d.last_at as "lastVisitAt", d.days_since as "daysSinceLastVisit"
          from overdue d
          join orgs o on o.county_id = ${actor.countyId}::uuid and o.id = d.org_id
          left join grids g on g.county_id = ${actor.countyId}::uuid and g.id = d.grid_id
         order by d.last_at is not null, d.days_since - d.interval_days desc, d.address
         limit ${FIELDWORK_LIMITS.overdueMax}) x) as items,
      (select json_agg(y) from (
        select d.grid_id as "gridId", g.name as "gridName", o.name as "orgName", count(*)::int as overdue, count(*) filter (where d.last_at is null)::int as "neverVisited"
          from overdue d
          join orgs o on o.county_id = ${actor.countyId}::uuid and o.id = d.org_id
          left join grids g on g.county_id = ${actor.countyId}::uuid and g.id = d.grid_id
         group by d.grid_id, g.name, o.name
         order by count(*) desc, o.name, g.name) y) as grids`));
  const grids = res?.grids ?? [];
  return {
    asOf: new Date().toISOString(),
    intervals,
    total: grids.reduce((s, g) => s + g.overdue, 0),
    grids,
    items: (res?.items ?? []).map((r) => {
      const since = r.daysSinceLastVisit === null ? null : Number(r.daysSinceLastVisit);
      return {
        ...r,
        tags: r.tags.filter((x): x is VisitTag => (VISIT_TAGS as readonly string[]).includes(x)),
        intervalDays: Number(r.intervalDays),
        lastVisitAt: r.lastVisitAt === null ? null : new Date(r.lastVisitAt).toISOString(),
        daysSinceLastVisit: since,
        daysOverdue: since === null ? null : since - Number(r.intervalDays),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Duty shifts (值班台账)

async function dutyViews(db: DbOrTx, where: SQL): Promise<DutyShiftView[]> {
  const rows = await db.select({ d: dutyShifts, orgName: orgs.name }).from(dutyShifts)
    .innerJoin(orgs, and(eq(orgs.countyId, dutyShifts.countyId), eq(orgs.id, dutyShifts.orgId)))
    .where(where).orderBy(desc(dutyShifts.startsAt)).limit(1000);
  return rows.map(({ d, orgName }) => ({
    id: d.id, orgId: d.orgId, orgName, userId: d.userId, personName: d.personName, startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString(),
    handled: d.handled, createdAt: d.createdAt.toISOString(),
  }));
}

export async function listDutyShifts(db: Db, actor: Actor, q: { orgId?: string; from?: string; to?: string }): Promise<{ items: DutyShiftView[] }> {
  const root = await subtree(db, actor, q.orgId);
  return {
    items: await dutyViews(db, and(
      eq(dutyShifts.countyId, actor.countyId), scopeFilter(actor, dutyShifts.orgPath),
      root ? sql`${dutyShifts.orgPath} <@ ${root.path}::ltree` : undefined,
      q.from ? sql`${dutyShifts.endsAt} >= ${DAY_START(q.from)}` : undefined,
      q.to ? sql`${dutyShifts.startsAt} < ${DAY_END(q.to)}` : undefined,
    )!),
  };
}

/** A shift at the village service room or the township hall (the unit of the org given, or of the caller's). */
export async function createDutyShift(db: Db, actor: Actor, input: CreateDutyShiftInput): Promise<DutyShiftView> {
  const problems: FieldProblem[] = [];
  const orgId = input.orgId ?? actor.orgId;
  const o = orgId ? await orgById(db, actor.countyId, orgId) : undefined;
  const unit = o && o.tier !== 'county' && inScope(actor, o.path) ? await unitOf(db, actor.countyId, o.path, o.tier) : null;
  if (!unit || !inScope(actor, unit.path)) problems.push({ field: 'orgId', code: 'duty.org' });
  let personName = input.personName ?? null;
  if (input.userId) {
    // an account outside the caller's scope is answered like an unknown one: its name is not the caller's to learn
    const [u] = await db.select({ name: users.displayName, path: sql<string | null>`${users.orgPath}::text` }).from(users)
      .where(and(eq(users.countyId, actor.countyId), eq(users.id, input.userId)));
    if (!u || !inScope(actor, u.path)) problems.push({ field: 'userId', code: 'duty.person' });
    else personName ??= u.name;
  } else if (!personName) problems.push({ field: 'personName', code: 'duty.person' });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) problems.push({ field: 'endsAt', code: 'duty.range' });
  if (problems.length > 0 || !unit) throw problemsError(problems);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(dutyShifts).values({
      countyId: actor.countyId, id, orgId: unit.id, orgPath: unit.path, userId: input.userId ?? null, personName: personName!, startsAt, endsAt,
      handled: input.handled ?? null, createdBy: actor.userId,
    });
    await appendAudit(tx, byActor(actor, { action: 'duty.create', entity: DUTY_ENTITY, entityId: id, orgPath: unit.path, detail: { personName, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } }));
  });
  return (await dutyViews(db, and(eq(dutyShifts.countyId, actor.countyId), eq(dutyShifts.id, id))!))[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// Coverage (两走遍, 篇二 3)

/**
 * Per org unit: village groups and households visited by anyone this year. Per person — measured per account
 * (visits.visitor_id), because members' posts are not linked to accounts: a township account (townshipAdmin bound
 * to a township org) must visit every village group (party group) of the township; a village account (villageCadre
 * or gridWorker bound to a village org) every household of its village.
 *
 * Scope: the same as the record routes. Every count and every listed group or household is cut to the caller's
 * scope (a grid worker bound to a party group sees its grids' households, not the village's), and other accounts'
 * rows need the right to read accounts (`user.read`) or the audit log (`audit.read`, the evaluator's), which names
 * them anyway; without it the caller sees their own row only.
 */
export async function coverage(db: Db, actor: Actor, q: { orgId?: string; year?: number }): Promise<CoverageView> {
  const root = (await subtree(db, actor, q.orgId ?? actor.orgId ?? undefined)) ?? null;
  if (!root) throw notFound();
  const year = q.year ?? Number(shanghaiDay(new Date()).slice(0, 4));
  const from = DAY_START(`${year}-01-01`);
  const to = DAY_START(`${year + 1}-01-01`);
  const c = actor.countyId;
  const seen = (column: SQL) => scopeFilter(actor, column);
  const others = can(actor, 'user.read') || can(actor, 'audit.read');
  // units = the top org of each township / village (its parent is of a higher tier)
  const orgRes = await db.execute(sql`
    select u.id as "orgId", u.name as "orgName", u.tier,
      (select count(*) from orgs g where g.county_id = ${c}::uuid and g.county_id = u.county_id and g.path <@ u.path and g.level = 'group' and g.archived_at is null and ${seen(sql`g.path`)})::int as groups,
      (select count(distinct v.group_org_id) from visits v where v.county_id = ${c}::uuid and v.county_id = u.county_id and v.org_path <@ u.path and v.group_org_id is not null
          and v.visited_at >= ${from} and v.visited_at < ${to} and ${seen(sql`v.org_path`)})::int as "groupsVisited",
      (select count(*) from households h where h.county_id = ${c}::uuid and h.county_id = u.county_id and h.org_path <@ u.path and h.archived_at is null and ${seen(sql`h.org_path`)})::int as households,
      (select count(distinct v.household_id) from visits v where v.county_id = ${c}::uuid and v.county_id = u.county_id and v.org_path <@ u.path and v.household_id is not null
          and v.visited_at >= ${from} and v.visited_at < ${to} and ${seen(sql`v.org_path`)})::int as "householdsVisited"
      from orgs u
      left join orgs p on p.county_id = u.county_id and p.id = u.parent_id
     where u.county_id = ${c}::uuid and u.path <@ ${root.path}::ltree and u.tier in ('township', 'village') and u.archived_at is null
       and (p.id is null or p.tier <> u.tier) and ${seen(sql`u.path`)}
     order by u.path`);
  const people = rowsOf<{ userId: string; name: string; role: string; orgId: string; orgName: string; tier: string; path: string }>(await db.execute(sql`
    select u.id as "userId", u.display_name as name, u.role, o.id as "orgId", o.name as "orgName", o.tier, o.path::text as path
      from users u join orgs o on o.county_id = u.county_id and o.id = u.org_id
     where u.county_id = ${c}::uuid and not u.disabled and u.org_path <@ ${root.path}::ltree and ${seen(sql`u.org_path`)}
       and ((u.role = 'townshipAdmin' and o.tier = 'township') or (u.role in ('villageCadre', 'gridWorker') and o.tier = 'village'))
       ${others ? sql`` : sql`and u.id = ${actor.userId}::uuid`}
     order by o.path, u.display_name`));
  const out: CoverageView['people'] = [];
  for (const p of people) {
    const target = p.tier === 'township' ? 'villageGroups' : 'households';
    const unit = await unitOf(db, c, p.path, p.tier as 'township' | 'village');
    if (!unit) continue;
    const res = target === 'villageGroups'
      ? await db.execute(sql`
          select g.id, g.name, exists (select 1 from visits v where v.county_id = ${c}::uuid and v.county_id = g.county_id and v.group_org_id = g.id and v.visitor_id = ${p.userId}::uuid
                   and v.visited_at >= ${from} and v.visited_at < ${to}) as done
            from orgs g where g.county_id = ${c}::uuid and g.path <@ ${unit.path}::ltree and g.level = 'group' and g.archived_at is null and ${seen(sql`g.path`)}
           order by g.path`)
      : await db.execute(sql`
          select h.id, h.address as name, exists (select 1 from visits v where v.county_id = ${c}::uuid and v.county_id = h.county_id and v.household_id = h.id and v.visitor_id = ${p.userId}::uuid
                   and v.visited_at >= ${from} and v.visited_at < ${to}) as done
            from households h where h.county_id = ${c}::uuid and h.org_path <@ ${unit.path}::ltree and h.archived_at is null and ${seen(sql`h.org_path`)}
           order by h.address`);
    const rows = rowsOf<{ id: string; name: string; done: boolean }>(res);
    const visited = rows.filter((r) => r.done).length;
    out.push({
      userId: p.userId, name: p.name, role: p.role, orgId: p.orgId, orgName: p.orgName, target, visited, total: rows.length,
      rate: rows.length ? Math.round((visited / rows.length) * 1000) / 1000 : null,
      missing: rows.filter((r) => !r.done).slice(0, FIELDWORK_LIMITS.missingMax).map((r) => ({ id: r.id, name: r.name })),
    });
  }
  return { year, orgId: root.id, orgName: root.name, orgs: rowsOf<CoverageView['orgs'][number]>(orgRes), people: out };
}

// ---------------------------------------------------------------------------------------------------------
// Activities (五会、四进、组团式/订单式上门服务)

async function activityViews(db: DbOrTx, countyId: string, where: SQL, limit = 1000): Promise<ActivityView[]> {
  const rows = await db.select({ a: activities, orgName: orgs.name, organizerMemberName: members.name, pairingPartnerName: pairings.partnerName }).from(activities)
    .innerJoin(orgs, and(eq(orgs.countyId, activities.countyId), eq(orgs.id, activities.orgId)))
    .leftJoin(members, and(eq(members.countyId, countyId), eq(members.id, activities.organizerMemberId)))
    .leftJoin(pairings, and(eq(pairings.countyId, countyId), eq(pairings.id, activities.pairingId)))
    .where(where).orderBy(asc(activities.heldOn)).limit(limit);
  const photos = await photosOf(db, countyId, ACTIVITY_ENTITY, rows.map((r) => r.a.id));
  return rows.map(({ a, orgName, organizerMemberName, pairingPartnerName }) => ({
    id: a.id, orgId: a.orgId, orgName, kind: a.kind as ActivityView['kind'], title: a.title, heldOn: a.heldOn.toISOString(), place: a.place,
    organizer: a.organizer, organizerMemberId: a.organizerMemberId, organizerMemberName, pairingId: a.pairingId, pairingPartnerName, memberIds: a.memberIds, residentIds: a.residentIds, otherAttendees: a.otherAttendees,
    attendance: a.memberIds.length + a.residentIds.length + a.otherAttendees, minutes: a.minutes, photos: photos.get(a.id) ?? [],
    createdAt: a.createdAt.toISOString(),
  }));
}

export async function getActivity(db: DbOrTx, actor: Actor, id: string): Promise<ActivityView> {
  const [a] = await activityViews(db, actor.countyId, and(eq(activities.countyId, actor.countyId), eq(activities.id, id), scopeFilter(actor, activities.orgPath))!);
  if (!a) throw notFound();
  return a;
}

export async function listActivities(db: Db, actor: Actor, q: { orgId?: string; from?: string; to?: string; kind?: string; organizerMemberId?: string; pairingId?: string }): Promise<{ items: ActivityView[] }> {
  const root = await subtree(db, actor, q.orgId);
  return {
    items: await activityViews(db, actor.countyId, and(
      eq(activities.countyId, actor.countyId), scopeFilter(actor, activities.orgPath),
      root ? sql`${activities.orgPath} <@ ${root.path}::ltree` : undefined,
      q.kind ? eq(activities.kind, q.kind) : undefined,
      q.organizerMemberId ? eq(activities.organizerMemberId, q.organizerMemberId) : undefined,
      q.pairingId ? eq(activities.pairingId, q.pairingId) : undefined,
      q.from ? sql`${activities.heldOn} >= ${DAY_START(q.from)}` : undefined,
      q.to ? sql`${activities.heldOn} < ${DAY_END(q.to)}` : undefined,
    )!),
  };
}

/** Records an activity of an org in the caller's area; attendees (members, residents) must be in that area too. */
export async function createActivity(db: DbOrTx, actor: Actor, input: CreateActivityInput): Promise<ActivityView> {
  const problems: FieldProblem[] = [];
  const orgId = input.orgId ?? actor.orgId;
  const o = orgId ? await orgById(db, actor.countyId, orgId) : undefined;
  if (!o || !inScope(actor, o.path)) problems.push({ field: 'orgId', code: 'visit.orgScope' });
  const memberIds = [...new Set(input.memberIds ?? [])];
  const residentIds = [...new Set(input.residentIds ?? [])];
  if (memberIds.length) {
    const found = await db.select({ path: sql<string>`${members.orgPath}::text` }).from(members).where(and(eq(members.countyId, actor.countyId), inArray(members.id, memberIds)));
    if (found.length !== memberIds.length || found.some((m) => !inScope(actor, m.path))) problems.push({ field: 'memberIds', code: 'activity.attendee' });
  }
  if (residentIds.length) {
    const found = await db.select({ path: sql<string>`${residents.orgPath}::text` }).from(residents).where(and(eq(residents.countyId, actor.countyId), inArray(residents.id, residentIds)));
    if (found.length !== residentIds.length || found.some((r) => !inScope(actor, r.path))) problems.push({ field: 'residentIds', code: 'activity.attendee' });
  }
  if (input.organizerMemberId) {
    // 篇二 7、8: the central household or the secretary who organized or gave it — a current member of the caller's area
    const [m] = await db.select({ path: sql<string>`${members.orgPath}::text`, archivedAt: members.archivedAt }).from(members)
      .where(and(eq(members.countyId, actor.countyId), eq(members.id, input.organizerMemberId)));
    if (!m || m.archivedAt || !inScope(actor, m.path)) problems.push({ field: 'organizerMemberId', code: 'activity.organizer' });
  }
  if (input.pairingId) {
    // 篇二 7: a pairing unit's volunteer team at its paired village — a pairing of the activity's village, active that day
    const [p] = await db.select({ path: sql<string>`${pairings.orgPath}::text`, startedOn: pairings.startedOn, endedOn: pairings.endedOn }).from(pairings)
      .where(and(eq(pairings.countyId, actor.countyId), eq(pairings.id, input.pairingId)));
    const day = shanghaiDay(new Date(input.heldOn));
    if (!p || !o || !isWithin(o.path, p.path) || p.startedOn > day || (p.endedOn !== null && p.endedOn < day)) problems.push({ field: 'pairingId', code: 'activity.pairing' });
  }
  const photos = checkPhotos(input.photos, problems);
  if (problems.length > 0 || !o) throw problemsError(problems);
  const id = await newRecordId(db, actor, activities, input.id);
  await db.transaction(async (tx) => {
    await tx.insert(activities).values({
      countyId: actor.countyId, id, orgId: o.id, orgPath: o.path, kind: input.kind, title: input.title, heldOn: new Date(input.heldOn), place: input.place,
      organizer: input.organizer, organizerMemberId: input.organizerMemberId ?? null, pairingId: input.pairingId ?? null, memberIds, residentIds, otherAttendees: input.otherAttendees ?? 0, minutes: input.minutes ?? null, createdBy: actor.userId,
    });
    for (const p of photos) await saveFile(tx, actor.countyId, { entity: ACTIVITY_ENTITY, entityId: id }, p.upload, p.data, actor.userId);
    await appendAudit(tx, byActor(actor, {
      action: 'activity.create', entity: ACTIVITY_ENTITY, entityId: id, orgPath: o.path,
      detail: { kind: input.kind, title: input.title, heldOn: input.heldOn, organizerMemberId: input.organizerMemberId ?? null, pairingId: input.pairingId ?? null, attendance: memberIds.length + residentIds.length + (input.otherAttendees ?? 0) },
    }));
  });
  return getActivity(db, actor, id);
}
