// 办件 (F7): registration by the first responder, handling, forwarding up the tiers, answers, ratings — each
// step one transaction that updates the case, appends its timeline and the audit log. The rules of which step
// may follow which live in cases.machine.ts; this module persists them and decides who may act.
import { randomInt } from 'node:crypto';
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import {
  CASE_OPEN_STATES, maskPhone, type AcceptCaseInput, type CaseActionName, type IntakeDates, type PromiseChange, type CaseCategory, type CaseChannel, type CaseDetail,
  type CaseEventKind, type CaseEventView, type CaseMode, type CaseState, type CaseSummary, type CreateCaseInput,
  type FieldReportKind, type FileUpload, type ForwardCaseInput, type ForwardTargets, type OrgTier, type RateInput,
  type ReplyCaseInput, type AccountabilityView, type FileMeta, type ServiceItemView,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx, type Tx } from '../../db/client.js';
import { accountabilityRecords, caseCounters, caseEvents, cases, trackingCodes } from './cases.tables.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { grids, households, residents } from '../grids/grids.tables.js';
import { itemTerms } from '../catalog/catalog.service.js';
import { can, inScope, isCountyWide, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, notFound, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import {
  addWorkdays, dueAt as workdayDue, endOfShanghaiDay, shanghaiDay, spansProvisional, workdaysBetween, type CalendarInput, type CountyCalendar,
} from '../../platform/calendar/working-days.js';
import { checkUpload, decodeUpload, saveFile } from '../../platform/files/files.service.js';
import { keyedHash } from '../../platform/crypto/crypto.js';
import { accountabilityViews } from './cases.accountability.js';
import { ALLOWED, applyCaseAction, newCase, promiseBroken, type CaseAction, type CaseSnapshot, type MachineContext, type Owner, type Tier } from './cases.machine.js';

export type CaseRow = typeof cases.$inferSelect;
export const CASE_ENTITY = 'serviceCase';

// ---------------------------------------------------------------------------------------------------------
// Where a case sits: the village unit (村/社区 top org) and township of an org path.

export interface Unit {
  id: string;
  name: string;
  path: string;
  tier: OrgTier;
}

/** The org's ancestors (itself included), top first. */
async function ancestors(db: DbOrTx, countyId: string, path: string): Promise<Unit[]> {
  return db
    .select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier })
    .from(orgs)
    .where(and(eq(orgs.countyId, countyId), sql`${orgs.path} @> ${path}::ltree`))
    .orderBy(sql`nlevel(${orgs.path})`);
}

/** The topmost org of a tier above (or at) a path: the village committee/branch for 'village', the township for 'township'. */
export async function unitOf(db: DbOrTx, countyId: string, path: string, tier: 'village' | 'township' | 'county'): Promise<Unit | null> {
  return (await ancestors(db, countyId, path)).find((o) => o.tier === tier) ?? null;
}

/**
 * A unit as residents know it: 青山乡便民服务中心, 青山村便民服务室, 县民政局 (an org's name is its Party
 * organisation's, 中共青山乡委员会: the resident deals with its service hall or room).
 */
