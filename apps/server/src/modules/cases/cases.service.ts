// 办件 (F7): registration by the first responder, handling, forwarding up the tiers, answers, ratings — each
// step one transaction that updates the case, appends its timeline and the audit log. The rules of which step
// may follow which live in cases.machine.ts; this module persists them and decides who may act.
import { randomInt } from 'node:crypto';
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  CASE_OPEN_STATES, maskPhone, type AcceptCaseInput, type CaseActionName, type IntakeDates, type PromiseChange, type CaseCategory, type CaseChannel, type CaseDetail,
  type CaseEventKind, type CaseEventView, type CaseMode, type CaseState, type CaseSummary, type CreateCaseInput,
  type FieldReportKind, type FileUpload, type ForwardCaseInput, type ForwardTargets, type OrgTier, type RateInput,
  type ReplyCaseInput,
} from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { accountabilityRecords, caseCounters, caseEvents, cases, trackingCodes } from './cases.tables.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { grids, households, residents } from '../grids/grids.tables.js';
import { whistleCases, whistles } from '../whistles/whistles.tables.js';
import { serviceItemById } from '../catalog/catalog.service.js';
import { serviceRoomsOf } from '../catalog/catalog.rooms.js';
import { can, inScope, isCountyWide, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, notFound, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import {
  addWorkdays, dueAt as workdayDue, endOfShanghaiDay, shanghaiDay, spansProvisional, workdaysBetween, type CalendarInput, type CountyCalendar,
} from '../../platform/calendar/working-days.js';
import { checkUpload, decodeUpload, listFiles, saveFile } from '../../platform/files/files.service.js';
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
export async function machineContext(db: DbOrTx, countyId: string, itemId: string | null, now: number): Promise<CaseContext> {
  const item = itemId ? await serviceItemById(db, countyId, itemId) : null;
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

async function detailView(db: DbOrTx, actor: Actor, id: string): Promise<CaseDetail> {
  const r = await loadSummary(db, actor.countyId, id);
  if (!r || !canSee(actor, r)) throw notFound();
  const now = Date.now();
  const [item, household, grid, timeline, fileList, whistleRows, accountability, origin, room] = await Promise.all([
    r.itemId ? serviceItemById(db, r.countyId, r.itemId) : null,
    r.householdId ? db.select({ address: households.address }).from(households).where(and(eq(households.countyId, r.countyId), eq(households.id, r.householdId))).then((x) => x[0]) : undefined,
    r.gridId ? db.select({ name: grids.name }).from(grids).where(and(eq(grids.countyId, r.countyId), eq(grids.id, r.gridId))).then((x) => x[0]) : undefined,
    timelineOf(db, r.countyId, r.id),
    listFiles(db, r.countyId, CASE_ENTITY, r.id),
    db.select({ id: whistles.id, number: whistles.number, title: whistles.title }).from(whistleCases)
      .innerJoin(whistles, and(eq(whistles.countyId, whistleCases.countyId), eq(whistles.id, whistleCases.whistleId)))
      .where(and(eq(whistleCases.countyId, r.countyId), eq(whistleCases.caseId, r.id))),
    accountabilityViews(db, and(eq(accountabilityRecords.countyId, r.countyId), eq(accountabilityRecords.caseId, r.id))!),
    db.select({ tier: orgs.tier }).from(orgs).where(and(eq(orgs.countyId, r.countyId), eq(orgs.id, r.orgId))).then((x) => x[0]),
    // the registering unit's service room (name, phone) as the guide shows it
    serviceRoomsOf(db, r.countyId, r.orgId).then((rooms) => rooms?.find((x) => x.orgId === r.orgId) ?? null),
  ]);
  return {
    ...summaryView(r, now, await dueSoonMs(db, r.countyId), await countyCalendar(db, r.countyId)),
    description: r.description, itemId: r.itemId, promisedDays: item?.promisedDays ?? null,
    householdId: r.householdId, householdAddress: household?.address ?? null, residentId: r.residentId,
    gridId: r.gridId, gridName: grid?.name ?? null,
    requesterPhone: holds(actor, r) || r.firstResponderId === actor.userId ? r.requesterPhone : maskPhone(r.requesterPhone),
    address: r.address, lat: r.lat, lon: r.lon, reply: r.reply, ratingComment: r.ratingComment,
    ratedAt: r.ratedAt?.toISOString() ?? null, closedAt: r.closedAt?.toISOString() ?? null, pausedSince: r.pausedSince?.toISOString() ?? null,
    timeline, files: fileList, whistles: whistleRows, accountability, actions: allowedActions(actor, r), portalAccess: null,
    materialsReceived: r.materialsReceived, contactPhone: room?.phone ?? item?.contactPhone ?? null,
    orgServiceName: room?.name ?? residentUnitName(origin?.tier ?? 'village', r.orgName), promiseChanges: promiseChanges(timeline),
  };
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
  const item = q.itemId ? await serviceItemById(db, actor.countyId, q.itemId) : null;
  if (q.itemId && !item) throw unprocessable('notFound', 'itemId');
  const origin = await originOf(db, actor, q.orgId);
  const owner = origin.tier === 'village' ? await unitOf(db, actor.countyId, origin.path, 'village') ?? origin : await initialOwner(db, actor.countyId, origin);
  const tier: Tier = owner.tier === 'township' ? 'township' : 'village';
  const now = Date.now();
  const ctx = await machineContext(db, actor.countyId, item?.id ?? null, now);
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

export async function addEvent(tx: DbOrTx, c: { countyId: string; id: string }, who: { id: string | null; name: string | null }, e: EventInput): Promise<void> {
  await tx.insert(caseEvents).values({
    countyId: c.countyId, id: uuidv7(), caseId: c.id, at: e.at ?? new Date(), kind: e.kind, actorId: who.id, actorName: who.name,
    fromState: e.fromState ?? null, toState: e.toState ?? null, note: e.note ?? null, detail: e.detail ?? null,
  });
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

/**
 * Inserts a registered case with its first event, number and tracking code, and the files (the caller has
 * checked everything and holds the transaction). Used by staff intake, the portal and Open311.
 */
export async function insertCase(tx: Tx, reg: Registration, ctx: MachineContext): Promise<CaseRow & { portalSecret: string }> {
  const at = reg.at ?? new Date(ctx.now);
  const id = uuidv7();
  const number = await nextNumber(tx, reg.countyId, at);
  const ownerTier = reg.owner.tier === 'township' ? 'township' : 'village';
  const trackingCode = newTrackingCode();
  const portalSecret = newPortalSecret();
  const { input } = reg;
  // the machine's own first snapshot: the deadline and the promise as createCase, the preview and the portal count them
  const snap = newCase(reg.responder?.id ?? null, { tier: ownerTier, unitId: reg.owner.id }, { ...ctx, now: at.getTime() });
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
  await tx.insert(trackingCodes).values({ code: trackingCode, countyId: reg.countyId, caseId: id, secretHash: portalSecretHash(reg.countyId, trackingCode, portalSecret) });
  await addEvent(tx, row!, { id: reg.responder?.id ?? null, name: reg.responder?.name ?? null }, {
    kind: 'received', toState: 'received', at,
    detail: { channel: input.channel, owner: reg.owner.name, unit: residentUnitName(ownerTier, reg.owner.name), dueAt: row!.dueAt.toISOString(), promisedAt: new Date(snap.promisedAt).toISOString() },
  });
  for (const f of reg.files) {
    await saveFile(tx, reg.countyId, { entity: CASE_ENTITY, entityId: id }, f.upload, f.data, reg.responder?.id ?? null);
  }
  return { ...row!, portalSecret };
}

/** The registering unit of a staff intake: the caller's org (or one in scope), a village or township org. */
async function originOf(db: DbOrTx, actor: Actor, orgId: string | undefined): Promise<Unit> {
  const id = orgId ?? actor.orgId;
  if (!id) throw unprocessable('case.orgRequired', 'orgId');
  const [o] = await db.select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier }).from(orgs)
    .where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, id)));
  if (!o || !inScope(actor, o.path)) throw unprocessable('case.orgRequired', 'orgId');
  if (o.tier === 'county') throw unprocessable('case.orgTier', 'orgId');
  return o;
}

