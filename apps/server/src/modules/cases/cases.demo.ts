// Two years of 办件 and 吹哨报到 in 示范县 (issue 4 part 9; the residents' requests in cases.demo.stories.ts, the
// whistle themes in whistles/whistles.demo.themes.ts), so the case, statistics, accountability and whistle
// pages have something to show on first start. Deterministic (seeded PRNG) for a given end instant.
//
// Every case is played through the same pure state machine the API uses (cases.machine.ts), with the deadline
// rule of cases.service.ts (the item's promised working days at its own tier, else the county defaults) and a
// model of the deadlines job (cases.deadlines.ts: due-soon and overdue marks once per deadline, escalation,
// one 过错责任追究 record per missed deadline, notices): the timeline, due_at, marks and records are what the
// live system would have written had the steps been taken through the API on those days (a pause for the
// resident's papers moves the deadline by the working days it covered, cases.service's resumeDue).
//
// Who acts. The six demo accounts hold 青山村 (demo-village; demo-grid for 青山村第一网格's 六报), 青山乡
// (demo-township) and 县民政局 (demo-dept). A case registered by staff needs its 首问负责人, so every other unit
// that appears in the history gets one account of its own, made here the same way demo.seed.ts makes the six
// (same password): each village's 书记 (the seeded secretary, as 张德明 is for 青山村), who runs the village's
// service room and registers its walk-ins, calls, hotlines and the grid leaders' 六报; one cadre for each of the
// other three townships (forwarded cases, whistles, reviews); one handler for each other county department
// (forwarded cases, whistle reports). Portal (web) and Open311 requests start without a first responder; the
// cadre who first acts on one becomes it, as in the API.
import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  CASE_CATEGORY_LABELS, POLICY_DEFINITIONS, type CaseCategory, type CaseChannel, type CaseEventKind, type CaseMode, type FieldReportKind,
} from '@jiceng/contract';
import { rowsOf, type Tx } from '../../db/client.js';
import { loginNames, users } from '../../platform/auth/auth.tables.js';
import { addCalendarDays, dueDay, endOfShanghaiDay, isWorkday, shanghaiDay } from '../../platform/calendar/working-days.js';
import { accountabilityRecords, caseCounters, caseEvents, cases, notifications, trackingCodes } from './cases.tables.js';
import { residentUnitName, resumeDue } from './cases.service.js';
import { applyCaseAction, newCase, type CaseAction, type CaseSnapshot, type MachineContext, type Owner, type Tier } from './cases.machine.js';
import { whistleCases, whistleReports, whistles } from '../whistles/whistles.tables.js';
import { DEMO_SERVICE_ITEMS } from '../demo/demo.catalog.js';
import { VILLAGE_PLACES, type VillagePlace } from '../demo/demo.places.js';
import { Rng, mobile, personName } from '../demo/demo.random.js';
import type { SeedOrg } from '../demo/demo.people.js';
import { TEMPLATES, pick, type Ctx, type Modes, type Story, type Target, type Template } from './cases.demo.stories.js';
import { WHISTLE_THEMES, type WhistleTheme } from '../whistles/whistles.demo.themes.js';

export interface CaseCounts {
  cases: number;
  open: number;
  overdue: number;
  late: number;
  forwarded: number;
  rated: number;
  events: number;
  accountability: number;
  notifications: number;
  whistles: number;
  whistleReports: number;
  /** accounts made here (village secretaries, township cadres, department handlers) */
  accounts: number;
  usernames: string[];
}

export interface CaseSeedInput {
  countyId: string;
  orgs: Map<string, SeedOrg>;
  deptIds: Map<string, string>;
  passwordHash: string;
  /** the end of the history (default: now); cases after it have not happened yet */
  now?: Date;
}

const SEED = 20100202; // 篇三: 《党的建设》2010年第2期
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const HISTORY_DAYS = 730;
const DEFAULT_DAYS: Record<Tier, number> = {
  village: POLICY_DEFINITIONS['case.villageDays'].default,
  township: POLICY_DEFINITIONS['case.townshipDays'].default,
  county: POLICY_DEFINITIONS['case.countyDays'].default,
};
const DUE_SOON_MS = POLICY_DEFINITIONS['case.dueSoonHours'].default * HOUR;
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** The four townships; 青山乡 is demo-township's, the others get a cadre's account here. */
const TOWNSHIP_TITLE: Record<string, string> = { 'SFX-CG': '城关镇党委', 'SFX-QS': '青山乡党委', 'SFX-HK': '河口镇党委', 'SFX-DF': '东风街道党工委' };
export const DEPT_SHORT: Record<string, string> = {
  MZ: '县民政局', RS: '县人社局', ZR: '县自然资源局', ZJ: '县住建局', WJ: '县卫健局', LY: '县林业局', CL: '县残联', NY: '县农业农村局', GA: '县公安局', XF: '县信访局',
};
/** Cases a village or community registers in an average week. */
const WEEKLY: Record<string, number> = {
  'SFX-CG-DM': 4, 'SFX-CG-XJ': 3, 'SFX-CG-HQ': 3.5, 'SFX-CG-LS': 2.5, 'SFX-QS-QS': 3.5, 'SFX-QS-SM': 2.5, 'SFX-QS-BG': 2.5, 'SFX-QS-CY': 2.5,
  'SFX-HK-HK': 3.5, 'SFX-HK-SH': 2.5, 'SFX-HK-XQ': 2.5, 'SFX-HK-YY': 2.5, 'SFX-DF-DF': 4, 'SFX-DF-HP': 3, 'SFX-DF-XF': 3, 'SFX-DF-JS': 3,
};

// ——— time on the Asia/Shanghai calendar ———

const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => shanghaiDay(new Date(ms));
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - 8 * HOUR;
const atMinute = (day: string, minute: number) => dayStart(day) + minute * MIN;
const minuteOf = (ms: number) => Math.floor((ms - dayStart(dayOf(ms))) / MIN);
const OPEN = 8 * 60 + 30;
const CLOSE = 17 * 60 + 30;

const workdays = new Map<string, boolean>();
function workday(day: string): boolean {
  let w = workdays.get(day);
  if (w === undefined) workdays.set(day, (w = isWorkday(day)));
  return w;
}
const nextWorkday = (day: string) => {
  let d = addCalendarDays(day, 1);
  while (!workday(d)) d = addCalendarDays(d, 1);
  return d;
};
const prevWorkday = (day: string) => {
  let d = addCalendarDays(day, -1);
  while (!workday(d)) d = addCalendarDays(d, -1);
  return d;
};
const officeMinute = (rng: Rng) => (rng.chance(0.55) ? rng.int(OPEN, 11 * 60 + 50) : rng.int(14 * 60, CLOSE - 10));

/** A staff moment `lo`–`hi` minutes after `ms`, moved to the next working morning when it falls outside office hours. */
function later(rng: Rng, ms: number, lo: number, hi: number): number {
  const c = ms + rng.int(lo, hi) * MIN;
  const day = dayOf(c);
  const m = minuteOf(c);
  if (workday(day) && m >= OPEN && m <= CLOSE) return c;
  const d = workday(day) && m < OPEN ? day : nextWorkday(day);
  return Math.max(atMinute(d, OPEN + rng.int(0, 150)), ms + MIN);
}