export function residentUnitName(tier: OrgTier | Tier, name: string, department = false): string {
  if (department) return name;
  const place = name.replace(/^中共/, '').replace(/(工作委员会|总支部委员会|支部委员会|党总支|党支部|党工委|委员会|党委)$/, '');
  if (tier === 'township') return `${place}便民服务中心`;
  if (tier === 'village') return `${place}便民服务室`;
  return place;
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines

const TIER_DAYS_KEY = { village: 'case.villageDays', township: 'case.townshipDays', county: 'case.countyDays' } as const;

/** Working days a unit of `tier` has: the catalog item's promise at its own tier, the county's default elsewhere. */
async function workdaysFor(db: DbOrTx, countyId: string, tier: Tier, item: { tier: Tier; promisedDays: number } | null): Promise<number> {
  if (item && item.tier === tier) return item.promisedDays;
  return policyValue(db, countyId, TIER_DAYS_KEY[tier]);
}

/** What the dates need of a catalog item. */
export type DateTerms = Pick<ServiceItemView, 'tier' | 'promisedDays'>;

export interface CaseContext extends MachineContext {
  /** working days each tier has for this case */
  days: Map<Tier, number>;
  /** working days promised to the resident: the item's own promise, whichever tier registers it (null: no item,
   *  the first holder's days) */
  promiseDays: number | null;
  calendar: CountyCalendar;
  /** the end of the working day `n` working days from `from` (承诺办理's date) */
  inWorkdays(from: number, n: number): number;
}

/**
 * The one computation of a case's dates (docs/cases.md「承诺办结日期与办理期限」): each holder's deadline
 * (dueFor: the item's promised days at its own tier, the county's default for the tier elsewhere) and the promise
 * to the resident (promiseFor: the item's promised days from receipt; without an item the first holder's
 * deadline). Intake, the intake page's preview, the portal and Open311 all count with this.
 */
export async function machineContext(db: DbOrTx, countyId: string, itemOrId: string | DateTerms | null, now: number): Promise<CaseContext> {
  // the caller's item when it has read it already (intake): no second read of the catalog
  const item = typeof itemOrId === 'string' ? await itemTerms(db, countyId, itemOrId) : itemOrId;
  const calendar = await countyCalendar(db, countyId);
  const days = new Map<Tier, number>();
  for (const tier of ['village', 'township', 'county'] as const) days.set(tier, await workdaysFor(db, countyId, tier, item));
  // a 0-day item (即办) received on a non-working day is due at the end of the next working day
  const inWorkdays = (from: number, n: number) => workdayDue(new Date(from), n, calendar).getTime();
  return {
    now, days, calendar, promiseDays: item?.promisedDays ?? null, inWorkdays,
    dueFor: (owner, from) => inWorkdays(from, days.get(owner.tier)!),
    promiseFor: (owner, from) => inWorkdays(from, item ? item.promisedDays : days.get(owner.tier)!),
    resumeDue: (due, since, at) => resumeDue(due, since, at, calendar),
  };
}

/**
 * After waiting on the resident: the deadline moves by the working days the pause covered (the days after the
 * pause began, up to and including the day it ended). A pause within one day moves nothing.
 */
export function resumeDue(due: number, since: number, now: number, overrides: CalendarInput = new Map()): number {
  const paused = workdaysBetween(shanghaiDay(new Date(since)), shanghaiDay(new Date(now)), overrides);
  if (paused <= 0) return due;
  return endOfShanghaiDay(addWorkdays(shanghaiDay(new Date(due)), paused, overrides)).getTime();
}

// ---------------------------------------------------------------------------------------------------------
// Visibility and who may act

/** Reads: the case came from the caller's area, is held in it, or was sent to the caller's department. */
export function caseVisibility(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (actor.scope.length > 0) parts.push(scopeFilter(actor, cases.orgPath), scopeFilter(actor, cases.ownerPath));
  if (actor.departmentId) parts.push(sql`${actor.departmentId}::uuid = any(${cases.departmentIds})`);
  if (parts.length === 0) return sql`false`;
  return sql`(${and(eq(cases.countyId, actor.countyId), or(...parts))})`;
}

export const canSee = (actor: Actor, c: CaseRow): boolean =>
  c.countyId === actor.countyId &&
  (inScope(actor, c.orgPath) || inScope(actor, c.ownerPath) || (actor.departmentId !== null && c.departmentIds.includes(actor.departmentId)));

/** The holder: the owning unit's accounts and those above it (a department's own accounts, or the county). */
export function holds(actor: Actor, c: CaseRow): boolean {
  if (c.countyId !== actor.countyId || !can(actor, 'case.write')) return false;
  if (c.ownerDepartmentId) return actor.departmentId === c.ownerDepartmentId || isCountyWide(actor);
  return inScope(actor, c.ownerPath);
}

const HOLDER_ACTIONS: readonly CaseActionName[] = ['accept', 'forward', 'wait', 'resume', 'reply', 'rate', 'close'];

export function allowedActions(actor: Actor, c: CaseRow): CaseActionName[] {
  if (!can(actor, 'case.write') || !canSee(actor, c)) return [];
  const out: CaseActionName[] = [];
  if (holds(actor, c)) out.push(...HOLDER_ACTIONS.filter((a) => (ALLOWED[c.state as CaseState] as readonly string[]).includes(a)));
  // anyone who works on it (first responder, the registering village…) keeps the record complete
  if (c.state !== 'closed') out.push('note', 'trip', 'file');
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Views

export type SummaryRow = CaseRow & {
  orgName: string; ownerOrgName: string | null; ownerDepartmentName: string | null; itemName: string | null; firstResponderName: string | null;
};

export const summarySelect = <X extends Record<string, SQL.Aliased | SQL>>(db: DbOrTx, extra: X = {} as X) =>
  db
    .select({
      ...extra,
      c: cases,
      orgName: sql<string>`o.name`,
      ownerOrgName: sql<string | null>`oo.name`,
      ownerDepartmentName: sql<string | null>`d.name`,
      itemName: sql<string | null>`si.name`,
      firstResponderName: sql<string | null>`u.display_name`,
    })
    .from(cases)
    .innerJoin(sql`orgs o`, sql`o.county_id = ${cases.countyId} and o.id = ${cases.orgId}`)
    .leftJoin(sql`orgs oo`, sql`oo.county_id = ${cases.countyId} and oo.id = ${cases.ownerOrgId}`)
    .leftJoin(sql`departments d`, sql`d.county_id = ${cases.countyId} and d.id = ${cases.ownerDepartmentId}`)
    .leftJoin(sql`service_items si`, sql`si.county_id = ${cases.countyId} and si.id = ${cases.itemId}`)
    .leftJoin(sql`users u`, sql`u.county_id = ${cases.countyId} and u.id = ${cases.firstResponderId}`);

export const flatten = (r: { c: CaseRow; orgName: string; ownerOrgName: string | null; ownerDepartmentName: string | null; itemName: string | null; firstResponderName: string | null }): SummaryRow =>
  ({ ...r.c, orgName: r.orgName, ownerOrgName: r.ownerOrgName, ownerDepartmentName: r.ownerDepartmentName, itemName: r.itemName, firstResponderName: r.firstResponderName });

const isOpen = (state: string) => (CASE_OPEN_STATES as readonly string[]).includes(state);

/**
 * Overdue: open and past the deadline with the clock running, or marked overdue by the deadlines job, or waiting
 * on the resident after the deadline had passed (a pause does not hide lateness). The SQL twin is overdueSql.
 */
const UNANSWERED: readonly string[] = ['received', 'inProgress', 'waitingOnResident'];

export function isOverdueRow(r: Pick<CaseRow, 'state' | 'dueAt' | 'overdueAt' | 'pausedSince'>, now: number): boolean {
  if (!UNANSWERED.includes(r.state)) return false;
  const due = r.dueAt.getTime();
  if (r.overdueAt !== null) return true;
  return r.state === 'waitingOnResident' ? r.pausedSince !== null && r.pausedSince.getTime() > due : now > due;
}

export const overdueSql = (now: Date): SQL => sql`(${cases.state} in ('received', 'inProgress', 'waitingOnResident') and (${cases.overdueAt} is not null
  or (${cases.state} <> 'waitingOnResident' and ${cases.dueAt} < ${now}) or (${cases.state} = 'waitingOnResident' and coalesce(${cases.pausedSince} > ${cases.dueAt}, false))))`;

/** The promise to the resident (rows written before migration 0015 without one: their deadline). */
export const promiseOf = (r: Pick<CaseRow, 'promisedAt' | 'dueAt'>): Date => r.promisedAt ?? r.dueAt;

export function summaryView(r: SummaryRow, now: number, dueSoonMs: number, calendar: CountyCalendar): CaseSummary {
  const due = r.dueAt.getTime();
  const overdue = isOverdueRow(r, now);
  const promised = promiseOf(r);
  return {
    id: r.id, number: r.number, title: r.title, category: r.category as CaseCategory,
    channel: r.channel as CaseChannel, fieldReportKind: r.fieldReportKind as FieldReportKind | null, state: r.state as CaseState,
    orgId: r.orgId, orgName: r.orgName, ownerTier: r.ownerTier, ownerOrgId: r.ownerOrgId, ownerDepartmentId: r.ownerDepartmentId,
    ownerName: r.ownerDepartmentName ?? r.ownerOrgName ?? '', itemName: r.itemName, requesterName: r.requesterName,
    receivedAt: r.receivedAt.toISOString(), dueAt: r.dueAt.toISOString(), promisedAt: promised.toISOString(),
    promiseBroken: promiseBroken({ state: r.state as CaseState, promisedAt: promised.getTime(), pausedSince: r.pausedSince?.getTime() ?? null }, now)
      || (r.repliedAt !== null && r.repliedAt.getTime() > promised.getTime()),
    handlingMode: r.handlingMode as CaseMode | null,
    deadlineProvisional: UNANSWERED.includes(r.state) && spansProvisional(shanghaiDay(r.receivedAt), shanghaiDay(r.dueAt), calendar), overdue,
    late: overdue || (r.repliedAt !== null && r.repliedAt.getTime() > due),
    dueSoon: isOpen(r.state) && !overdue && due - now <= dueSoonMs,
    firstResponderId: r.firstResponderId, firstResponderName: r.firstResponderName, mode: r.mode as CaseMode | null,
    repliedAt: r.repliedAt?.toISOString() ?? null, rating: r.rating, trips: r.trips, forwards: r.forwards, escalation: r.escalation,
  };
}


export async function dueSoonMs(db: DbOrTx, countyId: string): Promise<number> {
  return (await policyValue(db, countyId, 'case.dueSoonHours')) * 3_600_000;
}

async function loadSummary(db: DbOrTx, countyId: string, id: string): Promise<SummaryRow | null> {
  const [r] = await summarySelect(db).where(and(eq(cases.countyId, countyId), eq(cases.id, id)));
  return r ? flatten(r) : null;
}

export async function timelineOf(db: DbOrTx, countyId: string, caseId: string): Promise<CaseEventView[]> {
  const rows = await db.select().from(caseEvents).where(and(eq(caseEvents.countyId, countyId), eq(caseEvents.caseId, caseId))).orderBy(asc(caseEvents.at), asc(caseEvents.id));
  return rows.map((e) => ({
    id: e.id, at: e.at.toISOString(), kind: e.kind as CaseEventKind, actorName: e.actorName, fromState: e.fromState as CaseState | null,
    toState: e.toState as CaseState | null, note: e.note, detail: e.detail ?? null,
  }));
}

/** What a case's detail shows besides its row and names; read in one statement (loadDetail), or known at intake. */
export interface DetailParts {
  row: SummaryRow;
  item: { promisedDays: number; contactPhone: string | null } | null;
  householdAddress: string | null;
  gridName: string | null;
  timeline: CaseEventView[];
  files: FileMeta[];
  whistles: { id: string; number: string; title: string }[];
  accountability: AccountabilityView[];
  /** the registering org's tier (null: unknown) */
  originTier: OrgTier | null;
  /** the registering org's service room when it is a place the guide offers (its name null: none set up) */
  room: { name: string | null; phone: string | null } | null;
}

/** The detail a caller sees: one view for every source of its parts. */
async function detailOf(db: DbOrTx, actor: Actor, p: DetailParts): Promise<CaseDetail> {
  const r = p.row;
  const now = Date.now();
  return {
    ...summaryView(r, now, await dueSoonMs(db, r.countyId), await countyCalendar(db, r.countyId)),
    description: r.description, itemId: r.itemId, promisedDays: p.item?.promisedDays ?? null,
    householdId: r.householdId, householdAddress: p.householdAddress, residentId: r.residentId,
    gridId: r.gridId, gridName: p.gridName,
    requesterPhone: holds(actor, r) || r.firstResponderId === actor.userId ? r.requesterPhone : maskPhone(r.requesterPhone),
    address: r.address, lat: r.lat, lon: r.lon, reply: r.reply, ratingComment: r.ratingComment,
    ratedAt: r.ratedAt?.toISOString() ?? null, closedAt: r.closedAt?.toISOString() ?? null, pausedSince: r.pausedSince?.toISOString() ?? null,
    timeline: p.timeline, files: p.files, whistles: p.whistles, accountability: p.accountability, actions: allowedActions(actor, r), portalAccess: null,
    materialsReceived: r.materialsReceived, contactPhone: p.room?.phone ?? p.item?.contactPhone ?? null,
    orgServiceName: p.room?.name ?? residentUnitName(p.originTier ?? 'village', r.orgName), promiseChanges: promiseChanges(p.timeline),
  };
}

const isoOf = (x: string | Date) => new Date(x).toISOString();

/**
 * A case and every part of its detail in one statement (issue 14): the row with its names, the item's days and
 * phone, the household's address, the grid's name, the registering org's room, and the timeline, files and
 * whistles as JSON. Every subquery repeats county_id (one shard on Citus). Accountability records (rare) are read
 * only when there are some.
 */
async function loadDetail(db: DbOrTx, countyId: string, id: string): Promise<DetailParts | null> {
  const [x] = await summarySelect(db, {
    originTier: sql<OrgTier>`o.tier`,
    originPlace: sql<boolean>`(o.archived_at is null and ((o.tier = 'township' and op.tier = 'county') or (o.tier = 'village' and op.tier = 'township')))`,
    roomName: sql<string | null>`sr.name`,
    roomPhone: sql<string | null>`sr.phone`,
    itemDays: sql<number | null>`si.promised_days`,
    itemPhone: sql<string | null>`si.contact_phone`,
    householdAddress: sql<string | null>`(select h.address from households h where h.county_id = ${countyId} and h.id = ${cases.householdId})`,
    gridName: sql<string | null>`(select g.name from grids g where g.county_id = ${countyId} and g.id = ${cases.gridId})`,
    timeline: sql<{ id: string; at: string; kind: string; actorName: string | null; fromState: string | null; toState: string | null; note: string | null; detail: Record<string, unknown> | null }[]>`(
      select coalesce(json_agg(json_build_object('id', e.id, 'at', e.at, 'kind', e.kind, 'actorName', e.actor_name, 'fromState', e.from_state,
                                                 'toState', e.to_state, 'note', e.note, 'detail', e.detail) order by e.at, e.id), '[]'::json)
        from case_events e where e.county_id = ${countyId} and e.case_id = ${cases.id})`,
    files: sql<{ id: string; name: string; mime: string; size: number; sha256: string; createdAt: string }[]>`(
      select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime, 'size', f.size, 'sha256', f.sha256, 'createdAt', f.created_at)
                               order by f.created_at, f.id), '[]'::json)
        from files f where f.county_id = ${countyId} and f.entity = ${CASE_ENTITY} and f.entity_id = ${cases.id})`,
    whistles: sql<{ id: string; number: string; title: string }[]>`(
      select coalesce(json_agg(json_build_object('id', w.id, 'number', w.number, 'title', w.title)), '[]'::json)
        from whistle_cases wc join whistles w on w.county_id = ${countyId} and w.id = wc.whistle_id
       where wc.county_id = ${countyId} and wc.case_id = ${cases.id})`,
    hasAccountability: sql<boolean>`exists (select 1 from accountability_records a where a.county_id = ${countyId} and a.case_id = ${cases.id})`,
  })
    .leftJoin(sql`orgs op`, sql`op.county_id = ${cases.countyId} and op.id = o.parent_id`)
    .leftJoin(sql`service_rooms sr`, sql`sr.county_id = ${cases.countyId} and sr.org_id = o.id`)
    .where(and(eq(cases.countyId, countyId), eq(cases.id, id)));
  if (!x) return null;
  return {
    row: flatten(x),
    item: x.itemDays === null ? null : { promisedDays: x.itemDays, contactPhone: x.itemPhone },
    householdAddress: x.householdAddress, gridName: x.gridName,
    timeline: x.timeline.map((e) => ({
      id: e.id, at: isoOf(e.at), kind: e.kind as CaseEventKind, actorName: e.actorName, fromState: e.fromState as CaseState | null,
      toState: e.toState as CaseState | null, note: e.note, detail: e.detail ?? null,
    })),
    files: x.files.map((f) => ({ ...f, createdAt: isoOf(f.createdAt) })),
    whistles: x.whistles,
    accountability: x.hasAccountability ? await accountabilityViews(db, and(eq(accountabilityRecords.countyId, countyId), eq(accountabilityRecords.caseId, id))!) : [],
    originTier: x.originTier, room: x.originPlace ? { name: x.roomName, phone: x.roomPhone } : null,
  };
}

async function detailView(db: DbOrTx, actor: Actor, id: string): Promise<CaseDetail> {
  const p = await loadDetail(db, actor.countyId, id);
  if (!p || !canSee(actor, p.row)) throw notFound();
  return detailOf(db, actor, p);
}

export const getCase = (db: Db, actor: Actor, id: string) => detailView(db, actor, id);

/**
 * Every move of the promise to the resident after receipt, and why (from the timeline: 承诺办理 at 开始承办, a
 * pause for the resident's papers, a calendar change). The resident's page shows these.
 */
export function promiseChanges(timeline: readonly CaseEventView[]): PromiseChange[] {
  const out: PromiseChange[] = [];
  for (const e of timeline) {
    const d = e.detail ?? {};
    const reason = e.kind === 'accepted' ? 'promised' : e.kind === 'resumed' ? 'waiting' : e.kind === 'deadlineMoved' ? 'calendar' : null;
    if (!reason) continue;
    const from = e.kind === 'deadlineMoved' ? d.promisedFrom : d.promisedFrom;
    const to = e.kind === 'deadlineMoved' ? d.promisedTo : d.promisedAt;
    if (typeof from !== 'string' || typeof to !== 'string') continue;
    const day = (x: string) => (x.length === 10 ? x : shanghaiDay(new Date(x)));
    if (day(from) === day(to)) continue;
    out.push({ at: e.at, reason, from: day(from), to: day(to), unitName: typeof d.unit === 'string' ? d.unit : null });
  }
  return out;
}

/**
 * What intake will save, before it is saved (the intake page's side panel): the promise to the resident and the
 * first holder's own deadline, counted now by machineContext as createCase counts them.
 */
export async function intakeDates(db: Db, actor: Actor, q: { itemId?: string; orgId?: string }): Promise<IntakeDates> {
  const item = q.itemId ? await itemTerms(db, actor.countyId, q.itemId) : null;
  if (q.itemId && !item) throw unprocessable('notFound', 'itemId');
  const { origin, chain } = await originOf(db, actor, q.orgId);
  const owner = origin.tier === 'village' ? unitIn(chain, 'village') ?? origin : ownerIn(chain, origin);
  const tier: Tier = owner.tier === 'township' ? 'township' : 'village';
  const now = Date.now();
  const ctx = await machineContext(db, actor.countyId, item, now);
  const snap = newCase(actor.userId, { tier, unitId: owner.id }, ctx);
  const today = shanghaiDay(new Date(now));
  return {
    receivedAt: new Date(now).toISOString(), promisedAt: new Date(snap.promisedAt).toISOString(), promisedDays: ctx.promiseDays ?? ctx.days.get(tier)!,
    fromItem: item !== null, dueAt: new Date(snap.dueAt).toISOString(), holderDays: ctx.days.get(tier)!, holderTier: tier, holderName: owner.name,
    provisional: spansProvisional(today, shanghaiDay(new Date(Math.max(snap.dueAt, snap.promisedAt))), ctx.calendar),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const newTrackingCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * The resident's portal secret (查询密码): printed on the receipt / shown once at submission, kept only as a
 * keyed hash. With the tracking code alone (which staff may hear from the resident) nobody can read or rate the
 * case as the resident; the phone digits were no secret to staff (issue 15, finding 3). 31^8 ≈ 8.5·10^11.
 */
export const newPortalSecret = newTrackingCode;
export const portalSecretHash = (countyId: string, code: string, secret: string) =>
  keyedHash(countyId, `portal\u0000${code}\u0000${secret.replace(/[\s-]/g, '').toUpperCase()}`);

async function nextNumber(tx: Tx, countyId: string, at: Date): Promise<string> {
  const year = Number(shanghaiDay(at).slice(0, 4)); // 1 January starts at 00:00 in Shanghai, not UTC
  const [r] = await tx
    .insert(caseCounters)
    .values({ countyId, year, next: 2 })
    .onConflictDoUpdate({ target: [caseCounters.countyId, caseCounters.year], set: { next: sql`${caseCounters.next} + 1` } })
    .returning({ next: caseCounters.next });
  return `${year}-${String(r!.next - 1).padStart(6, '0')}`;
}

export interface EventInput {
  kind: CaseEventKind;
  fromState?: string | null;
  toState?: string | null;
  note?: string | null;
  detail?: Record<string, unknown> | null;
  at?: Date;
}

/** Appends one timeline entry; answers it as the timeline shows it. */
export async function addEvent(tx: DbOrTx, c: { countyId: string; id: string }, who: { id: string | null; name: string | null }, e: EventInput): Promise<CaseEventView> {
  const row = {
    countyId: c.countyId, id: uuidv7(), caseId: c.id, at: e.at ?? new Date(), kind: e.kind, actorId: who.id, actorName: who.name,
    fromState: e.fromState ?? null, toState: e.toState ?? null, note: e.note ?? null, detail: e.detail ?? null,
  };
  await tx.insert(caseEvents).values(row);
  return {
    id: row.id, at: row.at.toISOString(), kind: row.kind, actorName: row.actorName, fromState: row.fromState as CaseState | null,
    toState: row.toState as CaseState | null, note: row.note, detail: row.detail,
  };
}

export interface Registration {
  countyId: string;
  /** the first responder (null: a resident's own request, nobody has touched it yet) */
  responder: { id: string; name: string } | null;
  origin: Unit;
  owner: Unit;
  input: Omit<CreateCaseInput, 'orgId' | 'files' | 'reply'> & { category: CaseCategory };
  files: { upload: FileUpload; data: Buffer }[];
  at?: Date;
}

/** A registered case as insertCase wrote it: the row, the resident's secret, the first event and the files. */
export type InsertedCase = CaseRow & { portalSecret: string; received: CaseEventView; savedFiles: FileMeta[] };

/**
 * Inserts a registered case with its first event, number and tracking code, and the files (the caller has
 * checked everything and holds the transaction). Used by staff intake, the portal and Open311.
 * The number comes last but one (the counter's row lock serialises a county's intakes until commit): the tracking
 * code and the files are written before it, so the county-serialised part is the counter, the case, its event and
 * the caller's audit entry.
 */
export async function insertCase(tx: Tx, reg: Registration, ctx: MachineContext): Promise<InsertedCase> {
  const at = reg.at ?? new Date(ctx.now);
  const id = uuidv7();
  const ownerTier = reg.owner.tier === 'township' ? 'township' : 'village';
  const trackingCode = newTrackingCode();
  const portalSecret = newPortalSecret();
  const { input } = reg;
  // the machine's own first snapshot: the deadline and the promise as createCase, the preview and the portal count them
  const snap = newCase(reg.responder?.id ?? null, { tier: ownerTier, unitId: reg.owner.id }, { ...ctx, now: at.getTime() });
  // tracking codes and files have no foreign key to the case: written before the county's counter is taken
  await tx.insert(trackingCodes).values({ code: trackingCode, countyId: reg.countyId, caseId: id, secretHash: portalSecretHash(reg.countyId, trackingCode, portalSecret) });
  const savedFiles: FileMeta[] = [];
  for (const f of reg.files) {
    savedFiles.push(await saveFile(tx, reg.countyId, { entity: CASE_ENTITY, entityId: id }, f.upload, f.data, reg.responder?.id ?? null));
  }
  const number = await nextNumber(tx, reg.countyId, at);
  const [row] = await tx
    .insert(cases)
    .values({
      countyId: reg.countyId, id, number, trackingCode, itemId: input.itemId ?? null, category: input.category, title: input.title,
      description: input.description, channel: input.channel, fieldReportKind: input.fieldReportKind ?? null,
      householdId: input.householdId ?? null, residentId: input.residentId ?? null, gridId: input.gridId ?? null,
      orgId: reg.origin.id, orgPath: reg.origin.path, requesterName: input.requesterName ?? null, requesterPhone: input.requesterPhone ?? null,
      address: input.address ?? null, lat: input.lat ?? null, lon: input.lon ?? null, state: 'received', ownerTier,
      ownerOrgId: reg.owner.id, ownerPath: reg.owner.path, firstResponderId: reg.responder?.id ?? null, receivedAt: at,
      dueAt: new Date(snap.dueAt), promisedAt: new Date(snap.promisedAt), materialsReceived: input.materialsReceived ?? [],
      trips: input.trips ?? (input.channel === 'walkIn' ? 1 : 0), createdAt: at, updatedAt: at,
    })
    .returning();
  const received = await addEvent(tx, row!, { id: reg.responder?.id ?? null, name: reg.responder?.name ?? null }, {
    kind: 'received', toState: 'received', at,
    detail: { channel: input.channel, owner: reg.owner.name, unit: residentUnitName(ownerTier, reg.owner.name), dueAt: row!.dueAt.toISOString(), promisedAt: new Date(snap.promisedAt).toISOString() },
  });
  return { ...row!, portalSecret, received, savedFiles };
}

/**
 * A registering org with its ancestors (itself last), top first, and its service room: one statement. The room is
 * the guide's (catalog.rooms serviceRoomsOf): only a place — a township under the county or a village under a
 * township, not archived — has one (its name null when none was set up).
 */
interface OriginChain {
  origin: Unit;
  chain: Unit[];
  room: { name: string | null; phone: string | null } | null;
}

async function originChain(db: DbOrTx, countyId: string, orgId: string): Promise<OriginChain | null> {
  const rows = rowsOf<Unit & { live: boolean; roomName: string | null; roomPhone: string | null }>(await db.execute(sql`
    select a.id, a.name, a.path::text as path, a.tier, a.archived_at is null as live, r.name as "roomName", r.phone as "roomPhone"
      from orgs o
      join orgs a on a.county_id = ${countyId} and a.path @> o.path
      left join service_rooms r on r.county_id = ${countyId} and r.org_id = a.id
     where o.county_id = ${countyId} and o.id = ${orgId}
     order by nlevel(a.path)`));
  const last = rows[rows.length - 1];
  if (!last || last.id !== orgId) return null;
  const parent = rows[rows.length - 2];
  const place = last.live && ((last.tier === 'township' && parent?.tier === 'county') || (last.tier === 'village' && parent?.tier === 'township'));
  const unit = (r: Unit): Unit => ({ id: r.id, name: r.name, path: r.path, tier: r.tier });
  return { origin: unit(last), chain: rows.map(unit), room: place ? { name: last.roomName, phone: last.roomPhone } : null };
}

/** The registering unit of a staff intake: the caller's org (or one in scope), a village or township org. */
async function originOf(db: DbOrTx, actor: Actor, orgId: string | undefined): Promise<OriginChain> {
  const id = orgId ?? actor.orgId;
  if (!id) throw unprocessable('case.orgRequired', 'orgId');
  const o = await originChain(db, actor.countyId, id);
  if (!o || !inScope(actor, o.origin.path)) throw unprocessable('case.orgRequired', 'orgId');
  if (o.origin.tier === 'county') throw unprocessable('case.orgTier', 'orgId');
  return o;
}

/** The topmost org of a tier in a chain of ancestors (unitOf without a read). */
const unitIn = (chain: readonly Unit[], tier: OrgTier): Unit | null => chain.find((o) => o.tier === tier) ?? null;

/** The holder of a case registered at `origin`, from its ancestors: the village's service room, or the township hall. */
function ownerIn(chain: readonly Unit[], origin: Unit): Unit {
  const unit = unitIn(chain, origin.tier === 'village' ? 'village' : 'township');
  if (!unit) throw unprocessable('case.orgTier', 'orgId');
  return unit;
}

/**
 * Where a case raised at `path` (a household, a grid) is registered — its village, else its township — and who
 * holds it, from one read of the ancestors.
 */
export async function registrationUnits(db: DbOrTx, countyId: string, path: string): Promise<{ origin: Unit; owner: Unit } | null> {
  const chain = await ancestors(db, countyId, path);
  const origin = unitIn(chain, 'village') ?? unitIn(chain, 'township');
  return origin ? { origin, owner: ownerIn(chain, origin) } : null;
}

/**
 * Runs `fn` in a transaction: its own, or the caller's when `db` already is one (POST /api/sync runs each record
 * in one transaction with its receipt; a savepoint would add two statements and change nothing: a failure rolls the
 * whole record back).
 */
export function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db instanceof PgTransaction ? fn(db as Tx) : (db as Db).transaction(fn);
}

/** The unit that holds a case registered at `origin`: the village's service room, or the township hall. */
export async function initialOwner(db: DbOrTx, countyId: string, origin: Unit): Promise<Unit> {
  return ownerIn(await ancestors(db, countyId, origin.path), origin);
}

export async function createCase(db: DbOrTx, actor: Actor, input: CreateCaseInput): Promise<CaseDetail> {
  const problems: FieldProblem[] = [];
  // the item once (cached per county, catalog.service itemTerms), for the checks, the dates and the answer
  const item = input.itemId ? await itemTerms(db, actor.countyId, input.itemId) : null;
  if (input.itemId && !item) problems.push({ field: 'itemId', code: 'notFound' });
  if (item?.archived) problems.push({ field: 'itemId', code: 'case.itemArchived' });
  const category: CaseCategory | undefined = input.channel === 'gridReport' && !item ? 'fieldReport' : (item?.category ?? input.category);
  if (!category) problems.push({ field: 'category', code: 'case.categoryRequired' });
  if (input.channel === 'gridReport' && !input.fieldReportKind) problems.push({ field: 'fieldReportKind', code: 'case.fieldReportKind' });
  if (input.channel !== 'gridReport' && input.fieldReportKind) problems.push({ field: 'fieldReportKind', code: 'case.fieldReportOnly' });
  if (input.reply && input.reply.mode === 'promised') problems.push({ field: 'reply.mode', code: 'case.directReplyMode' });
  // the origin and its ancestors once: the village unit for the checks below, the holder, the room of the answer
  const { origin, chain, room } = await originOf(db, actor, input.orgId);
  const village = origin.tier === 'village' ? unitIn(chain, 'village') : null;
  const area = village?.path ?? origin.path;
  let householdAddress: string | null = null;
  let gridName: string | null = null;
  if (input.householdId) {
    const [h] = await db.select({ path: sql<string>`${households.orgPath}::text`, address: households.address }).from(households).where(and(eq(households.countyId, actor.countyId), eq(households.id, input.householdId)));
    if (!h || !isWithin(h.path, area) || !inScope(actor, h.path)) problems.push({ field: 'householdId', code: 'case.household' });
    householdAddress = h?.address ?? null;
    if (input.residentId) {
      const [r] = await db.select({ id: residents.id }).from(residents).where(and(eq(residents.countyId, actor.countyId), eq(residents.id, input.residentId), eq(residents.householdId, input.householdId)));
      if (!r) problems.push({ field: 'residentId', code: 'case.resident' });
    }
  } else if (input.residentId) problems.push({ field: 'residentId', code: 'case.resident' });
  if (input.gridId) {
    const [g] = await db.select({ path: sql<string>`${grids.orgPath}::text`, name: grids.name }).from(grids).where(and(eq(grids.countyId, actor.countyId), eq(grids.id, input.gridId)));
    // the grid must lie in the case's village and in the caller's scope (a grid worker: their own grids)
    if (!g || !isWithin(g.path, area) || !inScope(actor, g.path)) problems.push({ field: 'gridId', code: 'case.grid' });
    gridName = g?.name ?? null;
  }
  const files: Registration['files'] = [];
  (input.files ?? []).forEach((upload, i) => {
    const r = checkUpload(upload, `files.${i}`);
    if ('problem' in r) problems.push(r.problem);
    else files.push({ upload, data: r.data });
  });
  if (problems.length > 0) throw problemsError(problems);
  // the village unit was found above for the household check; a township origin holds its own case
  const owner = village ?? ownerIn(chain, origin);
  const now = Date.now();
  // the item read above, not a second time
  const ctx = await machineContext(db, actor.countyId, item, now);
  const { row, timeline } = await inTransaction(db, async (tx) => {
    let row: CaseRow = await insertCase(tx, {
      countyId: actor.countyId, responder: { id: actor.userId, name: actor.displayName }, origin, owner,
      input: { ...input, category: category! }, files,
    }, ctx);
    const inserted = row as InsertedCase;
    const timeline = [inserted.received];
    if (input.reply) {
      row = await step(tx, actor, row, { type: 'reply', mode: input.reply.mode }, ctx, { note: input.reply.text, reply: input.reply.text, events: timeline });
    }
    // the audit entry last: the county-serialised part of the transaction ends at commit
    await appendAudit(tx, byActor(actor, { action: 'case.create', entity: CASE_ENTITY, entityId: row.id, orgPath: row.orgPath, detail: { number: row.number, title: row.title, channel: row.channel, category } }));
    return { row: { ...row, portalSecret: inserted.portalSecret, savedFiles: inserted.savedFiles }, timeline };
  });
  // the answer from the rows in hand (a new case has no whistles and no accountability records yet)
  const detail = await detailOf(db, actor, {
    row: { ...stripInserted(row), orgName: origin.name, ownerOrgName: owner.name, ownerDepartmentName: null, itemName: item?.name ?? null, firstResponderName: actor.displayName },
    item: item ? { promisedDays: item.promisedDays, contactPhone: item.contactPhone } : null,
    householdAddress, gridName, timeline, files: row.savedFiles, whistles: [], accountability: [], originTier: origin.tier, room,
  });
  // the receipt's credentials, in this one answer only (the intake page prints them for the resident)
  return { ...detail, portalAccess: { trackingCode: row.trackingCode, secret: row.portalSecret } };
}

/** A case row without what insertCase adds to it. */
function stripInserted<T extends CaseRow>(r: T): CaseRow {
  const { portalSecret: _s, received: _r, savedFiles: _f, ...row } = r as T & Partial<InsertedCase>;
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Steps

const snapshot = (c: CaseRow): CaseSnapshot => ({
  state: c.state as CaseState, firstResponderId: c.firstResponderId,
  owner: { tier: c.ownerTier, unitId: c.ownerDepartmentId ?? c.ownerOrgId! }, receivedAt: c.receivedAt.getTime(), dueAt: c.dueAt.getTime(),
  promisedAt: promiseOf(c).getTime(), handlingMode: c.handlingMode as CaseMode | null,
  pausedSince: c.pausedSince?.getTime() ?? null, mode: c.mode as CaseMode | null, rating: c.rating, forwards: c.forwards,
});

const EVENT_OF: Record<CaseAction['type'], CaseEventKind> = {
  accept: 'accepted', forward: 'forwarded', wait: 'waiting', resume: 'resumed', reply: 'replied', rate: 'rated', close: 'closed',
};

interface StepExtra {
  note?: string | null;
  reply?: string;
  ratingComment?: string | null;
  owner?: { orgId: string | null; path: string | null; departmentId: string | null; name: string };
  trip?: boolean;
  /** who acts when not a staff account (the resident rating on the portal) */
  who?: { id: string | null; name: string | null };
  /** the step's timeline entry is pushed here (intake answers from the rows in hand) */
  events?: CaseEventView[];
}

/** Applies one machine step to a locked row: state, due time, the step's fields, the timeline. */
export async function step(tx: Tx, actor: Actor | null, c: CaseRow, action: CaseAction, ctx: MachineContext, extra: StepExtra = {}): Promise<CaseRow> {
  const result = applyCaseAction(snapshot(c), action, ctx);
  if (!result.ok) {
    throw new AppError(result.code, result.code === 'case.rating' ? 422 : 409, { state: c.state });
  }
  const next = result.next;
  const at = new Date(ctx.now);
  const set: Partial<typeof cases.$inferInsert> = {
    state: next.state, dueAt: new Date(next.dueAt), promisedAt: new Date(next.promisedAt), handlingMode: next.handlingMode,
    pausedSince: next.pausedSince === null ? null : new Date(next.pausedSince), forwards: next.forwards, updatedAt: at,
  };
  // a portal request gets its first responder when a cadre first acts on it
  if (!c.firstResponderId && actor) set.firstResponderId = actor.userId;
  if (action.type === 'reply') Object.assign(set, { mode: action.mode, reply: extra.reply, repliedAt: at });
  // the rating's source decides whether it counts in an org's mass evaluation (issue 11): the resident, or a callback
  // recorded by an account — whose scope root is kept, so a rating from inside an org's subtree is not counted for it
  if (action.type === 'rate') {
    Object.assign(set, {
      rating: action.score, ratingComment: extra.ratingComment ?? null, ratedAt: at,
      ratingSource: actor ? 'callback' : 'resident', ratedBy: actor?.userId ?? null, raterPath: actor ? (actor.scope[0] ?? null) : null,
    });
  }
  if (action.type === 'close') set.closedAt = at;
  if (action.type === 'forward' && extra.owner) {
    Object.assign(set, {
      ownerTier: action.to.tier, ownerOrgId: extra.owner.orgId, ownerPath: extra.owner.path, ownerDepartmentId: extra.owner.departmentId,
      departmentIds: extra.owner.departmentId && !c.departmentIds.includes(extra.owner.departmentId) ? [...c.departmentIds, extra.owner.departmentId] : c.departmentIds,
    });
  }
  // a new or moved deadline gets its own reminders
  // (a resume after the deadline had passed keeps its deadline, overdue mark and accountability record)
  // (承诺办理 brings the deadline forward to the promised date: its reminder comes anew)
  if (action.type === 'forward' || ((action.type === 'resume' || action.type === 'accept') && next.dueAt !== c.dueAt.getTime())) Object.assign(set, { dueSoonAt: null, overdueAt: null });
  if (extra.trip) set.trips = c.trips + 1;
  const [row] = await tx.update(cases).set(set).where(and(eq(cases.countyId, c.countyId), eq(cases.id, c.id))).returning();
  const who = extra.who ?? { id: actor?.userId ?? null, name: actor?.displayName ?? null };
  const iso = (ms: number) => new Date(ms).toISOString();
  const promise = { promisedFrom: iso(promiseOf(c).getTime()), promisedAt: iso(next.promisedAt) };
  // the timeline says where a case went, the new holder's deadline and the promise it carries; 开始承办 the mode
  // chosen (and 承诺办理's date); a resume how far the deadline and the promise moved
  const event = await addEvent(tx, c, who, {
    kind: EVENT_OF[action.type], fromState: c.state, toState: next.state, note: extra.note ?? null, at,
    detail: action.type === 'forward'
      ? { to: extra.owner?.name, toTier: action.to.tier, unit: extra.owner ? residentUnitName(action.to.tier, extra.owner.name, extra.owner.departmentId !== null) : null, dueAt: iso(next.dueAt), promisedAt: iso(next.promisedAt) }
      : action.type === 'accept' ? (action.mode ? { mode: action.mode, dueAt: iso(next.dueAt), ...promise } : null)
      : action.type === 'reply' ? { mode: action.mode }
      : action.type === 'rate' ? { score: action.score }
      : action.type === 'resume' ? { pausedMs: next.dueAt - c.dueAt.getTime(), dueAt: iso(next.dueAt), trip: extra.trip ?? false, ...promise }
      : null,
  });
  extra.events?.push(event);
  return row!;
}

async function lockCase(tx: Tx, countyId: string, id: string): Promise<CaseRow> {
  const [c] = await tx.select().from(cases).where(and(eq(cases.countyId, countyId), eq(cases.id, id))).for('update');
  if (!c) throw notFound();
  return c;
}

function ownerName(c: SummaryRow | null): string {
  return c?.ownerDepartmentName ?? c?.ownerOrgName ?? '';
}

/** One staff step on a case: visibility → holder check → machine → persist → audit, in one transaction. */
async function act(
  db: Db, actor: Actor, id: string, kind: CaseActionName,
  run: (tx: Tx, c: CaseRow, ctx: MachineContext) => Promise<unknown>, detail: Record<string, unknown> = {},
): Promise<CaseDetail> {
  await db.transaction(async (tx) => {
    const c = await lockCase(tx, actor.countyId, id);
    if (!canSee(actor, c)) throw notFound();
    if (!allowedActions(actor, c).includes(kind)) {
      if (HOLDER_ACTIONS.includes(kind) && !holds(actor, c)) {
        throw new AppError('case.notOwner', 403, { owner: ownerName(await loadSummary(tx, c.countyId, c.id)) });
      }
      throw new AppError('case.illegalTransition', 409, { state: c.state });
    }
    const ctx = await machineContext(tx, c.countyId, c.itemId, Date.now());
    await run(tx, c, ctx);
    await appendAudit(tx, byActor(actor, { action: `case.${kind}`, entity: CASE_ENTITY, entityId: c.id, orgPath: c.orgPath, detail: { number: c.number, ...detail } }));
  });
  return detailView(db, actor, id);
}

/**
 * 开始承办 with the handling mode (直接办理 / 承诺办理 / 明确答复). 承诺办理 names the working days promised: the date
 * (counted on the county's calendar) becomes the promise to the resident and the holder's deadline; it may not
 * lie after the holder's own deadline.
 */
export const acceptCase = (db: Db, actor: Actor, id: string, input: AcceptCaseInput = {}) =>
  act(db, actor, id, 'accept', async (tx, c, ctx) => {
    if (input.mode === 'promised' && input.promisedDays === undefined) throw unprocessable('case.promiseRequired', 'promisedDays');
    if (input.mode !== 'promised' && input.promisedDays !== undefined) throw unprocessable('case.promiseRequired', 'mode');
    const promiseDue = input.promisedDays === undefined ? undefined : (ctx as CaseContext).inWorkdays(ctx.now, input.promisedDays);
    if (promiseDue !== undefined && promiseDue > c.dueAt.getTime()) {
      throw new AppError('case.promiseAfterDue', 422, { due: shanghaiDay(c.dueAt), promised: shanghaiDay(new Date(promiseDue)) }, { promisedDays: 'case.promiseAfterDue' });
    }
    await step(tx, actor, c, { type: 'accept', mode: input.mode, promiseDue }, ctx, { note: input.note });
  }, input.mode ? { mode: input.mode, promisedDays: input.promisedDays } : {});

export const waitCase = (db: Db, actor: Actor, id: string, note: string) =>
  act(db, actor, id, 'wait', (tx, c, ctx) => step(tx, actor, c, { type: 'wait' }, ctx, { note }), { note });

export const resumeCase = (db: Db, actor: Actor, id: string, input: { note?: string; trip?: boolean }) =>
  act(db, actor, id, 'resume', (tx, c, ctx) => step(tx, actor, c, { type: 'resume' }, ctx, { note: input.note, trip: input.trip }), input);

/** 回复群众. Answered as 承诺办理 only after the holder promised a date at 开始承办. */
export const replyCase = (db: Db, actor: Actor, id: string, input: ReplyCaseInput) =>
  act(db, actor, id, 'reply', async (tx, c, ctx) => {
    if (input.mode === 'promised' && c.handlingMode !== 'promised') throw unprocessable('case.promiseRequired', 'mode');
    await step(tx, actor, c, { type: 'reply', mode: input.mode }, ctx, { note: input.text, reply: input.text });
  }, { mode: input.mode });

export const rateCase = (db: Db, actor: Actor, id: string, input: RateInput) =>
  act(db, actor, id, 'rate', (tx, c, ctx) => step(tx, actor, c, { type: 'rate', score: input.score }, ctx, { note: input.comment, ratingComment: input.comment }), { score: input.score });

export const closeCase = (db: Db, actor: Actor, id: string, note?: string) =>
  act(db, actor, id, 'close', (tx, c, ctx) => step(tx, actor, c, { type: 'close' }, ctx, { note }));

export const noteCase = (db: Db, actor: Actor, id: string, note: string) =>
  act(db, actor, id, 'note', (tx, c) => addEvent(tx, c, { id: actor.userId, name: actor.displayName }, { kind: 'note', note }));

/** The resident came in again for this case (最多跑一次 counts these). */
export const tripCase = (db: Db, actor: Actor, id: string, note?: string) =>
  act(db, actor, id, 'trip', async (tx, c) => {
    await tx.update(cases).set({ trips: c.trips + 1, updatedAt: new Date() }).where(and(eq(cases.countyId, c.countyId), eq(cases.id, c.id)));
    await addEvent(tx, c, { id: actor.userId, name: actor.displayName }, { kind: 'trip', note: note ?? null, detail: { trips: c.trips + 1 } });
  });

export async function addCaseFile(db: Db, actor: Actor, id: string, upload: FileUpload): Promise<CaseDetail> {
  const data = decodeUpload(upload, 'data');
  return act(db, actor, id, 'file', async (tx, c) => {
    const f = await saveFile(tx, c.countyId, { entity: CASE_ENTITY, entityId: c.id }, upload, data, actor.userId);
    await addEvent(tx, c, { id: actor.userId, name: actor.displayName }, { kind: 'file', note: upload.name, detail: { fileId: f.id, sha256: f.sha256, size: f.size } });
  }, { file: upload.name });
}

export async function forwardTargets(db: Db, actor: Actor, id: string): Promise<ForwardTargets> {
  const c = await loadSummary(db, actor.countyId, id);
  if (!c || !canSee(actor, c)) throw notFound();
  const township = c.ownerTier === 'village' ? await unitOf(db, c.countyId, c.orgPath, 'township') : null;
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments)
    .where(and(eq(departments.countyId, c.countyId), isNull(departments.archivedAt))).orderBy(asc(departments.code));
  return { townships: township ? [{ id: township.id, name: township.name }] : [], departments: depts.filter((d) => d.id !== c.ownerDepartmentId) };
}

export async function forwardCase(db: Db, actor: Actor, id: string, input: ForwardCaseInput): Promise<CaseDetail> {
  return act(db, actor, id, 'forward', async (tx, c, ctx) => {
    let owner: StepExtra['owner'];
    let to: Owner;
    if (input.to.tier === 'township') {
      // 村→乡镇: only the case's own township hall
      const township = await unitOf(tx, c.countyId, c.orgPath, 'township');
      if (!township || township.id !== input.to.orgId) throw unprocessable('case.forwardTarget', 'to.orgId');
      owner = { orgId: township.id, path: township.path, departmentId: null, name: township.name };
      to = { tier: 'township', unitId: township.id };
    } else {
      const [d] = await tx.select().from(departments).where(and(eq(departments.countyId, c.countyId), eq(departments.id, input.to.departmentId), isNull(departments.archivedAt)));
      if (!d) throw unprocessable('case.forwardTarget', 'to.departmentId');
      owner = { orgId: null, path: null, departmentId: d.id, name: d.name };
      to = { tier: 'county', unitId: d.id };
    }
    await step(tx, actor, c, { type: 'forward', to }, ctx, { note: input.note, owner });
  }, { to: input.to, note: input.note });
}