/** The unit that holds a case registered at `origin`: the village's service room, or the township hall. */
export async function initialOwner(db: DbOrTx, countyId: string, origin: Unit): Promise<Unit> {
  const unit = await unitOf(db, countyId, origin.path, origin.tier === 'village' ? 'village' : 'township');
  if (!unit) throw unprocessable('case.orgTier', 'orgId');
  return unit;
}

export async function createCase(db: Db, actor: Actor, input: CreateCaseInput): Promise<CaseDetail> {
  const problems: FieldProblem[] = [];
  const item = input.itemId ? await serviceItemById(db, actor.countyId, input.itemId) : null;
  if (input.itemId && !item) problems.push({ field: 'itemId', code: 'notFound' });
  if (item?.archived) problems.push({ field: 'itemId', code: 'case.itemArchived' });
  const category: CaseCategory | undefined = input.channel === 'gridReport' && !item ? 'fieldReport' : (item?.category ?? input.category);
  if (!category) problems.push({ field: 'category', code: 'case.categoryRequired' });
  if (input.channel === 'gridReport' && !input.fieldReportKind) problems.push({ field: 'fieldReportKind', code: 'case.fieldReportKind' });
  if (input.channel !== 'gridReport' && input.fieldReportKind) problems.push({ field: 'fieldReportKind', code: 'case.fieldReportOnly' });
  if (input.reply && input.reply.mode === 'promised') problems.push({ field: 'reply.mode', code: 'case.directReplyMode' });
  const origin = await originOf(db, actor, input.orgId);
  const village = origin.tier === 'village' ? await unitOf(db, actor.countyId, origin.path, 'village') : null;
  const area = village?.path ?? origin.path;
  if (input.householdId) {
    const [h] = await db.select({ path: sql<string>`${households.orgPath}::text` }).from(households).where(and(eq(households.countyId, actor.countyId), eq(households.id, input.householdId)));
    if (!h || !isWithin(h.path, area) || !inScope(actor, h.path)) problems.push({ field: 'householdId', code: 'case.household' });
    if (input.residentId) {
      const [r] = await db.select({ id: residents.id }).from(residents).where(and(eq(residents.countyId, actor.countyId), eq(residents.id, input.residentId), eq(residents.householdId, input.householdId)));
      if (!r) problems.push({ field: 'residentId', code: 'case.resident' });
    }
  } else if (input.residentId) problems.push({ field: 'residentId', code: 'case.resident' });
  if (input.gridId) {
    const [g] = await db.select({ path: sql<string>`${grids.orgPath}::text` }).from(grids).where(and(eq(grids.countyId, actor.countyId), eq(grids.id, input.gridId)));
    // the grid must lie in the case's village and in the caller's scope (a grid worker: their own grids)
    if (!g || !isWithin(g.path, area) || !inScope(actor, g.path)) problems.push({ field: 'gridId', code: 'case.grid' });
  }
  const files: Registration['files'] = [];
  (input.files ?? []).forEach((upload, i) => {
    const r = checkUpload(upload, `files.${i}`);
    if ('problem' in r) problems.push(r.problem);
    else files.push({ upload, data: r.data });
  });
  if (problems.length > 0) throw problemsError(problems);
  // the village unit was looked up above for the household check; a township origin holds its own case
  const owner = village ?? (await initialOwner(db, actor.countyId, origin));
  const now = Date.now();
  const ctx = await machineContext(db, actor.countyId, item?.id ?? null, now);
  const { id, portalAccess } = await db.transaction(async (tx) => {
    const row = await insertCase(tx, {
      countyId: actor.countyId, responder: { id: actor.userId, name: actor.displayName }, origin, owner,
      input: { ...input, category: category! }, files,
    }, ctx);
    if (input.reply) await step(tx, actor, row, { type: 'reply', mode: input.reply.mode }, ctx, { note: input.reply.text, reply: input.reply.text });
    await appendAudit(tx, byActor(actor, { action: 'case.create', entity: CASE_ENTITY, entityId: row.id, orgPath: row.orgPath, detail: { number: row.number, title: row.title, channel: row.channel, category } }));
    return { id: row.id, portalAccess: { trackingCode: row.trackingCode, secret: row.portalSecret } };
  });
  // the receipt's credentials, in this one answer only (the intake page prints them for the resident)
  return { ...(await detailView(db, actor, id)), portalAccess };
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
  await addEvent(tx, c, who, {
    kind: EVENT_OF[action.type], fromState: c.state, toState: next.state, note: extra.note ?? null, at,
    detail: action.type === 'forward'
      ? { to: extra.owner?.name, toTier: action.to.tier, unit: extra.owner ? residentUnitName(action.to.tier, extra.owner.name, extra.owner.departmentId !== null) : null, dueAt: iso(next.dueAt), promisedAt: iso(next.promisedAt) }
      : action.type === 'accept' ? (action.mode ? { mode: action.mode, dueAt: iso(next.dueAt), ...promise } : null)
      : action.type === 'reply' ? { mode: action.mode }
      : action.type === 'rate' ? { score: action.score }
      : action.type === 'resume' ? { pausedMs: next.dueAt - c.dueAt.getTime(), dueAt: iso(next.dueAt), trip: extra.trip ?? false, ...promise }
      : null,
  });
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