/** Office time on the k-th working day after `ms`'s day (k = 0: later that day when there is time, else the next). */
function onWorkday(rng: Rng, ms: number, k: number): number {
  let day = dayOf(ms);
  if (k === 0) {
    const m = minuteOf(ms);
    if (workday(day) && m < CLOSE - 20) return ms + rng.int(10, Math.min(240, CLOSE - m)) * MIN;
    k = 1;
  }
  for (let i = 0; i < k; i++) day = nextWorkday(day);
  return Math.max(atMinute(day, officeMinute(rng)), ms + MIN);
}

const dueCache = new Map<string, number>();
/** cases.service's deadline: the end of the n-th working day after the day of `from` (no county overrides in the demo). */
function dueFrom(from: number, days: number): number {
  const day = dayOf(from);
  const key = `${day}|${days}`;
  let due = dueCache.get(key);
  if (due === undefined) dueCache.set(key, (due = endOfShanghaiDay(dueDay(day, days)).getTime()));
  return due;
}

/**
 * Multi-row insert of typed rows as one jsonb parameter: building ~45,000 rows value by value through the query
 * builder costs several times what the database needs to store them. Keys are the table's property names (so the
 * rows stay type-checked); a column never given keeps its default; the same SQL runs on PGlite and PostgreSQL.
 */
async function insertRows<T extends Table>(tx: Tx, table: T, rows: T['$inferInsert'][], size = 2000): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>)
    .filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const defs = columns.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(', ');
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size).map((r) => Object.fromEntries(columns.map(([key, c]) => [c.name, (r as Record<string, unknown>)[key] ?? null])));
    await tx.execute(sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${sql.raw(defs)})`);
  }
}

// ——— the seeded county, as the cases need it ———

export interface Who {
  id: string | null;
  name: string | null;
}

/** A unit that can hold a case: a village's service room, a township hall or a county department. */
export interface Unit {
  tier: Tier;
  unitId: string;
  orgId: string | null;
  deptId: string | null;
  path: string | null;
  /** the org's or department's name, as the API puts it in `forwarded` and `received` events */
  name: string;
  staff: Who;
  /** where the deadlines job escalates an overdue case held here (township for a village, else the county) */
  supervisor: { id: string; name: string } | null;
}

export interface Person {
  id: string;
  name: string;
  male: boolean;
  birth: string | null;
  relation: string;
  phone: string | null;
}

export interface Hh {
  id: string;
  gridId: string | null;
  address: string;
  head: string;
  phone: string | null;
  tags: string[];
  people: Person[];
}

export interface GridInfo {
  id: string;
  index: number;
  name: string;
  code: string;
  households: Hh[];
}

export interface Village {
  key: string;
  org: SeedOrg;
  place: VillagePlace;
  short: string;
  rural: boolean;
  townshipKey: string;
  unit: Unit;
  township: Unit;
  grids: GridInfo[];
  households: Hh[];
  picks: Map<string, { h: Hh; p: Person & { age: number } }[]>;
}

const ageAt = (birth: string | null, day: string) => {
  if (!birth) return 40;
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) >= birth.slice(5) ? years : years - 1;
};

// ——— one case, played through the machine ———

interface EventRow {
  at: number;
  kind: CaseEventKind;
  who: Who;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  detail: Record<string, unknown> | null;
}

interface Notice {
  kind: 'dueSoon' | 'overdue' | 'escalated';
  orgId: string | null;
  deptId: string | null;
  at: number;
}

interface Missed {
  dueAt: number;
  raisedAt: number;
  responsible: string | null;
  owner: Unit;
}

const EVENT_OF: Record<CaseAction['type'], CaseEventKind> = {
  accept: 'accepted', forward: 'forwarded', wait: 'waiting', resume: 'resumed', reply: 'replied', rate: 'rated', close: 'closed',
};

class Sim {
  snap: CaseSnapshot;
  owner: Unit;
  departmentIds: string[] = [];
  firstResponderId: string | null;
  /** the person holding it at the current unit (registered or took it up there; none right after a forward) — named
   *  by an accountability record, as the deadlines job does */
  holderId: string | null;
  trips: number;
  mode: CaseMode | null = null;
  reply: string | null = null;
  repliedAt: number | null = null;
  rating: number | null = null;
  ratingComment: string | null = null;
  ratedAt: number | null = null;
  /** who recorded the rating (null: the resident on the portal) */
  ratedBy: string | null = null;
  closedAt: number | null = null;
  dueSoonAt: number | null = null;
  overdueAt: number | null = null;
  escalation = 0;
  events: EventRow[] = [];
  notices: Notice[] = [];
  missed: Missed[] = [];
  /** the instant of the last thing that happened (the job model looks at the time after it) */
  last: number;
  stopped = false;
  updatedAt: number;

  constructor(
    private readonly rng: Rng,
    private readonly cutoff: number,
    private readonly item: { tier: Tier; days: number } | null,
    owner: Unit,
    at: number,
    responder: Who | null,
    channel: CaseChannel,
  ) {
    this.owner = owner;
    this.snap = newCase(responder?.id ?? null, { tier: owner.tier, unitId: owner.unitId }, this.ctx(at));
    this.firstResponderId = responder?.id ?? null;
    this.holderId = responder?.id ?? null;
    this.trips = channel === 'walkIn' ? 1 : 0;
    this.last = at;
    this.updatedAt = at;
    this.events.push({ at, kind: 'received', who: responder ?? { id: null, name: null }, fromState: null, toState: 'received', note: null, detail: { channel, owner: owner.name, unit: residentUnitName(owner.tier, owner.name), dueAt: iso(this.snap.dueAt), promisedAt: iso(this.snap.promisedAt) } });
  }

  private ctx(now: number): MachineContext {
    return {
      now,
      dueFor: (o: Owner, from: number) => dueFrom(from, this.item && this.item.tier === o.tier ? this.item.days : DEFAULT_DAYS[o.tier]),
      // the promise to the resident: the item's days from receipt, whatever the tier (machineContext's promiseFor)
      promiseFor: (o: Owner, from: number) => dueFrom(from, this.item ? this.item.days : DEFAULT_DAYS[o.tier]),
      resumeDue: (due: number, since: number, at: number) => resumeDue(due, since, at),
    };
  }

  get state() {
    return this.snap.state;
  }

  /** false when `at` lies after the end of the history: this and every later step have not happened yet */
  private begin(at: number): boolean {
    if (this.stopped) return false;
    if (at < this.last) throw new Error(`demo case: a step at ${iso(at)} before the last one at ${iso(this.last)}`);
    if (at > this.cutoff) {
      this.finish();
      return false;
    }
    this.sweep(at);
    return true;
  }

  finish() {
    if (this.stopped) return;
    this.sweep(this.cutoff);
    this.stopped = true;
  }

  /**
   * The deadlines job between the last step and `until`: it runs every minute, so a mark lands within a minute of
   * its condition, and always before the next step (or the end of the history: the job's first run after the seed
   * finds nothing left to mark).
   */
  private sweep(until: number) {
    const s = this.snap;
    const fire = (from: number) => Math.min(from + this.rng.int(1, 59_000), until - 2);
    if (s.state === 'received' || s.state === 'inProgress') {
      const due = s.dueAt;
      const soonFrom = Math.max(this.last, due - DUE_SOON_MS);
      if (this.dueSoonAt === null && soonFrom < until - 2 && soonFrom < due) {
        const t = fire(soonFrom);
        if (t < due) {
          this.dueSoonAt = t;
          this.events.push({ at: t, kind: 'dueSoon', who: { id: null, name: null }, fromState: null, toState: null, note: null, detail: { dueAt: iso(due) } });
          this.notices.push({ kind: 'dueSoon', orgId: this.owner.orgId, deptId: this.owner.deptId, at: t });
          this.last = t;
        }
      }
      const overFrom = Math.max(this.last, due + 1);
      if (this.overdueAt === null && overFrom < until - 2) {
        const t = fire(overFrom);
        this.overdueAt = t;
        this.escalation++;
        this.events.push({ at: t, kind: 'overdue', who: { id: null, name: null }, fromState: null, toState: null, note: null, detail: { dueAt: iso(due) } });
        this.notices.push({ kind: 'overdue', orgId: this.owner.orgId, deptId: this.owner.deptId, at: t });
        this.missed.push({ dueAt: due, raisedAt: t, responsible: this.holderId, owner: this.owner });
        const sup = this.owner.supervisor;
        if (sup) {
          this.events.push({ at: t + 1, kind: 'escalated', who: { id: null, name: null }, fromState: null, toState: null, note: null, detail: { to: sup.name } });
          this.notices.push({ kind: 'escalated', orgId: sup.id, deptId: null, at: t });
        }
        this.last = t + 1;
      }
    }
  }

  /** One staff (or resident) step, as cases.service's step() writes it. */
  step(action: CaseAction, at: number, who: Who, extra: { note?: string | null; reply?: string; comment?: string | null; owner?: Unit; trip?: boolean; staff?: boolean } = {}): boolean {
    if (!this.begin(at)) return false;
    const prev = this.snap;
    const r = applyCaseAction(prev, action, this.ctx(at));
    if (!r.ok) throw new Error(`demo case: ${action.type} refused in ${prev.state} (${r.code})`);
    const next = r.next;
    this.snap = next;
    if (!this.firstResponderId && (extra.staff ?? true) && who.id) this.firstResponderId = who.id;
    if (action.type === 'forward') this.holderId = null;
    else if ((action.type === 'accept' || action.type === 'wait' || action.type === 'resume') && (extra.staff ?? true) && who.id) this.holderId = who.id;
    if (action.type === 'reply') {
      this.mode = action.mode;
      this.reply = extra.reply ?? null;
      this.repliedAt = at;
    }
    if (action.type === 'rate') {
      this.rating = action.score;
      this.ratingComment = extra.comment ?? null;
      this.ratedAt = at;
      this.ratedBy = who.id ?? null;
    }
    if (action.type === 'close') this.closedAt = at;
    if (action.type === 'forward' && extra.owner) {
      this.owner = extra.owner;
      if (extra.owner.deptId && !this.departmentIds.includes(extra.owner.deptId)) this.departmentIds.push(extra.owner.deptId);
    }
    if (action.type === 'forward' || action.type === 'resume') {
      this.dueSoonAt = null;
      this.overdueAt = null;
    }
    if (extra.trip) this.trips++;
    this.events.push({
      at, kind: EVENT_OF[action.type], who, fromState: prev.state, toState: next.state, note: extra.note ?? null,
      detail: action.type === 'forward'
        ? { to: extra.owner?.name, toTier: action.to.tier, unit: extra.owner ? residentUnitName(extra.owner.tier, extra.owner.name, extra.owner.deptId !== null) : null, dueAt: iso(next.dueAt), promisedAt: iso(next.promisedAt) }
        : action.type === 'reply' ? { mode: action.mode }
        : action.type === 'rate' ? { score: action.score }
        : action.type === 'resume'
          ? { pausedMs: next.dueAt - prev.dueAt, dueAt: iso(next.dueAt), trip: extra.trip ?? false, promisedFrom: iso(prev.promisedAt), promisedAt: iso(next.promisedAt) }
        : null,
    });
    this.last = at;
    this.updatedAt = at;
    return true;
  }

  /** A step without a state change: a note, another trip, a whistle. */
  event(kind: CaseEventKind, at: number, who: Who, note: string | null, detail: Record<string, unknown> | null = null): boolean {
    if (!this.begin(at)) return false;
    if (kind === 'trip') {
      this.trips++;
      detail = { trips: this.trips };
    }
    this.events.push({ at, kind, who, fromState: null, toState: null, note, detail });
    this.last = at;
    this.updatedAt = at;
    return true;
  }
}

// ——— the seed ———

export async function seedCases(tx: Tx, input: CaseSeedInput): Promise<CaseCounts> {
  const { countyId, orgs, deptIds } = input;
  const cutoff = (input.now ?? new Date()).getTime();
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await tx.execute(query));
  const org = (key: string) => orgs.get(key)!;
  const county = [...orgs.values()].find((o) => o.parentKey === null)!;
  const staffRng = new Rng(SEED + 1);

  // — accounts: the six demo ones, and one for each other unit that acts in the history —
  const existing = await q<{ id: string; username: string; display_name: string }>(sql`select id, username, display_name from users where county_id = ${countyId}`);
  const account = (username: string): Who => {
    const u = existing.find((x) => x.username === username)!;
    return { id: u.id, name: u.display_name };
  };
  const secretaries = new Map((await q<{ code: string; name: string }>(sql`
    select o.code, m.name from member_positions p
      join members m on m.county_id = p.county_id and m.id = p.member_id
      join orgs o on o.county_id = p.county_id and o.id = p.org_id
     where p.county_id = ${countyId} and p.kind = 'secretary' and p.ended_on is null and o.tier = 'village'
     order by o.code`)).map((r) => [r.code, r.name]));
  const userRows: (typeof users.$inferInsert)[] = [];
  const newAccount = (username: string, displayName: string, role: 'villageCadre' | 'townshipAdmin' | 'departmentHandler', o: SeedOrg | null, deptId: string | null): Who => {
    const id = uuidv7();
    userRows.push({ countyId, id, username, displayName, role, orgId: o?.id ?? null, orgPath: o?.path ?? null, departmentId: deptId, passwordHash: input.passwordHash });
    return { id, name: displayName };
  };

  const townships = new Map<string, Unit>();
  for (const key of Object.keys(TOWNSHIP_TITLE)) {
    const o = org(key);
    const staff = key === 'SFX-QS' ? account('demo-township')
      : newAccount(`demo-t-${key.slice(4).toLowerCase()}`, `${TOWNSHIP_TITLE[key]} ${personName(staffRng, staffRng.chance(0.6), staffRng.int(1972, 1990))}`, 'townshipAdmin', o, null);
    townships.set(key, { tier: 'township', unitId: o.id, orgId: o.id, deptId: null, path: o.path, name: o.name, staff, supervisor: { id: county.id, name: county.name } });
  }
  const departments = new Map<string, Unit>();
  const deptNames = new Map((await q<{ id: string; name: string }>(sql`select id, name from departments where county_id = ${countyId}`)).map((d) => [d.id, d.name]));
  for (const [code, id] of deptIds) {
    const name = deptNames.get(id)!;
    const staff = code === 'MZ' ? account('demo-dept')
      : newAccount(`demo-d-${code.toLowerCase()}`, `${DEPT_SHORT[code]} ${personName(staffRng, staffRng.chance(0.6), staffRng.int(1970, 1992))}`, 'departmentHandler', null, id);
    departments.set(code, { tier: 'county', unitId: id, orgId: null, deptId: id, path: null, name, staff, supervisor: { id: county.id, name: county.name } });
  }

  // — the people the cases are about —
  const hhRows = await q<{ id: string; org_id: string; grid_id: string | null; address: string; head_name: string; phone: string | null; visit_tags: string[] }>(sql`
    select id, org_id, grid_id, address, head_name, phone, visit_tags from households where county_id = ${countyId} order by address`);
  const resRows = await q<{ id: string; household_id: string; name: string; gender: string | null; relation: string; birth_date: string | null; phone: string | null; is_head: boolean }>(sql`
    select id, household_id, name, gender, relation, birth_date::text as birth_date, phone, is_head from residents where county_id = ${countyId}
     order by is_head desc, birth_date, name, relation`);
  const gridRows = await q<{ id: string; org_id: string; code: string; name: string }>(sql`select id, org_id, code, name from grids where county_id = ${countyId} order by code`);
  const itemRows = await q<{ id: string; code: string }>(sql`select id, code from service_items where county_id = ${countyId}`);
  const items = new Map(itemRows.map((r) => {
    const d = DEMO_SERVICE_ITEMS.find((i) => i.code === r.code)!;
    return [r.code, { id: r.id, tier: d.tier, days: d.days, name: d.name, category: d.category as CaseCategory }];
  }));
  const people = new Map<string, Person[]>();
  for (const r of resRows) {
    const list = people.get(r.household_id) ?? [];
    list.push({ id: r.id, name: r.name, male: r.gender === 'male', birth: r.birth_date, relation: r.relation, phone: r.phone });
    people.set(r.household_id, list);
  }

  const villages: Village[] = [];
  for (const [key, place] of Object.entries(VILLAGE_PLACES)) {
    const o = org(key);
    const townshipKey = o.parentKey!;
    const staff = key === 'SFX-QS-QS' ? account('demo-village')
      : newAccount(`demo-v-${key.slice(7).toLowerCase()}`, `${place.name}书记 ${secretaries.get(key) ?? personName(staffRng, true, 1970)}`, 'villageCadre', o, null);
    const township = townships.get(townshipKey)!;
    const households: Hh[] = hhRows.filter((h) => h.org_id === o.id).map((h) => ({
      id: h.id, gridId: h.grid_id, address: h.address, head: h.head_name, phone: h.phone, tags: h.visit_tags, people: people.get(h.id) ?? [],
    }));
    const grids: GridInfo[] = gridRows.filter((g) => g.org_id === o.id).map((g, index) => ({ id: g.id, index, name: g.name, code: g.code, households: households.filter((h) => h.gridId === g.id) }));
    villages.push({
      key, org: o, place, short: place.name, rural: o.sector !== 'community', townshipKey,
      unit: { tier: 'village', unitId: o.id, orgId: o.id, deptId: null, path: o.path, name: o.name, staff, supervisor: { id: township.orgId!, name: township.name } },
      township, grids, households, picks: new Map(),
    });
  }
  const gridWorker = { who: account('demo-grid'), org: org('SFX-QS-QS-B1-G1'), gridCode: 'SFX-QS-QS-W1' };

  // — cases —
  interface Draft {
    id: string;
    item: { id: string; tier: Tier; days: number; name: string; category: CaseCategory } | null;
    category: CaseCategory;
    title: string;
    description: string;
    channel: CaseChannel;
    fieldReportKind: FieldReportKind | null;
    householdId: string | null;
    residentId: string | null;
    gridId: string | null;
    orgId: string;
    orgPath: string;
    requesterName: string | null;
    requesterPhone: string | null;
    address: string | null;
    lat: number | null;
    lon: number | null;
    receivedAt: number;
    sim: Sim;
    township: Unit;
  }
  const drafts: Draft[] = [];
  const rng = new Rng(SEED);
  const today = dayOf(cutoff);
  const first = addCalendarDays(today, -HISTORY_DAYS);

  /** Everyone of a village with their age in the middle of a year (built once per village and year). */
  const aged = new Map<string, { h: Hh; p: Person & { age: number } }[]>();
  const agedIn = (v: Village, year: string) => {
    let list = aged.get(`${v.key}|${year}`);
    if (!list) {
      list = [];
      for (const h of v.households) for (const p of h.people) list.push({ h, p: { ...p, age: ageAt(p.birth, `${year}-07-01`) } });
      aged.set(`${v.key}|${year}`, list);
    }
    return list;
  };
  /** The person a template is about, from the village's households (candidates cached per template and year). */
  const choose = (v: Village, t: Template, r: Rng, day: string) => {
    const who = t.who;
    if (!who) return null;
    const key = `${t.key}|${day.slice(0, 4)}`;
    let list = v.picks.get(key);
    if (!list) {
      list = agedIn(v, day.slice(0, 4)).filter(({ h, p }) => who(p, h));
      v.picks.set(key, list);
    }
    for (let i = 0; i < 6 && list.length > 0; i++) {
      const { h, p } = r.pick(list);
      const exact = { ...p, age: ageAt(p.birth, day) };
      if (who(exact, h)) return { h, p: exact };
    }
    return null;
  };

  const spotOf = (v: Village, g: GridInfo, r: Rng) => {
    if (v.rural) return `${v.short}${g.index * 2 + r.int(1, 2)}组`;
    const streets = v.place.streets ?? ['中心路'];
    return streets[g.index % streets.length]!;
  };
  const pointIn = (v: Village, g: GridInfo, r: Rng) => {
    const n = v.grids.length;
    const x = v.place.lon + (v.place.w * (g.index + 0.2 + r.next() * 0.6)) / n;
    const y = v.place.lat + v.place.h * (0.15 + r.next() * 0.7);
    return { lon: Math.round(x * 1e6) / 1e6, lat: Math.round(y * 1e6) / 1e6 };
  };

  const unitOf = (v: Village, target: Target): Unit => (target === 'township' ? v.township : departments.get(target)!);

  /** Registration of one case and its whole story, as far as it has happened by the cutoff. */
  const play = (v: Village, t: Template, day: string, at: number, evening: number, r: Rng, flags: { stuck: boolean; hang: boolean }) => {
    const chosen = choose(v, t, r, day);
    if (t.who && !chosen) return;
    const h = chosen?.h ?? null;
    const grid = (h && v.grids.find((g) => g.id === h.gridId)) || r.pick(v.grids);
    const month = Number(day.slice(5, 7));
    // channel (a portal or Open311 request needs the resident's own words)
    const c: Ctx = {
      rng: r, v, h, p: chosen?.p ?? null, g: grid, channel: 'walkIn', day, month, year: Number(day.slice(0, 4)),
      spot: spotOf(v, grid, r), street: spotOf(v, grid, r),
    };
    let channels = Object.entries(t.channels) as [CaseChannel, number][];
    if (!workday(day)) channels = channels.map(([ch, w]) => [ch, ch === 'walkIn' ? w * 0.3 : w]);
    c.channel = r.weighted(channels);
    const story = t.story(c);
    if ((c.channel === 'web' || c.channel === 'open311') && !story.self) c.channel = t.channels.walkIn ? 'walkIn' : 'phone';
    // calls, hotlines and the portal also come in the evening; the service room and the grid rounds keep office hours
    const receivedAt = c.channel === 'walkIn' || c.channel === 'gridReport' ? at : at + evening;
    if (receivedAt >= cutoff) return;
    const portal = c.channel === 'web' || c.channel === 'open311';
    const item = t.item ? items.get(t.item)! : null;
    const category: CaseCategory = item?.category ?? (t.report ? 'fieldReport' : t.category!);
    // who registers it: the grid worker for 青山村第一网格's 六报, the village's service room for the rest
    const byGridWorker = c.channel === 'gridReport' && grid.code === gridWorker.gridCode;
    const responder = portal ? null : byGridWorker ? gridWorker.who : v.unit.staff;
    const origin = byGridWorker ? gridWorker.org : v.org;
    // titles as the portal and Open311 make them: the item's name, else the category and the first words
    const title = portal && story.self
      ? item?.name ?? `${CASE_CATEGORY_LABELS[category]['zh-CN']}：${story.self.slice(0, 24)}${story.self.length > 24 ? '…' : ''}`
      : story.title;
    const person = chosen?.p ?? null;
    const withPerson = person && (t.report ? story.requester : true);
    const phone = withPerson ? (person.phone ?? h?.phone ?? mobile(r)) : null;
    const point = t.report ? pointIn(v, grid, r) : null;
    const sim = new Sim(r, cutoff, item, v.unit, receivedAt, responder, c.channel);
    // a portal request names its sender and address but is not linked to a household; Open311 lists its requests
    // publicly, so those carry no address
    drafts.push({
      id: uuidv7(), item, category, title, description: portal ? story.self! : story.description, channel: c.channel,
      fieldReportKind: t.report ?? null, householdId: portal ? null : (h?.id ?? null), residentId: portal ? null : (person?.id ?? null),
      gridId: portal ? null : (h?.gridId ?? grid.id), orgId: origin.id, orgPath: origin.path, requesterName: withPerson ? person.name : null,
      requesterPhone: phone, address: c.channel === 'open311' ? null : (h?.address ?? (t.report ? c.spot : null)),
      lat: point?.lat ?? null, lon: point?.lon ?? null, receivedAt, sim, township: v.township,
    });
    runStory(sim, story, c, v, r, receivedAt, portal, flags);
  };

  /** The answer's mode and words (to a portal or Open311 request, words that do not name the person if there are such). */
  const pickMode = (r: Rng, modes: Modes, texts: Partial<Record<CaseMode, string>>, avoid?: string): [CaseMode, string] => {
    const named = (m: CaseMode) => avoid !== undefined && texts[m]!.includes(avoid);
    const usable = modes.filter(([m]) => texts[m] && !named(m)).length ? modes.filter(([m]) => texts[m] && !named(m)) : modes.filter(([m]) => texts[m]);
    const mode = usable.length ? r.weighted(usable) : (Object.keys(texts)[0] as CaseMode);
    return [mode, texts[mode]!];
  };

  /** A reply time: on time, early in the allowed days, or (late) some working days after the deadline. */
  const replyTime = (r: Rng, t: number, due: number, late: boolean): number => {
    if (late || t >= due) return onWorkday(r, Math.max(t, due), late ? r.int(1, 4) : 0);
    const days: string[] = [];
    for (let d = dayOf(t); d <= dayOf(due); d = nextWorkday(d)) days.push(d);
    let k = 0;
    while (k < days.length - 1 && r.chance(0.45)) k++;
    const at = k === 0 ? onWorkday(r, t, 0) : atMinute(days[k]!, officeMinute(r));
    if (at < due && at > t) return at;
    // after hours on the last day: answered that evening
    return t + Math.max(MIN, Math.floor(r.next() * Math.min(due - t, 90 * MIN)));
  };

  const LOW = {
    late: ['处理太慢，超过了承诺的时间', '等的时间有点长，希望以后快一点', '催了几次才有回复'],
    trips: ['跑了好几趟，材料清单没有一次说清楚', '来回跑了两趟，希望一次告知清楚'],
    explained: ['问题没有解决，只是解释了一下政策', '回复太笼统，没说清楚下一步怎么办', '政策是解释清楚了，还是希望能帮忙想想办法'],
    other: ['一般，办理进度没有及时告知', '办是办了，态度一般', '还可以，流程有点繁琐'],
  };
  const HIGH = ['很满意，村干部跑前跑后，没让我多跑一趟', '办事效率高，态度好', '上门服务，很贴心', '谢谢帮忙代办，省了不少事', '当天就办好了，点赞', '解释得很清楚，满意'];

  const runStory = (sim: Sim, story: Story, c: Ctx, v: Village, r: Rng, t0: number, portal: boolean, flags: { stuck: boolean; hang: boolean }) => {
    const staffOf = () => sim.owner.staff;
    const avoid = portal ? c.p?.name : undefined;
    const counter = c.channel === 'walkIn';
    const phoneLike = c.channel === 'phone' || c.channel.startsWith('hotline:');
    let t = t0;
    const instant = !flags.stuck && !flags.hang && ((counter && r.chance(story.instant ?? 0)) || (phoneLike && r.chance(story.instantPhone ?? 0)));
    let late = false;
    if (instant) {
      const [mode, text] = pickMode(r, story.modes, story.reply, avoid);
      sim.step({ type: 'reply', mode }, t, v.unit.staff, { note: text, reply: text });
    } else if (sim.snap.dueAt - t0 < 20 * HOUR) {
      // a 即办 item (0 promised days) not answered at the counter: taken up and answered the same day
      late = r.chance(0.04);
      t = Math.min(t + r.int(3, 30) * MIN, sim.snap.dueAt - 2 * MIN);
      if (!sim.step({ type: 'accept' }, t, staffOf())) return;
      const [mode, text] = pickMode(r, story.modes, story.reply, avoid);
      t = late ? onWorkday(r, sim.snap.dueAt, 1) : t + Math.max(MIN, Math.floor(r.next() * Math.min(sim.snap.dueAt - t - MIN, 4 * HOUR)));
      if (!sim.step({ type: 'reply', mode }, t, staffOf(), { note: text, reply: text })) return;
    } else {
      const forward = story.forward && r.chance(story.forward.p) ? story.forward : null;
      const wait = !forward && !!story.waitNote && r.chance(story.wait ?? 0);
      late = r.chance(0.05);
      t = portal ? later(r, t, 20, 600) : later(r, t, 3, 90);
      if (forward && r.chance(0.3)) {
        // straight up, without taking it up first (the village only registers it)
      } else if (!sim.step({ type: 'accept' }, t, staffOf())) return;
      if (r.chance(0.12)) {
        t = later(r, t, 30, 600);
        if (!sim.event('note', t, staffOf(), pick(c, ['已电话联系申请人核实情况', '已入户核实，情况属实', '已与乡镇相关站所沟通办理事项', '已告知申请人办理进度']))) return;
      }
      let texts = story.reply;
      let modes = story.modes;
      if (forward) {
        for (let i = 0; i < forward.to.length; i++) {
          const to = unitOf(v, forward.to[i]!);
          t = later(r, t, 30, 60 * 30);
          if (!sim.step({ type: 'forward', to: { tier: to.tier, unitId: to.unitId } }, t, staffOf(), { note: forward.notes[i] ?? forward.notes[0]!, owner: to })) return;
          t = later(r, t, 20, 60 * 20);
          if (i < forward.to.length - 1 || r.chance(0.85)) {
            if (!sim.step({ type: 'accept' }, t, staffOf())) return;
          }
        }
        texts = forward.reply;
        modes = forward.modes;
      }
      if (wait || (flags.hang && story.waitNote)) {
        t = later(r, t, 30, 60 * 24);
        if (!sim.step({ type: 'wait' }, t, staffOf(), { note: story.waitNote! })) return;
        t = flags.hang ? cutoff + 30 * DAY : later(r, t + r.int(1, 8) * DAY, 0, 240);
        const trip = counter ? r.chance(0.7) : r.chance(0.3);
        if (!sim.step({ type: 'resume' }, t, staffOf(), { note: trip ? '申请人已到服务室补齐材料' : '申请人已通过微信发来补充材料', trip })) return;
      }
      if (counter && r.chance(0.07)) {
        t = later(r, t, 60, 60 * 48);
        if (!sim.event('trip', t, staffOf(), '群众来服务室询问办理进度')) return;
      }
      const [mode, text] = pickMode(r, modes, texts, avoid);
      t = flags.stuck ? cutoff + 40 * DAY : replyTime(r, t, sim.snap.dueAt, late);
      if (!sim.step({ type: 'reply', mode }, t, staffOf(), { note: text, reply: text })) return;
      late = t > sim.snap.dueAt;
    }
    // rating: the resident on the portal, or the service room's 回访 (or the counter's rating pad)
    const rates = portal ? c.channel === 'web' && r.chance(0.6) : r.chance(instant ? 0.85 : 0.78);
    const replied = t;
    if (rates) {
      const troubled = late || sim.trips >= 2 || sim.mode === 'explained';
      const score = r.weighted(late ? [[5, 15], [4, 30], [3, 30], [2, 18], [1, 7]] : troubled ? [[5, 45], [4, 38], [3, 11], [2, 4], [1, 2]] : [[5, 70], [4, 25.5], [3, 3.7], [2, 0.6], [1, 0.2]]);
      const why = late ? LOW.late : sim.trips >= 2 ? LOW.trips : sim.mode === 'explained' ? LOW.explained : LOW.other;
      const comment = score <= 3 ? r.pick(why) : r.chance(0.25) ? r.pick(HIGH) : null;
      t = instant && counter ? t + r.int(1, 4) * MIN : portal ? t + r.int(2, 72) * HOUR : later(r, t, 60, 60 * 72);
      const resident = portal;
      // the callback (回访): two in five by the township's service centre, outside the village — the ratings the
      // village's mass evaluation counts (issue 11); chosen from the time, so the demo's random stream is unchanged
      const caller = Math.floor(t / MIN) % 5 < 2 ? v.township.staff : staffOf();
      if (!sim.step({ type: 'rate', score }, t, resident ? { id: null, name: '群众' } : caller, { note: comment, comment, staff: !resident })) return;
      t = later(r, t, 10, 60 * 40);
      sim.step({ type: 'close' }, t, staffOf(), { note: score <= 2 ? '已向群众说明情况，办结归档' : null });
    } else {
      t = later(r, replied + r.int(3, 8) * DAY, 0, 120);
      sim.step({ type: 'close' }, t, staffOf(), { note: '已回访，群众未评价，按期办结' });
    }
  };

  // the everyday stream: Poisson arrivals per village and day, fewer on rest days
  for (let day = first; day <= today; day = addCalendarDays(day, 1)) {
    const month = Number(day.slice(5, 7));
    const wd = workday(day);
    for (const v of villages) {
      const lambda = (WEEKLY[v.key] ?? 3) / 5.6 * (wd ? 1 : 0.3);
      let n = 0;
      for (let p = Math.exp(-lambda), s = p, u = rng.next(); u > s; n++) {
        p *= lambda / (n + 1);
        s += p;
      }
      for (let i = 0; i < n; i++) {
        const weights = TEMPLATES.map((t) => [t, (typeof t.weight === 'function' ? t.weight(v) : t.weight) * (t.season?.(month) ?? 1)] as const).filter(([, w]) => w > 0);
        const t = rng.weighted(weights);
        const caseRng = new Rng(rng.int(0, 2 ** 31 - 1));
        const at = atMinute(day, wd ? officeMinute(rng) : rng.int(9 * 60, 17 * 60));
        const [u1, u2, u3, shift] = [rng.next(), rng.next(), rng.next(), rng.int(60, 180) * MIN];
        const age = cutoff - at;
        const stuck = age > 8 * DAY && age < 45 * DAY && u1 < 0.035;
        const hang = !stuck && age > 6 * DAY && age < 30 * DAY && u2 < 0.012;
        if (at >= cutoff) continue;
        play(v, t, day, at, wd && u3 < 0.12 ? shift : 0, caseRng, { stuck, hang });
      }
    }
  }

  // — whistles, with the cases they were blown about —
  interface WhistleDraft {
    id: string;
    number: string;
    theme: WhistleTheme;
    township: Unit;
    createdAt: number;
    hours: number;
    dueAt: number;
    closedAt: number | null;
    reports: { deptId: string; code: string; staff: Who; ack: number | null; arrive: number | null; report: number | null; result: string | null }[];
    caseIds: string[];
  }
  const wr = new Rng(SEED + 2);
  const whistleDrafts: WhistleDraft[] = [];
  const plans: { theme: WhistleTheme; at: number; recent?: boolean }[] = [];
  const workdayAt = (from: string, to: string, months?: number[]) => {
    const span = Math.max(0, Math.round((dayStart(to) - dayStart(from)) / DAY));
    for (let i = 0; i < 400; i++) {
      const d = addCalendarDays(from, wr.int(0, span));
      if (workday(d) && (!months || months.includes(Number(d.slice(5, 7))))) return atMinute(d, officeMinute(wr));
    }
    return null;
  };
  // every theme once in the two years, seven of them again, and two blown in the last days (still open)
  const early = addCalendarDays(first, 20);
  const lastOld = addCalendarDays(today, -12);
  for (const theme of WHISTLE_THEMES) {
    const at = workdayAt(early, lastOld, theme.months);
    if (at) plans.push({ theme, at });
  }
  for (const i of [1, 7, 12, 16, 8, 13, 2]) {
    const theme = WHISTLE_THEMES[i]!;
    const at = workdayAt(early, lastOld, theme.months);
    if (at && !plans.some((p) => p.theme === theme && Math.abs(p.at - at) < 120 * DAY)) plans.push({ theme, at });
  }
  let lastDay = today;
  for (const i of [4, 20]) {
    lastDay = prevWorkday(lastDay);
    plans.push({ theme: WHISTLE_THEMES[i]!, at: atMinute(lastDay, officeMinute(wr)), recent: true });
  }
  plans.sort((a, b) => a.at - b.at);
  // two departments that never reported (the whistle was closed without them), chosen among the older whistles
  const older = plans.filter((p) => !p.recent);
  const missingAt = new Set([older[Math.floor(older.length / 3)]?.at, older[Math.floor((older.length * 3) / 4)]?.at]);
  const wPerYear = new Map<number, number>();
  for (const { theme, at, recent = false } of plans) {
    const township = townships.get(theme.township)!;
    const v = villages.find((x) => x.key === theme.village)!;
    const hours = wr.weighted([[24, 4], [48, 4], [72, 2]] as const);
    const due = at + hours * HOUR;
    const codes = Object.keys(theme.results) as (keyof typeof DEPT_SHORT)[];
    const seen = (x: number | null) => (x !== null && x <= cutoff ? x : null);
    const reports = codes.map((code, i) => {
      const dept = departments.get(code)!;
      const ack = at + wr.int(5, 120) * MIN;
      const arrive = ack + wr.int(30, Math.max(60, Math.floor(hours * 0.4 * 60))) * MIN;
      const last = i === codes.length - 1;
      const missing = last && (missingAt.has(at) || (recent && due < cutoff));
      const lateReport = wr.chance(0.12);
      const report = missing ? null
        : lateReport ? due + wr.int(2, 30) * HOUR
        : Math.min(due - wr.int(10, 120) * MIN, arrive + wr.int(60, Math.max(61, Math.floor(hours * 0.5 * 60))) * MIN);
      const r = { deptId: dept.deptId!, code, staff: dept.staff, ack: seen(ack), arrive: missing && i % 2 === 0 ? null : seen(arrive), report: seen(report), result: null as string | null };
      if (r.arrive === null) r.report = null;
      if (r.report) r.result = theme.results[code]!;
      return r;
    });
    const lastReport = Math.max(...reports.map((r) => r.report ?? due + 24 * HOUR));
    const closeAt = later(wr, lastReport, 120, 60 * 30);
    // CS{year}-NNNN per county and year of creation (whistles.service's nextNumber)
    const year = new Date(at).getUTCFullYear();
    const n = (wPerYear.get(year) ?? 0) + 1;
    wPerYear.set(year, n);
    const w: WhistleDraft = {
      id: uuidv7(), number: `CS${year}-${String(n).padStart(4, '0')}`, theme, township, createdAt: at, hours, dueAt: due,
      closedAt: recent || closeAt > cutoff ? null : closeAt, reports, caseIds: [],
    };
    whistleDrafts.push(w);
    // the case(s) it was blown about: registered in the village a few days before, sent up to the township, whistled
    if (!theme.case || !(recent || wr.chance(0.75))) continue;
    const story = theme.case;
    const count = wr.chance(0.3) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const r = new Rng(wr.int(0, 2 ** 31 - 1));
      let day = dayOf(at);
      for (let j = r.int(1, 2); j > 0; j--) day = prevWorkday(day);
      const receivedAt = atMinute(day, officeMinute(r));
      const acceptAt = receivedAt + r.int(5, 40) * MIN;
      const forwardAt = Math.min(acceptAt + r.int(60, 240) * MIN, at - 3 * HOUR);
      const takenAt = forwardAt + r.int(10, 60) * MIN;
      const grid = r.pick(v.grids);
      const byGridWorker = story.channel === 'gridReport' && grid.code === gridWorker.gridCode;
      const resident = story.channel !== 'gridReport' ? r.pick(v.households) : null;
      const point = story.report ? pointIn(v, grid, r) : null;
      const origin = byGridWorker ? gridWorker.org : v.org;
      const sim = new Sim(r, cutoff, null, v.unit, receivedAt, byGridWorker ? gridWorker.who : v.unit.staff, story.channel);
      const id = uuidv7();
      drafts.push({
        id, item: null, category: story.report ? 'fieldReport' : story.category!, title: story.title,
        description: k === 0 ? story.description : `${story.description}（同一问题第${k + 1}次反映）`,
        channel: story.channel, fieldReportKind: story.report ?? null, householdId: resident?.id ?? null,
        residentId: resident?.people[0]?.id ?? null, gridId: resident?.gridId ?? grid.id, orgId: origin.id, orgPath: origin.path,
        requesterName: resident?.head ?? null, requesterPhone: resident ? (resident.phone ?? mobile(r)) : null, address: theme.place,
        lat: point?.lat ?? null, lon: point?.lon ?? null, receivedAt, sim, township,
      });
      w.caseIds.push(id);
      sim.step({ type: 'accept' }, acceptAt, v.unit.staff);
      sim.step({ type: 'forward', to: { tier: 'township', unitId: township.unitId } }, forwardAt, v.unit.staff, {
        note: '涉及多个部门职责，村(社区)无法单独处置，报请乡镇(街道)吹哨。', owner: township,
      });
      sim.step({ type: 'accept' }, takenAt, township.staff);
      sim.event('whistled', at, township.staff, theme.title, { whistleId: w.id, number: w.number });
      let t = later(r, w.closedAt ?? cutoff + 10 * DAY, 30, 60 * 20);
      sim.step({ type: 'reply', mode: 'direct' }, t, township.staff, { note: story.reply, reply: story.reply });
      if (r.chance(0.7)) {
        const score = r.weighted([[5, 70], [4, 25], [3, 5]] as const);
        const comment = score === 5 && r.chance(0.4) ? '几个部门一起来解决，效率高' : null;
        t = later(r, t, 60, 60 * 48);
        sim.step({ type: 'rate', score }, t, township.staff, { note: comment, comment });
      }
      sim.step({ type: 'close' }, later(r, t, 60, 60 * 48), township.staff);
    }
  }

  // — numbers, codes, and the rows —
  for (const d of drafts) d.sim.finish();
  drafts.sort((a, b) => a.receivedAt - b.receivedAt);
  const perYear = new Map<number, number>();
  const codeRng = new Rng(SEED + 3);
  const usedCodes = new Set<string>();
  const caseRows: (typeof cases.$inferInsert)[] = [];
  // the scope root of each staff account (a department's: none), kept with a callback's rating as the service does
  const staffPaths = new Map<string, string | null>(
    [...townships.values(), ...villages.map((v) => v.unit), ...departments.values()].filter((u) => u.staff.id).map((u) => [u.staff.id!, u.path]));
  const eventRows: (typeof caseEvents.$inferInsert)[] = [];
  const noticeRows: (typeof notifications.$inferInsert)[] = [];
  const accountRows: (typeof accountabilityRecords.$inferInsert)[] = [];
  const codeRows: (typeof trackingCodes.$inferInsert)[] = [];
  const reviewRng = new Rng(SEED + 4);
  const UPHELD = ['承办人未在时限内回复也未说明原因，责令作出书面检查', '超期未办结，对承办人进行提醒谈话，记入年度考评', '未及时转办导致超期，记入年度考评扣分'];
  const DISMISSED = ['因申请人补充材料延误，非承办人过错', '超期系上级审批环节延误，已督促相关站所', '遇暴雨灾害全员抢险，客观原因导致超期', '申请人要求延期上门核实，有书面记录'];
  const countyAdmin = account('demo-county');
  let open = 0;
  let overdueNow = 0;
  let late = 0;
  let forwarded = 0;
  let rated = 0;
  for (const d of drafts) {
    // 办件编号 YYYY-NNNNNN per county and year of receipt, in order (cases.service's nextNumber takes the UTC year;
    // no demo case arrives between midnight and 08:00, so that is also the Asia/Shanghai year)
    const year = new Date(d.receivedAt).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const num = `${year}-${String(n).padStart(6, '0')}`;
    let code: string;
    do code = Array.from({ length: 8 }, () => codeRng.pick([...CODE_ALPHABET])).join('');
    while (usedCodes.has(code));
    usedCodes.add(code);
    const s = d.sim;
    const state = s.state;
    if (state === 'received' || state === 'inProgress' || state === 'waitingOnResident') open++;
    if ((state === 'received' || state === 'inProgress') && s.snap.dueAt < cutoff) overdueNow++;
    if (s.repliedAt !== null && s.repliedAt > s.snap.dueAt) late++;
    if (s.snap.forwards > 0) forwarded++;
    if (s.rating !== null) rated++;
    caseRows.push({
      countyId, id: d.id, number: num, trackingCode: code, itemId: d.item?.id ?? null, category: d.category, title: d.title, description: d.description,
      channel: d.channel, fieldReportKind: d.fieldReportKind, householdId: d.householdId, residentId: d.residentId, gridId: d.gridId,
      orgId: d.orgId, orgPath: d.orgPath, requesterName: d.requesterName, requesterPhone: d.requesterPhone, address: d.address, lat: d.lat, lon: d.lon,
      state, ownerTier: s.owner.tier, ownerOrgId: s.owner.orgId, ownerDepartmentId: s.owner.deptId, ownerPath: s.owner.path,
      departmentIds: s.departmentIds, firstResponderId: s.firstResponderId, receivedAt: new Date(d.receivedAt), dueAt: new Date(s.snap.dueAt),
      promisedAt: new Date(s.snap.promisedAt), handlingMode: s.snap.handlingMode,
      pausedSince: s.snap.pausedSince === null ? null : new Date(s.snap.pausedSince), mode: s.mode, reply: s.reply,
      repliedAt: s.repliedAt === null ? null : new Date(s.repliedAt), rating: s.rating, ratingComment: s.ratingComment,
      ratedAt: s.ratedAt === null ? null : new Date(s.ratedAt), closedAt: s.closedAt === null ? null : new Date(s.closedAt),
      ratingSource: s.rating === null ? null : s.ratedBy === null ? 'resident' : 'callback', ratedBy: s.rating === null ? null : s.ratedBy,
      raterPath: s.rating === null || s.ratedBy === null ? null : staffPaths.get(s.ratedBy) ?? null,
      forwards: s.snap.forwards, trips: s.trips, dueSoonAt: s.dueSoonAt === null ? null : new Date(s.dueSoonAt),
      overdueAt: s.overdueAt === null ? null : new Date(s.overdueAt), escalation: s.escalation,
      createdAt: new Date(d.receivedAt), updatedAt: new Date(s.updatedAt),
    });
    codeRows.push({ code, countyId, caseId: d.id });
    for (const e of s.events) {
      eventRows.push({
        countyId, id: uuidv7(), caseId: d.id, at: new Date(e.at), kind: e.kind, actorId: e.who.id, actorName: e.who.name,
        fromState: e.fromState, toState: e.toState, note: e.note, detail: e.detail,
      });
    }
    const text = { dueSoon: `办件 ${num}「${d.title}」即将到期`, overdue: `办件 ${num}「${d.title}」已超期，已记入过错责任追究`, escalated: `下级超期办件 ${num}「${d.title}」已上报，请督办` };
    for (const x of s.notices) {
      noticeRows.push({ countyId, id: uuidv7(), kind: x.kind, orgId: x.orgId, departmentId: x.deptId, caseId: d.id, text: text[x.kind], createdAt: new Date(x.at) });
    }
    for (const m of s.missed) {
      // reviewed by the township (its villages' and its own hall's records) or the county (a department's)
      const reviewer = m.owner.tier === 'county' ? countyAdmin : d.township.staff;
      const reviewAt = later(reviewRng, m.raisedAt + reviewRng.int(1, 6) * DAY, 0, 300);
      const reviewed = reviewAt < cutoff - 2 * DAY && reviewRng.chance(0.85);
      const upheld = reviewRng.chance(0.4);
      accountRows.push({
        countyId, id: uuidv7(), caseId: d.id, kind: 'overdue', dueAt: new Date(m.dueAt), responsibleUserId: m.responsible,
        ownerTier: m.owner.tier, ownerOrgId: m.owner.orgId, ownerDepartmentId: m.owner.deptId, orgPath: d.orgPath, raisedAt: new Date(m.raisedAt),
        status: reviewed ? (upheld ? 'upheld' : 'dismissed') : 'pending', reviewedBy: reviewed ? reviewer.id : null,
        reviewedAt: reviewed ? new Date(reviewAt) : null, reason: reviewed ? reviewRng.pick(upheld ? UPHELD : DISMISSED) : null,
      });
    }
  }
  const whistleRows: (typeof whistles.$inferInsert)[] = [];
  const reportRows: (typeof whistleReports.$inferInsert)[] = [];
  const linkRows: (typeof whistleCases.$inferInsert)[] = [];
  for (const w of whistleDrafts) {
    const missing = w.reports.filter((r) => !r.report).map((r) => DEPT_SHORT[r.code]);
    whistleRows.push({
      countyId, id: w.id, number: w.number, orgId: w.township.orgId!, orgPath: w.township.path!, title: w.theme.title, place: w.theme.place,
      description: w.theme.description, reportHours: w.hours, dueAt: new Date(w.dueAt), state: w.closedAt ? 'closed' : 'open',
      summary: w.closedAt ? `${w.theme.summary}${missing.length ? `${missing.join('、')}未按时报到反馈，已通报。` : ''}` : null,
      createdBy: w.township.staff.id!, createdAt: new Date(w.createdAt), closedAt: w.closedAt ? new Date(w.closedAt) : null,
    });
    for (const r of w.reports) {
      reportRows.push({
        countyId, id: uuidv7(), whistleId: w.id, departmentId: r.deptId, acknowledgedAt: r.ack ? new Date(r.ack) : null,
        arrivedAt: r.arrive ? new Date(r.arrive) : null, reportedAt: r.report ? new Date(r.report) : null, result: r.result,
        reportedBy: r.report ? r.staff.id : null,
      });
      noticeRows.push({
        countyId, id: uuidv7(), kind: 'whistle', departmentId: r.deptId, whistleId: w.id,
        text: `${w.township.name}吹哨：${w.theme.title}（${w.theme.place}），请在 ${w.hours} 小时内报到反馈`, createdAt: new Date(w.createdAt),
      });
    }
    for (const caseId of w.caseIds) linkRows.push({ countyId, whistleId: w.id, caseId });
  }

  // — write, in multi-row batches —
  if (userRows.length) {
    await tx.insert(users).values(userRows);
    await tx.insert(loginNames).values(userRows.map((u) => ({ username: u.username, countyId, userId: u.id! })));
  }
  await insertRows(tx, cases, caseRows, 1000);
  await insertRows(tx, trackingCodes, codeRows);
  await insertRows(tx, caseEvents, eventRows, 4000);
  await insertRows(tx, accountabilityRecords, accountRows);
  await insertRows(tx, notifications, noticeRows);
  if (perYear.size) await tx.insert(caseCounters).values([...perYear].map(([year, n]) => ({ countyId, year, next: n + 1 })));
  if (whistleRows.length) {
    await tx.insert(whistles).values(whistleRows);
    await tx.insert(whistleReports).values(reportRows);
    if (linkRows.length) await tx.insert(whistleCases).values(linkRows);
  }
  return {
    cases: caseRows.length, open, overdue: overdueNow, late, forwarded, rated, events: eventRows.length, accountability: accountRows.length,
    notifications: noticeRows.length, whistles: whistleRows.length, whistleReports: reportRows.length, accounts: userRows.length,
    usernames: userRows.map((u) => u.username),
  };
}
