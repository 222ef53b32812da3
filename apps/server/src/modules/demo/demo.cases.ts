// Two years of 办件 and 吹哨报到 in 示范县 (issue 4 part 9), so the case, statistics, accountability and whistle
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
import { accountabilityRecords, caseCounters, caseEvents, cases, notifications, trackingCodes } from '../cases/cases.tables.js';
import { resumeDue } from '../cases/cases.service.js';
import { applyCaseAction, newCase, type CaseAction, type CaseSnapshot, type MachineContext, type Owner, type Tier } from '../cases/cases.machine.js';
import { whistleCases, whistleReports, whistles } from '../whistles/whistles.tables.js';
import { DEMO_SERVICE_ITEMS } from './demo.catalog.js';
import { VILLAGE_PLACES, type VillagePlace } from './demo.places.js';
import { Rng, mobile, personName } from './demo.random.js';
import type { SeedOrg } from './demo.people.js';

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
const DEPT_SHORT: Record<string, string> = {
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

interface Who {
  id: string | null;
  name: string | null;
}

/** A unit that can hold a case: a village's service room, a township hall or a county department. */
interface Unit {
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

interface Person {
  id: string;
  name: string;
  male: boolean;
  birth: string | null;
  relation: string;
  phone: string | null;
}

interface Hh {
  id: string;
  gridId: string | null;
  address: string;
  head: string;
  phone: string | null;
  tags: string[];
  people: Person[];
}

interface GridInfo {
  id: string;
  index: number;
  name: string;
  code: string;
  households: Hh[];
}

interface Village {
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
  trips: number;
  mode: CaseMode | null = null;
  reply: string | null = null;
  repliedAt: number | null = null;
  rating: number | null = null;
  ratingComment: string | null = null;
  ratedAt: number | null = null;
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
    this.trips = channel === 'walkIn' ? 1 : 0;
    this.last = at;
    this.updatedAt = at;
    this.events.push({ at, kind: 'received', who: responder ?? { id: null, name: null }, fromState: null, toState: 'received', note: null, detail: { channel, owner: owner.name } });
  }

  private ctx(now: number): MachineContext {
    return {
      now,
      dueFor: (o: Owner, from: number) => dueFrom(from, this.item && this.item.tier === o.tier ? this.item.days : DEFAULT_DAYS[o.tier]),
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
        this.missed.push({ dueAt: due, raisedAt: t, responsible: this.firstResponderId, owner: this.owner });
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
    if (action.type === 'reply') {
      this.mode = action.mode;
      this.reply = extra.reply ?? null;
      this.repliedAt = at;
    }
    if (action.type === 'rate') {
      this.rating = action.score;
      this.ratingComment = extra.comment ?? null;
      this.ratedAt = at;
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
      detail: action.type === 'forward' ? { to: extra.owner?.name, dueAt: iso(next.dueAt) }
        : action.type === 'reply' ? { mode: action.mode }
        : action.type === 'rate' ? { score: action.score }
        : action.type === 'resume' ? { pausedMs: next.dueAt - prev.dueAt, dueAt: iso(next.dueAt), trip: extra.trip ?? false }
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

// ——— what residents ask for: the catalog items and the everyday requests, with realistic words ———

interface Ctx {
  rng: Rng;
  v: Village;
  h: Hh | null;
  p: (Person & { age: number }) | null;
  g: GridInfo;
  channel: CaseChannel;
  day: string;
  month: number;
  year: number;
  /** a place in the grid: 青山村3组 / 和平路 */
  spot: string;
  street: string;
}

type Modes = readonly (readonly [CaseMode, number])[];
type Target = 'township' | keyof typeof DEPT_SHORT;

interface Story {
  title: string;
  description: string;
  /** the resident's own words, for a portal (web) or Open311 request */
  self?: string;
  /** chance of an answer on the spot (即办) at the counter, and on the phone */
  instant?: number;
  instantPhone?: number;
  modes: Modes;
  reply: Partial<Record<CaseMode, string>>;
  forward?: { p: number; to: Target[]; notes: string[]; modes: Modes; reply: Partial<Record<CaseMode, string>> };
  /** chance of a pause for the resident's papers */
  wait?: number;
  waitNote?: string;
  requester?: boolean;
}

interface Template {
  key: string;
  item?: string;
  category?: CaseCategory;
  report?: FieldReportKind;
  weight: number | ((v: Village) => number);
  season?: (month: number) => number;
  channels: Partial<Record<CaseChannel, number>>;
  /** the resident concerned (and their household); none: a place, not a person */
  who?: (p: Person & { age: number }, h: Hh) => boolean;
  story: (c: Ctx) => Story;
}

const has = (h: Hh, tag: string) => h.tags.includes(tag);
const adult = (p: { age: number }) => p.age >= 18;
const pick = <T>(c: Ctx, xs: readonly T[]) => c.rng.pick(xs);
const villageWord = (c: Ctx) => (c.v.rural ? '村' : '社区');

const TEMPLATES: Template[] = [
  // —— 村(社区)服务室即办 ——
  {
    key: 'RS-01', item: 'RS-01', weight: 5, season: (m) => (m <= 4 ? 1.8 : m >= 11 ? 1.2 : 0.7),
    channels: { walkIn: 72, phone: 8, 'hotline:laborSecurity': 10, web: 9, open311: 5 },
    who: (p) => p.age >= 16 && p.age < 60,
    story: (c) => {
      const p = c.p!;
      const grade = pick(c, [200, 300, 500, 1000, 2000]);
      const why = pick(c, ['外出务工返乡后一直没有参保', '已离校未就业', '原单位的职工养老保险已经中断', '以前没有参保，听了政策宣讲后想参加']);
      return {
        title: `${p.name}城乡居民养老保险参保登记`,
        description: `${p.name}（${p.age}岁）${why}，申请参加城乡居民基本养老保险，选择每年${grade}元缴费档次。`,
        self: `我${why}，想参加城乡居民养老保险，准备选每年${grade}元的档次，请问要带哪些材料？`,
        instant: 0.85, instantPhone: 0.3,
        modes: [['direct', 92], ['explained', 8]],
        reply: {
          direct: `已核对身份证、户口簿，办理参保登记，缴费档次每年${grade}元，已告知通过社保卡银行账户代扣及每年的缴费时间。`,
          explained: `经系统查询，${p.name}已参加企业职工养老保险，不能重复参加城乡居民养老保险，已解释政策并告知可办理关系转移接续。`,
        },
      };
    },
  },
  {
    key: 'JS-02', item: 'JS-02', weight: 2.2,
    channels: { walkIn: 55, 'hotline:familyPlanning': 25, phone: 8, web: 12 },
    who: (p) => !p.male && p.age >= 21 && p.age <= 40 && (p.relation === 'spouse' || p.relation === 'head'),
    story: (c) => {
      const p = c.p!;
      const weeks = c.rng.int(6, 20);
      const nth = pick(c, ['一', '二', '二', '三']);
      return {
        title: `${p.name}生育登记`,
        description: `${p.name}（${p.age}岁）怀孕约${weeks}周，系第${nth}孩，${c.channel === 'walkIn' ? '夫妻双方携身份证、结婚证到服务室' : '来电'}办理生育登记。`,
        self: `我怀孕${weeks}周了，是第${nth}个孩子，想办理生育登记，需要准备什么材料？`,
        instant: 0.9, instantPhone: 0.5,
        modes: [['direct', 100]],
        reply: { direct: `已为${p.name}夫妇办理生育登记并录入系统，告知免费孕前检查、孕产妇健康管理和生育津贴政策，提醒按时产检。` },
      };
    },
  },
  {
    key: 'WJ-01', item: 'WJ-01', weight: 6.5, season: (m) => (m >= 9 ? 3.5 : m <= 2 ? 1.2 : 0.25),
    channels: { walkIn: 74, phone: 14, web: 12 },
    who: (p) => p.relation === 'head',
    story: (c) => {
      const h = c.h!;
      const paid = c.month >= 9 ? c.year + 1 : c.year;
      const n = h.people.length;
      const whom = n === 1 ? '本人' : `全家${n}口人`;
      return {
        title: `${h.head}户${paid}年度城乡居民医保缴费`,
        description: c.rng.chance(0.8)
          ? `${h.head}为${whom}缴纳${paid}年度城乡居民基本医疗保险费。`
          : `${h.head}长期在外务工，委托村代办员代缴${whom}${paid}年度城乡居民医保费。`,
        self: `想给${n === 1 ? '自己' : `全家${n}口人`}交${paid}年度的城乡居民医保，现在能交吗？需要带什么？`,
        instant: 0.92, instantPhone: 0.6,
        modes: c.channel === 'walkIn' ? [['direct', 100]] : [['direct', 45], ['explained', 55]],
        reply: {
          direct: `已代收代缴${n}人${paid}年度城乡居民医保费，出具缴费凭证，参保信息核对无误。`,
          explained: `已告知${paid}年度城乡居民医保集中缴费期为上年9月至12月，可通过手机“楚税通”缴费，或带户口簿到服务室代缴。`,
        },
      };
    },
  },
  {
    key: 'NY-01', item: 'NY-01', weight: (v) => (v.rural ? 3 : 0), season: (m) => (m >= 3 && m <= 5 ? 4 : 0.2),
    channels: { walkIn: 85, phone: 15 },
    who: (p) => p.relation === 'head',
    story: (c) => {
      const h = c.h!;
      const mu = (c.rng.int(12, 80) / 10).toFixed(1);
      return {
        title: `${h.head}户${c.year}年耕地地力保护补贴申报`,
        description: `${h.head}户承包耕地${mu}亩，申报${c.year}年度耕地地力保护补贴，核对承包面积和惠农“一卡通”账号。`,
        instant: 0.8, instantPhone: 0,
        modes: [['direct', 100]],
        reply: { direct: `已核对承包面积${mu}亩及“一卡通”账号并登记，汇总报乡镇农业服务中心，补贴资金统一打卡发放。` },
      };
    },
  },
  {
    key: 'DB-01', item: 'DB-01', weight: (v) => (v.rural ? 4.5 : 1.2),
    channels: { walkIn: 45, phone: 45, 'hotline:partyService': 10 },
    who: (p, h) => p.age >= 60 || has(h, 'needy') || has(h, 'disabled') || has(h, 'emptyNest'),
    story: (c) => {
      const p = c.p!;
      const h = c.h!;
      const product = c.v.place.product;
      const situation = has(h, 'emptyNest') ? '空巢老人' : has(h, 'disabled') ? '残疾家庭' : has(h, 'needy') ? '困难家庭' : '子女在外务工';
      if (product && c.rng.chance(0.35)) {
        const qty = product === '生猪' ? `${c.rng.int(2, 6)}头` : `${c.rng.int(3, 40) * 10}斤`;
        const buyer = product === '茶叶' ? '青山生态茶业有限公司' : product === '蔬菜' ? '鑫源冷链物流有限公司' : `${c.v.short}${product}专业合作社`;
        return {
          title: `${p.name}委托代销${product}`,
          description: `${p.name}（${p.age}岁，${situation}）家有${product}约${qty}待售，自己联系不到买家，委托村代办员代销。`,
          modes: [['direct', 85], ['promised', 15]],
          reply: {
            direct: `已联系${buyer}上门收购${product}${qty}，按当日市场价结算，货款当场付给本人。`,
            promised: `已登记代销需求，${buyer}本周集中收购时一并上门收购，代办员全程陪同过秤结算。`,
          },
        };
      }
      const m = c.month;
      const goods = pick(c, [
        ...(m >= 2 && m <= 5 ? ['复合肥4袋', '玉米种子5斤', '水稻种子3斤', '地膜2卷'] : []),
        ...(m >= 6 && m <= 8 ? ['防治稻飞虱的农药2瓶', '电风扇一台', '蚊帐两顶'] : []),
        ...(m >= 9 && m <= 11 ? ['油菜种子2斤', '小麦种子10斤', '电热毯一床'] : []),
        ...(m === 12 || m === 1 ? ['年货（米、油、腊肉）', '取暖器一台', '春联和年画'] : []),
        '常用降压药（已带处方）', '老花镜一副', '液化气一罐', '手机话费充值',
      ]);
      return {
        title: `${p.name}委托代购${goods}`,
        description: `${p.name}（${p.age}岁，${situation}）行动不便，委托村代办员代购${goods}并送货上门。`,
        modes: [['direct', 80], ['promised', 20]],
        reply: {
          direct: `村代办员已代购${goods}并送货上门，费用${c.rng.int(3, 60) * 10}元凭票据按实结算。`,
          promised: `已登记代购需求，村代办员赶集时统一代购，送货上门。`,
        },
      };
    },
  },
  // —— 乡镇事项，村干部代办 ——
  {
    key: 'MZ-02', item: 'MZ-02', weight: 2,
    channels: { walkIn: 60, 'hotline:civilAffairs': 20, phone: 10, web: 10 },
    who: (p, h) => adult(p) && p.relation === 'head' && (has(h, 'needy') || has(h, 'disabled') || p.age >= 60),
    story: (c) => {
      const p = c.p!;
      const i = c.rng.int(0, 3);
      const cause = ['因突发脑溢血住院，自付医疗费用较高', '家中房屋遭雷击起火，部分家具被毁', '家中主要劳动力务工受伤，暂无收入', '患重病需长期治疗，医疗支出大'][i]!;
      const selfCause = ['老伴突发脑溢血住院，花了很多钱', '房子遭雷击起火，家具烧坏了', '儿子在工地受伤，家里没有收入了', '我得了重病要长期治疗'][i]!;
      const amount = c.rng.int(2, 10) * 500;
      return {
        title: `${p.name}临时救助申请`,
        description: `${p.name}（${p.age}岁）${cause}，家庭生活暂时出现严重困难，申请临时救助。`,
        self: `${selfCause}，生活很困难，想申请临时救助，该怎么办？`,
        modes: [['promised', 80], ['explained', 20]],
        reply: {
          promised: `已入户核实情况，代填申请书并收齐身份证、病历等材料，报乡镇民政办审核，审核结果5个工作日内告知。`,
          explained: `经入户核实，家庭人均收入高于临时救助标准，已当面解释政策，并介绍医疗救助、大病保险报销等渠道。`,
        },
        forward: {
          p: 0.45, to: ['township'], notes: ['材料已收齐并入户核实，转乡镇民政办审核。'],
          modes: [['direct', 85], ['explained', 15]],
          reply: {
            direct: `经乡镇审核，同意给予临时救助${amount}元，已通过“一卡通”发放到位。`,
            explained: `经乡镇审核，申请人家庭已纳入低保并享受医疗救助，本次不再重复给予临时救助，已当面解释。`,
          },
        },
        wait: 0.12, waitNote: '请申请人补充住院费用清单和诊断证明。',
      };
    },
  },
  {
    key: 'MZ-03', item: 'MZ-03', weight: 1.8,
    channels: { walkIn: 70, phone: 15, web: 15, open311: 6 },
    who: (p) => p.age >= 80,
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}高龄津贴申领`,
        description: `${p.name}老人今年${p.age}周岁，家属持身份证、户口簿和银行卡代为申请高龄津贴。`,
        self: `家里老人今年${p.age}岁了，想申请高龄津贴，需要什么材料？`,
        modes: [['promised', 95], ['explained', 5]],
        reply: {
          promised: '已代收身份证、户口簿复印件和银行卡信息，报乡镇民政办审核，审核通过后次月起按月发放。',
          explained: `经核对户籍，${p.name}户籍不在本县，不符合本县高龄津贴申领条件，已解释并告知到户籍地申领。`,
        },
        forward: { p: 0.15, to: ['township'], notes: ['材料齐全，转乡镇民政办审核。'], modes: [['direct', 100]], reply: { direct: '经审核符合条件，自次月起按月发放高龄津贴。' } },
        wait: 0.08, waitNote: '请家属补交老人的银行卡复印件。',
      };
    },
  },
  {
    key: 'RS-02', item: 'RS-02', weight: 1.6,
    channels: { walkIn: 75, 'hotline:laborSecurity': 15, phone: 10 },
    who: (p) => p.age >= 59 && p.age <= 61,
    story: (c) => {
      const p = c.p!;
      const years = c.rng.int(11, 19);
      return {
        title: `${p.name}城乡居民养老保险待遇领取`,
        description: `${p.name}已年满60周岁，城乡居民养老保险累计缴费${years}年，申请按月领取养老金。`,
        modes: years >= 15 ? [['promised', 100]] : [['explained', 100]],
        reply: {
          promised: '已代为提交待遇领取申请，报乡镇劳动保障所审核、县社保局核定，预计下月起按月发放到社保卡。',
          explained: `经查，${p.name}累计缴费${years}年，不足15年，已告知可一次性补缴差额后再申领待遇。`,
        },
        forward: years >= 15
          ? { p: 0.15, to: ['township'], notes: ['材料齐全，转乡镇劳动保障所审核。'], modes: [['direct', 100]], reply: { direct: '经乡镇劳动保障所审核、县社保局核定，自次月起按月发放养老金。' } }
          : undefined,
        wait: 0.08, waitNote: '请申请人补交社保卡复印件。',
      };
    },
  },
  {
    key: 'RS-03', item: 'RS-03', weight: 1.2,
    channels: { walkIn: 60, 'hotline:laborSecurity': 25, web: 15 },
    who: (p, h) => p.age >= 20 && p.age <= 55 && (has(h, 'unemployed') || p.age <= 45),
    story: (c) => {
      const p = c.p!;
      const company = pick(c, ['县城一家服装厂', '宏达建材有限公司', '广东东莞一家电子厂', '县城一家超市', '鑫源冷链物流有限公司']);
      const reason = pick(c, ['企业减员被辞退', '劳动合同到期未续签', '返乡照顾老人后辞职']);
      const job = pick(c, ['电工', '驾驶员', '保洁', '家政服务', '餐饮服务', '仓储物流']);
      return {
        title: `${p.name}就业失业登记`,
        description: `${p.name}（${p.age}岁）原在${company}工作，${reason}，申请办理失业登记，求职意向：${job}。`,
        self: `我原来在${company}上班，${reason}，想办失业登记，也想找份${job}的工作。`,
        modes: [['promised', 90], ['direct', 10]],
        reply: {
          promised: `已代为提交失业登记申请，报乡镇劳动保障所办理，并登记求职意向，后续推送${job}类岗位信息。`,
          direct: `已办理失业登记，推荐${job}岗位2个，告知免费职业技能培训报名方式。`,
        },
        forward: {
          p: 0.2, to: ['township'], notes: ['转乡镇劳动保障所办理失业登记。'], modes: [['direct', 100]],
          reply: { direct: `已办理失业登记，推荐参加县人社局“春风行动”招聘会，并推送3个${job}岗位。` },
        },
        wait: 0.05, waitNote: '请申请人补交原单位解除劳动合同的证明。',
      };
    },
  },
  {
    key: 'JS-01', item: 'JS-01', weight: 0.5,
    channels: { walkIn: 70, 'hotline:familyPlanning': 30 },
    who: (p) => p.relation === 'head' && p.age >= 30 && p.age <= 55,
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}夫妇独生子女父母光荣证办理`,
        description: `${p.name}夫妇只生育一个子女，申请办理独生子女父母光荣证。`,
        modes: [['promised', 85], ['explained', 15]],
        reply: {
          promised: '已代收结婚证、户口簿、子女出生医学证明，报乡镇计生办审核发证，办好后由村干部代领送达。',
          explained: '经核实，该家庭现有两个子女，不符合办理条件，已解释政策。',
        },
        forward: { p: 0.15, to: ['township'], notes: ['材料齐全，转乡镇计生办审核发证。'], modes: [['direct', 100]], reply: { direct: '经审核符合条件，已制发独生子女父母光荣证，由村干部代领送达。' } },
        wait: 0.1, waitNote: '请申请人补交子女出生医学证明复印件。',
      };
    },
  },
  {
    key: 'CL-02', item: 'CL-02', weight: 0.8,
    channels: { walkIn: 70, 'hotline:civilAffairs': 30 },
    who: (p, h) => has(h, 'disabled') && p.relation === 'head',
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}家困难残疾人生活补贴申请`,
        description: `${p.name}家为${has(c.h!, 'needy') ? '低保家庭' : '困难家庭'}，家庭成员持有残疾人证，申请困难残疾人生活补贴。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收残疾人证、身份证和银行卡信息，报乡镇残联专干审核，县残联复核后按月发放。' },
        forward: {
          p: 0.3, to: ['township'], notes: ['转乡镇残联专干审核。'], modes: [['direct', 100]],
          reply: { direct: '经乡镇审核、县残联复核，符合条件，自次月起按月发放困难残疾人生活补贴。' },
        },
      };
    },
  },
  {
    key: 'WQ-01', item: 'WQ-01', weight: 1.5,
    channels: { walkIn: 40, 'hotline:laborSecurity': 35, phone: 15, web: 10 },
    who: (p) => p.age >= 20 && p.age <= 58,
    story: (c) => {
      const p = c.p!;
      const employer = pick(c, ['县城一处建筑工地', '宏达建材有限公司', '一家物流公司', '县城一家餐馆', '一支装修队', '一家茶叶加工厂']);
      const months = c.rng.int(2, 10);
      const amount = c.rng.int(18, 180) * 100;
      return {
        title: `${p.name}追讨被拖欠工资`,
        description: `${p.name}（${p.age}岁）在${employer}务工${months}个月，被拖欠工资${amount}元，多次讨要未果，请求帮助维权。`,
        self: `我在${employer}干了${months}个月，老板还欠我${amount}元工资一直不给，请帮忙讨薪。`,
        modes: [['promised', 70], ['explained', 30]],
        reply: {
          promised: '已联系用工方负责人，约定3日内到村委会协商，协商结果及时告知申请人。',
          explained: '已告知劳动报酬争议的调解和仲裁程序，协助整理劳动关系证明和欠薪证据，引导向乡镇司法所申请调解。',
        },
        forward: {
          p: 0.45, to: ['township'], notes: ['涉及劳动报酬争议，转乡镇司法所、劳动保障所联合调解。'],
          modes: [['direct', 75], ['explained', 25]],
          reply: {
            direct: `经乡镇司法所、劳动保障所联合调解，用工方同意分两次付清${amount}元，双方已签订调解协议。`,
            explained: '双方调解未达成一致，已告知申请劳动仲裁的程序和材料，并协助联系县法律援助中心。',
          },
        },
        wait: 0.1, waitNote: '请申请人补充工资欠条或考勤记录等证据。',
      };
    },
  },
  {
    key: 'WQ-02', item: 'WQ-02', weight: (v) => (v.rural ? 0.9 : 0),
    channels: { walkIn: 80, phone: 20 },
    who: (p) => p.relation === 'head' && p.age >= 30,
    story: (c) => {
      const p = c.p!;
      const other = pick(c, c.v.households.filter((x) => x !== c.h)).head;
      const [issue, short] = pick(c, [['承包地边界田坎位置', '田坎'], ['林地界址', '林地界址'], ['土地流转租金未按时支付', '流转租金'], ['灌溉水渠使用', '用水']] as const);
      return {
        title: `${p.name}与${other}${short}纠纷`,
        description: `${p.name}与同村村民${other}因${issue}发生争执，请求村里调处。`,
        modes: [['direct', 70], ['explained', 30]],
        reply: {
          direct: '经村人民调解委员会调解，双方现场重新确认界址并签订调解协议。',
          explained: '已组织双方调解，因对承包合同理解不一致未达成协议，已告知可申请乡镇调处或农村土地承包仲裁。',
        },
        forward: {
          p: 0.4, to: ['township'], notes: ['村调委会调解未果，转乡镇农村经营管理站调处。'], modes: [['direct', 100]],
          reply: { direct: '经乡镇农村经营管理站调处，依据承包合同和确权登记图重新划定界址，双方签字认可。' },
        },
      };
    },
  },
  // —— 县直部门事项，村干部代办 ——
  {
    key: 'MZ-01', item: 'MZ-01', weight: 1.2,
    channels: { walkIn: 75, 'hotline:civilAffairs': 20, web: 5 },
    who: (p, h) => p.relation === 'head' && (has(h, 'needy') || has(h, 'disabled')),
    story: (c) => {
      const p = c.p!;
      const cause = pick(c, ['因病致困，长期服药', '家中主要劳动力因残丧失劳动能力', '独自抚养未成年子女，收入微薄', '年老体弱，无固定收入']);
      return {
        title: `${p.name}城乡居民最低生活保障申请`,
        description: `${p.name}家${c.h!.people.length}口人，${cause}，家庭人均收入低于本县低保标准，申请城乡居民最低生活保障。`,
        self: `我家${cause}，收入很低，想申请低保，请问怎么办理？`,
        modes: [['promised', 85], ['explained', 15]],
        reply: {
          promised: '已入户调查并代收申请书、户口簿、收入声明等材料，报乡镇入户核查、民主评议公示后由县民政局审批，全程约20个工作日。',
          explained: '经入户调查，家庭有稳定务工收入，人均收入高于低保标准，已当面解释政策，告知可申请临时救助。',
        },
        forward: {
          p: 0.4, to: c.rng.chance(0.6) ? ['township', 'MZ'] : ['MZ'],
          notes: ['材料已收齐，转乡镇入户核查、民主评议。', '已完成入户核查和民主评议公示，转县民政局审批。'],
          modes: [['direct', 80], ['explained', 20]],
          reply: {
            direct: '经县民政局审批，同意纳入城乡低保，自次月起按月发放低保金。',
            explained: '经核对家庭经济状况，家庭人均收入超过低保标准，不予纳入，已书面说明理由，告知可申请临时救助。',
          },
        },
        wait: 0.12, waitNote: '请申请人补充家庭成员收入证明。',
      };
    },
  },
  {
    key: 'ZR-01', item: 'ZR-01', weight: (v) => (v.rural ? 0.8 : 0), season: (m) => ((m >= 3 && m <= 5) || (m >= 9 && m <= 11) ? 1.6 : 0.5),
    channels: { walkIn: 90, phone: 10 },
    who: (p) => p.relation === 'head' && p.age >= 28 && p.age <= 65,
    story: (c) => {
      const p = c.p!;
      const built = c.rng.int(1978, 1996);
      const m2 = c.rng.int(90, 140);
      return {
        title: `${p.name}农村宅基地建房申请`,
        description: `${p.name}户现住房为${built}年建的土木结构房屋，年久失修，申请在原宅基地翻建住房，占地约${m2}平方米。`,
        modes: [['promised', 90], ['explained', 10]],
        reply: {
          promised: '已代收建房申请表、户口簿、村民会议同意意见等材料，报乡镇国土所实地踏勘后转县自然资源局审批。',
          explained: '申请地块位于永久基本农田范围内，不符合村庄规划，已解释政策并引导在村规划的集中建房点选址。',
        },
        forward: {
          p: 0.5, to: ['ZR'], notes: ['乡镇国土所已实地踏勘，选址符合村庄规划，转县自然资源局审批。'], modes: [['direct', 90], ['explained', 10]],
          reply: {
            direct: `经审批同意，已核发乡村建设规划许可证，批准占地${m2}平方米，开工前请通知乡镇国土所放线。`,
            explained: '经审核，该户已有一处宅基地，不符合“一户一宅”规定，不予批准，已书面说明理由。',
          },
        },
        wait: 0.15, waitNote: '请申请人补充建房图纸和相邻权利人签字意见。',
      };
    },
  },
  {
    key: 'LY-01', item: 'LY-01', weight: (v) => (!v.rural ? 0 : v.townshipKey === 'SFX-QS' ? 1.2 : 0.35), season: (m) => (m >= 11 || m <= 3 ? 2 : 0.4),
    channels: { walkIn: 85, phone: 15 },
    who: (p) => p.relation === 'head' && p.age >= 30,
    story: (c) => {
      const p = c.p!;
      const species = pick(c, ['杉木', '马尾松', '柏木']);
      const vol = c.rng.int(3, 25);
      const purpose = pick(c, ['翻修住房', '自用', '出售']);
      return {
        title: `${p.name}林木采伐许可申请`,
        description: `${p.name}申请采伐自留山${species}约${vol}立方米，用于${purpose}。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收采伐申请、林权证等材料，乡镇林业站将进行伐区调查，报县林业局核发采伐许可证。' },
        forward: {
          p: 0.55, to: ['LY'], notes: ['乡镇林业站已完成伐区调查，在年度采伐限额内，转县林业局核发采伐许可证。'], modes: [['direct', 90], ['explained', 10]],
          reply: {
            direct: '已核发林木采伐许可证，采伐期限60天，请按证采伐并于次年完成更新造林。',
            explained: '采伐地块位于生态公益林范围内，不予核发采伐许可证，已说明理由。',
          },
        },
        wait: 0.1, waitNote: '请申请人补交林权证复印件和采伐地块四至说明。',
      };
    },
  },
  {
    key: 'ZJ-01', item: 'ZJ-01', weight: (v) => (v.rural ? 0.5 : 0),
    channels: { walkIn: 80, phone: 20 },
    who: (p, h) => p.relation === 'head' && (has(h, 'needy') || p.age >= 65),
    story: (c) => {
      const p = c.p!;
      const issue = pick(c, ['墙体开裂', '屋顶漏雨严重', '梁柱腐朽']);
      return {
        title: `${p.name}农村危房改造申请`,
        description: `${p.name}（${p.age}岁）住房为土坯房，${issue}，家庭${has(c.h!, 'needy') ? '为低保户' : '经济困难'}，申请农村危房改造。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收申请书、房屋照片等材料，报乡镇评议公示后由县住建局组织鉴定审批。' },
        forward: {
          p: 0.6, to: ['ZJ'], notes: ['乡镇已完成评议公示，转县住建局组织危房鉴定和审批。'], modes: [['promised', 75], ['explained', 25]],
          reply: {
            promised: '经鉴定为C级危房，已纳入年度农村危房改造计划，补助资金按施工进度拨付。',
            explained: '经鉴定房屋为B级，不属于危房改造范围，已建议局部维修并告知维修补助政策。',
          },
        },
        wait: 0.1, waitNote: '请申请人补充房屋现状照片。',
      };
    },
  },
  {
    key: 'CL-01', item: 'CL-01', weight: 0.6,
    channels: { walkIn: 85, 'hotline:civilAffairs': 15 },
    who: (p, h) => has(h, 'disabled') || p.age >= 70,
    story: (c) => {
      const p = c.p!;
      const cause = pick(c, ['脑梗后遗症', '车祸致下肢残疾', '先天听力障碍', '糖尿病视网膜病变']);
      return {
        title: `${p.name}残疾人证办理`,
        description: `${p.name}（${p.age}岁）因${cause}生活受限，家属申请办理残疾人证。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收身份证、户口簿、照片，预约县人民医院残疾评定，评定后由县残联审核发证，办好后村干部代领送达。' },
        forward: {
          p: 0.3, to: ['CL'], notes: ['已完成残疾评定，转县残联审核发证。'], modes: [['direct', 100]],
          reply: { direct: '经县残联审核，已核发第二代残疾人证，由村干部代领送达本人。' },
        },
        wait: 0.1, waitNote: '请家属补交近期二寸免冠照片。',
      };
    },
  },
  {
    key: 'GA-01', item: 'GA-01', weight: 1.5,
    channels: { walkIn: 60, phone: 30, web: 10, open311: 6 },
    who: (p) => p.age >= 55,
    story: (c) => {
      const p = c.p!;
      const issue = pick(c, ['有效期已满', '损坏，芯片无法读取', '即将到期']);
      return {
        title: `${p.name}居民身份证换领代办`,
        description: `${p.name}（${p.age}岁）身份证${issue}，行动不便，请村干部代办换领。`,
        self: `家里老人身份证${issue}，腿脚不方便去派出所，能不能代办？`,
        modes: [['promised', 100]],
        reply: { promised: '已预约派出所民警上门采集照片和指纹，县公安局制证后由村干部代领送达。' },
        forward: { p: 0.2, to: ['GA'], notes: ['已上门采集照片，转县公安局户政大队制证。'], modes: [['direct', 100]], reply: { direct: '新证已制好，由村干部代领送达本人并核对签收。' } },
      };
    },
  },
  // —— 六报 (网格员上报) ——
  {
    key: 'facilityDamage', report: 'facilityDamage', weight: (v) => (v.rural ? 3.5 : 4.5),
    channels: { gridReport: 100 },
    story: (c) => {
      const no = c.rng.int(2, 48);
      const thing = c.v.rural
        ? pick(c, [`${c.spot}路灯不亮`, `${c.spot}通组公路路面塌陷`, `${c.spot}自来水管道破裂漏水`, `${c.v.short}文化广场健身器材损坏`, `${c.spot}垃圾收集池破损`, `${c.spot}排水沟堵塞`, `${c.spot}漫水桥护栏损坏`])
        : pick(c, [`${c.street}${no}号楼道声控灯不亮`, `${c.street}路灯损坏`, `${c.street}${no}号门前井盖松动`, `${c.street}人行道地砖破损`, `${c.street}${no}号小区健身器材损坏`, `${c.street}${no}号单元门门禁损坏`]);
      const risk = pick(c, ['夜间行人出行不便', '存在安全隐患', '影响群众正常生活', '老人小孩容易摔倒']);
      return {
        title: thing,
        description: `网格员巡查发现${thing}，${risk}，请尽快安排维修。`,
        modes: [['direct', 70], ['promised', 30]],
        reply: { direct: '已联系维修人员当天到场修复，网格员现场复核。', promised: `已报请${c.v.rural ? '乡镇' : '街道'}安排维修，预计3个工作日内完成，网格员跟踪落实。` },
        forward: {
          p: 0.2, to: c.v.rural ? ['township'] : pick(c, [['township'], ['ZJ']] as Target[][]), notes: ['维修需专项资金，超出村级处置能力，报上级协调。'], modes: [['direct', 100]],
          reply: { direct: '已安排施工队维修完毕，网格员现场复核，群众满意。' },
        },
      };
    },
  },
  {
    key: 'uncleanAlley', report: 'uncleanAlley', weight: (v) => (v.rural ? 2.2 : 3.5),
    channels: { gridReport: 100 },
    story: (c) => {
      const no = c.rng.int(2, 48);
      const thing = c.v.rural
        ? pick(c, [`${c.spot}公路边乱倒建筑垃圾`, `${c.spot}沟渠漂浮垃圾`, `${c.spot}垃圾收集点满溢`])
        : pick(c, [`${c.street}背街小巷垃圾堆积`, `${c.street}${no}号楼下绿化带乱扔垃圾`, `${c.street}${no}号小区垃圾桶满溢`]);
      return {
        title: thing,
        description: `网格员巡查发现${thing}，${pick(c, ['气味较大', '蚊蝇滋生', '影响村容村貌', '居民反映强烈'])}，影响环境卫生。`,
        modes: [['direct', 85], ['promised', 15]],
        reply: { direct: '已组织保洁员清运完毕，设置提示牌，网格员加强巡查。', promised: '已联系环卫所安排车辆清运，预计次日完成。' },
      };
    },
  },
  {
    key: 'newPregnancy', report: 'newPregnancy', weight: 1.3,
    channels: { gridReport: 100 },
    who: (p) => !p.male && p.age >= 21 && p.age <= 40 && (p.relation === 'spouse' || p.relation === 'head'),
    story: (c) => {
      const p = c.p!;
      const weeks = c.rng.int(6, 24);
      return {
        title: `网格内新增孕妇${p.name}`,
        description: `网格员入户走访发现${c.h!.address}${p.name}（${p.age}岁）怀孕约${weeks}周，尚未办理生育登记。`,
        modes: [['direct', 100]],
        reply: { direct: '已告知计生专干，协助办理生育登记并建立孕产妇保健手册，提醒定期产检。' },
        requester: true,
      };
    },
  },
  {
    key: 'rental', report: 'rental', weight: (v) => (v.rural ? 0.4 : 2.2),
    channels: { gridReport: 100 },
    who: (p) => p.relation === 'head',
    story: (c) => {
      const h = c.h!;
      const n = c.rng.int(1, 4);
      return {
        title: `${h.address}房屋出租登记`,
        description: `网格员走访发现户主${h.head}将房屋出租给${n}名外来务工人员，尚未办理出租登记。`,
        modes: [['direct', 100]],
        reply: { direct: '已上门登记承租人信息并录入流动人口系统，告知房东消防和治安责任，签订出租房屋治安责任书。' },
        requester: true,
      };
    },
  },
  {
    key: 'incident', report: 'incident', weight: 1, season: (m) => (m >= 6 && m <= 8 ? 2 : 0.8),
    channels: { gridReport: 100 },
    story: (c) => {
      const rain = c.month >= 5 && c.month <= 9 && c.rng.chance(0.6);
      if (rain) {
        const place = c.v.rural ? c.spot : `${c.street}`;
        return {
          title: `暴雨致${place}道路积水`,
          description: `强降雨导致${place}道路积水约30厘米，部分低洼住户进水，网格员已提醒群众转移贵重物品。`,
          modes: [['direct', 100]],
          reply: { direct: '已组织党员志愿者疏通排水沟、帮助低洼住户转移物品，积水已排除，无人员伤亡。' },
          forward: c.v.rural ? { p: 0.2, to: ['township'], notes: ['积水冲毁部分路基，需乡镇调派机械抢修。'], modes: [['direct', 100]], reply: { direct: '乡镇已调派机械抢修路基，道路恢复通行，设置警示标志。' } } : undefined,
        };
      }
      const kind = c.rng.int(0, c.v.rural ? 2 : 1);
      if (kind === 0) {
        return {
          title: `${c.spot}一户居民家中厨房起火`,
          description: `网格员报告：${c.spot}一户居民家中厨房因电线老化起火，已组织群众扑灭，无人员伤亡。`,
          modes: [['direct', 100]],
          reply: { direct: '村(社区)干部已到场查看，协助清理现场，联系电工排查线路，并为受灾户申请临时救助。' },
        };
      }
      if (kind === 1) {
        const age = c.rng.int(72, 88);
        return {
          title: `${c.spot}${age}岁老人走失`,
          description: `${c.spot}一位${age}岁老人早上外出后未归，家属着急寻找，网格员请求协助。`,
          modes: [['direct', 100]],
          reply: { direct: '网格员和党员志愿者分头寻找，当天在邻村找到老人并送回家中，提醒家属加强看护。' },
        };
      }
      return {
        title: `${c.spot}山体落石阻断道路`,
        description: `网格员巡查发现${c.spot}公路边坡落石，部分路面被阻断，已在两端设置警示。`,
        modes: [['direct', 100]],
        reply: { direct: '已组织村民清理落石，道路恢复通行，网格员每天巡查边坡。' },
        forward: { p: 0.5, to: ['township'], notes: ['落石量大，需机械清理，报乡镇协调。'], modes: [['direct', 100]], reply: { direct: '乡镇已调派挖掘机清理落石，道路恢复通行，设置警示标志。' } },
      };
    },
  },
  {
    key: 'dispute', report: 'dispute', weight: 2.2,
    channels: { gridReport: 100 },
    who: (p) => p.age >= 25,
    story: (c) => {
      const p = c.p!;
      const others = (c.g.households.length > 1 ? c.g.households : c.v.households).filter((x) => x !== c.h);
      const other = pick(c, others).head;
      const issue = c.v.rural ? pick(c, ['排水沟渠', '宅基地滴水', '家禽损坏庄稼', '道路通行', '赡养老人']) : pick(c, ['楼上漏水', '噪音扰民', '占用公共通道停车', '楼道堆放杂物', '养狗扰民']);
      return {
        title: `${p.name}与邻居${other}因${issue}发生纠纷`,
        description: `网格员上报：${c.h!.address}${p.name}与邻居${other}因${issue}问题多次发生争吵，矛盾有激化倾向。`,
        modes: [['direct', 75], ['explained', 25]],
        reply: {
          direct: '网格员会同调解委员上门调解，双方达成一致并签订调解协议，网格员跟踪回访。',
          explained: '已组织双方调解，暂未达成一致，已告知可申请乡镇司法所调解或通过诉讼解决，网格员持续关注。',
        },
        forward: { p: 0.12, to: ['township'], notes: ['矛盾较深，报乡镇司法所调解。'], modes: [['direct', 100]], reply: { direct: '经乡镇司法所调解，双方达成调解协议，网格员跟踪回访。' } },
        requester: true,
      };
    },
  },
  // —— 热线和来电来访的其他诉求 ——
  {
    key: 'civility', category: 'other', weight: (v) => (v.rural ? 0.6 : 2),
    channels: { 'hotline:civility': 70, phone: 20, web: 10 },
    who: adult,
    story: (c) => {
      const no = c.rng.int(2, 48);
      const issue = c.v.rural
        ? pick(c, [`${c.spot}有村民焚烧秸秆`, `${c.spot}有人乱搭乱建柴棚`, `${c.spot}有人在公路上晒粮`])
        : pick(c, [`${c.street}广场舞音响声音过大扰民`, `${c.street}${no}号楼道堆放杂物占用消防通道`, `${c.street}有人遛狗不牵绳`, `${c.street}${no}号住户高空抛物`]);
      return {
        title: issue,
        description: `居民${c.p!.name}来电反映：${issue}，希望${villageWord(c)}出面劝导。`,
        self: `${issue}，希望${villageWord(c)}出面管一管。`,
        modes: [['direct', 80], ['promised', 20]],
        reply: { direct: '已安排网格员和志愿者现场劝导，当事人已整改，已电话告知反映人。', promised: '已约谈相关当事人，限期3日内整改，网格员跟踪复查。' },
        requester: true,
      };
    },
  },
  {
    key: 'partyService', category: 'other', weight: 0.7,
    channels: { 'hotline:partyService': 85, phone: 15 },
    who: (p) => p.age >= 20 && p.age <= 65,
    story: (c) => {
      const p = c.p!;
      const [topic, answer] = pick(c, [
        ['咨询党组织关系转接', '党组织关系可通过全国党员管理信息系统线上转接，已告知需联系的接收党组织和所需材料'],
        ['咨询流动党员怎样缴纳党费', '流动党员可通过手机线上按月缴纳党费，已发送操作指引，并将其纳入流动党员微信群管理'],
        ['咨询入党申请的程序', '已说明递交入党申请书、确定入党积极分子等程序，并告知可先参加党员志愿服务'],
        ['报名参加党员志愿服务', '已登记报名信息，安排参加本月主题党日的志愿服务活动'],
      ] as const);
      return {
        title: `${p.name}${topic}`,
        description: `${p.name}来电${topic}。`,
        instant: 0.7, instantPhone: 0.7,
        modes: [['explained', 100]],
        reply: { explained: `${answer}。` },
        requester: true,
      };
    },
  },
  {
    key: 'publicSecurity', category: 'other', weight: 0.8,
    channels: { 'hotline:publicSecurity': 80, phone: 20 },
    who: adult,
    story: (c) => {
      const p = c.p!;
      const issue = c.v.rural
        ? pick(c, [`${c.spot}有陌生人上门推销“保健品”给老人`, `${c.spot}夜间有人偷挖村道边的苗木`, `${c.spot}有人用电鱼工具电鱼`])
        : pick(c, [`${c.street}夜间有人驾驶摩托车飙车`, `${c.street}有人冒充工作人员上门查燃气`, `接到疑似电信诈骗电话，想核实`]);
      return {
        title: issue,
        description: `${p.name}来电反映：${issue}。`,
        modes: [['direct', 60], ['explained', 40]],
        reply: {
          direct: '已联系派出所社区民警到场处置，网格员加强巡查，已告知反映人。',
          explained: '已向反映人说明防范要点，提醒不要转账、不要透露验证码，已通报辖区派出所。',
        },
        forward: { p: 0.25, to: ['GA'], notes: ['涉及治安管理，转县公安局处理。'], modes: [['direct', 100]], reply: { direct: '派出所已出警处置，加强该区域巡逻，已反馈反映人。' } },
        requester: true,
      };
    },
  },
  {
    key: 'rights', category: 'rights', weight: 1,
    channels: { walkIn: 40, phone: 30, 'hotline:publicSecurity': 10, web: 20 },
    who: (p) => p.age >= 25,
    story: (c) => {
      const p = c.p!;
      const k = c.rng.int(0, 3);
      if (k === 0 && c.v.rural) {
        const crop = pick(c, ['玉米', '水稻', '茶苗', '蔬菜']);
        const amount = c.rng.int(8, 40) * 100;
        return {
          title: `${p.name}购买劣质化肥要求赔偿`,
          description: `${p.name}在镇上农资店购买的复合肥施用后${crop}出现烧苗，怀疑为劣质化肥，要求商家赔偿损失。`,
          self: `我在镇上农资店买的复合肥，施了以后${crop}烧苗了，怀疑是假化肥，想找商家赔偿。`,
          modes: [['promised', 60], ['explained', 40]],
          reply: { promised: '已陪同申请人与商家协商，商家同意先行退货，损失赔偿待抽检结果确定。', explained: '已告知可向县农业农村局投诉并申请抽检，协助保存购货凭证和样品。' },
          forward: {
            p: 0.5, to: ['NY'], notes: ['涉及农资质量，转县农业农村局执法大队调查处理。'], modes: [['direct', 100]],
            reply: { direct: `县农业农村局已抽检该批次化肥，养分含量不达标，责令商家赔偿${amount}元并下架问题产品。` },
          },
        };
      }
      if (k <= 1) {
        return {
          title: `${p.name}反映征地补偿款未足额发放`,
          description: `${p.name}反映其家承包地被征收用于道路建设，个人部分的补偿款至今未足额发放。`,
          self: '我家的承包地被征收修路，补偿款到现在还没有发完，想问问怎么回事。',
          modes: [['explained', 100]],
          reply: { explained: '经核查，补偿款已按批复标准拨付到村集体，个人部分将于本月内发放到户，已向申请人说明。' },
          forward: {
            p: 0.4, to: [pick(c, ['ZR', 'XF'] as const)], notes: ['涉及征地补偿政策，转县直部门核查答复。'], modes: [['explained', 100]],
            reply: { explained: '经核查，补偿标准符合批复，个人补偿款已核定，将于15日内发放到户，已书面答复申请人。' },
          },
        };
      }
      if (k === 2 && !c.v.rural) {
        return {
          title: `${p.name}反映物业公司擅自上涨物业费`,
          description: `${p.name}反映小区物业公司未经业主大会同意，擅自将物业费由每平方米0.6元上调到0.9元。`,
          self: '我们小区物业没开业主大会就把物业费涨了，想请社区出面。',
          modes: [['promised', 60], ['explained', 40]],
          reply: { promised: '已约谈物业公司负责人，要求暂停执行上涨方案，3日内给出书面说明。', explained: '已向业主说明物业收费调整须经业主大会表决，并协助业主委员会提出异议。' },
          forward: { p: 0.4, to: ['township'], notes: ['涉及多个小区，转街道协调处理。'], modes: [['direct', 100]], reply: { direct: '街道已约谈物业公司，暂停执行上涨方案，按规定召开业主大会协商。' } },
        };
      }
      return {
        title: `${p.name}网购商品退款纠纷`,
        description: `${p.name}网购的电动车质量有问题，商家拒绝退换，请求帮助维权。`,
        self: '网上买的电动车质量有问题，商家不给退，想请帮忙维权。',
        instant: 0.5, instantPhone: 0.5,
        modes: [['explained', 100]],
        reply: { explained: '已协助联系电商平台客服并提交投诉，告知可拨打12315投诉举报，并保留聊天记录和购物凭证。' },
      };
    },
  },
  {
    key: 'health', category: 'health', weight: 1,
    channels: { walkIn: 40, phone: 40, web: 20 },
    who: (p) => p.age >= 60,
    story: (c) => {
      const p = c.p!;
      const [title, desc, mode, reply] = pick(c, [
        [`${p.name}申请家庭医生上门随访`, `${p.name}（${p.age}岁）患高血压多年，行动不便，申请家庭医生上门随访。`, 'promised', '已联系村卫生室家庭医生，约定2日内上门随访，测量血压血糖并做用药指导。'],
        [`${p.name}咨询慢性病门诊报销政策`, `${p.name}（${p.age}岁）咨询门诊慢特病报销比例和办理流程。`, 'explained', '已告知门诊慢特病需先在乡镇卫生院申请认定，认定后按县医保政策报销，并告知所需材料。'],
        [`${p.name}申请老年人免费健康体检`, `${p.name}（${p.age}岁）申请参加65岁以上老年人免费健康体检。`, 'direct', '已登记并预约乡镇卫生院本月集中体检，体检当天村里统一派车接送。'],
      ] as const);
      return {
        title, description: desc,
        self: `${desc.replace(`${p.name}（${p.age}岁）`, '我家老人')}`,
        instant: mode === 'promised' ? 0 : 0.6, instantPhone: mode === 'explained' ? 0.7 : 0,
        modes: [[mode, 100]],
        reply: { [mode]: reply },
      };
    },
  },
  {
    key: 'agriculture', category: 'agriculture', weight: (v) => (v.rural ? 0.8 : 0), season: (m) => (m >= 3 && m <= 9 ? 1.5 : 0.3),
    channels: { walkIn: 50, phone: 50 },
    who: (p) => p.relation === 'head' && p.age >= 30,
    story: (c) => {
      const p = c.p!;
      const crop = c.v.place.product && c.v.place.product !== '生猪' && c.v.place.product !== '水产' ? c.v.place.product : '蔬菜';
      return {
        title: `${p.name}申请农技员指导${crop}病虫害防治`,
        description: `${p.name}家的${crop}出现${pick(c, ['叶片发黄', '虫害', '成片枯萎'])}，申请农技员上门指导防治。`,
        modes: [['promised', 100]],
        reply: { promised: '已联系乡镇农技站，2日内安排农技员上门查看并指导科学用药。' },
      };
    },
  },
  {
    key: 'housing', category: 'housing', weight: (v) => (v.rural ? 0.5 : 0.3),
    channels: { walkIn: 50, phone: 50 },
    who: (p, h) => p.relation === 'head' && p.age >= 65 && (has(h, 'emptyNest') || has(h, 'needy')),
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}家房屋漏雨请求帮助维修`,
        description: `${p.name}（${p.age}岁，独居）家中屋顶漏雨，自己无力维修，请求帮助。`,
        modes: [['promised', 80], ['direct', 20]],
        reply: { promised: '已安排党员志愿服务队3日内上门检修屋顶，材料费由村集体承担。', direct: '党员志愿服务队已上门更换破损瓦片，屋顶不再漏雨。' },
      };
    },
  },
];

// ——— 吹哨报到: problems a township could not solve with its own offices ———

interface WhistleTheme {
  township: string;
  village: string;
  title: string;
  place: string;
  description: string;
  months?: number[];
  results: Partial<Record<keyof typeof DEPT_SHORT, string>>;
  summary: string;
  /** the case the problem first came in as */
  case?: { channel: CaseChannel; report?: FieldReportKind; category?: CaseCategory; title: string; description: string; reply: string };
}

const WHISTLE_THEMES: WhistleTheme[] = [
  {
    township: 'SFX-DF', village: 'SFX-DF-DF', title: '和平路老旧小区燃气管道锈蚀漏气隐患', place: '东风社区和平路18号至26号',
    description: '和平路老旧小区燃气立管多处锈蚀，居民多次反映楼道有燃气异味，涉及住户约120户，社区无力单独处置。',
    results: { ZJ: '已组织燃气公司对18至26号楼燃气立管逐户检测，更换锈蚀管段46米，加装燃气泄漏报警器32个。', GA: '消防救援大队到场开展燃气安全检查和宣传，督促清理楼道堆放杂物。' },
    summary: '经街道吹哨、住建和消防联合处置，锈蚀管段全部更换，燃气隐患消除。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '和平路22号楼道燃气异味', description: '网格员巡查发现和平路22号楼道有明显燃气异味，燃气立管锈蚀严重，已提醒居民开窗通风、禁止明火。', reply: '经街道吹哨，燃气公司已更换锈蚀管段并加装报警器，隐患已消除。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-DF', title: '东风大道夜市占道经营', place: '东风社区东风大道人民路口至建设路口', months: [5, 6, 7, 8, 9],
    description: '东风大道夜市摊点占用人行道和机动车道，油烟、噪音扰民，交通拥堵，居民投诉集中。',
    results: { ZJ: '城管执法中队划定临时摊区，清理越线摊点28个，规范营业时间至22时。', GA: '交警大队在路口设置临时交通管制和停车引导。', WJ: '对夜市餐饮摊点开展食品安全检查，督促12名从业人员办理健康证。' },
    summary: '夜市迁入划定摊区，定时定点经营，占道和扰民问题明显好转。',
    case: { channel: 'hotline:civility', category: 'other', title: '东风大道夜市油烟噪音扰民', description: '居民来电反映：东风大道夜市摊点占道经营，油烟和噪音持续到深夜，影响休息。', reply: '经街道吹哨，夜市已迁入划定摊区，限时经营，已电话告知反映人。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-HP', title: '人民路供水主管网漏水', place: '和平社区人民路与和平路交叉口',
    description: '人民路供水主管道破裂，路面持续冒水，周边约300户水压不足，需多部门协调抢修。',
    results: { ZJ: '供水公司连夜抢修，更换破损管段，次日凌晨恢复正常供水。', ZR: '当天完成道路开挖审批手续。', GA: '交警现场设置围挡、疏导交通。' },
    summary: '抢修完成，恢复正常供水，路面已修复。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '人民路路面冒水', description: '网格员发现人民路与和平路交叉口路面冒水，疑似供水管道破裂，周边居民反映水压不足。', reply: '经街道吹哨，供水公司已连夜抢修，恢复正常供水。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-JS', title: '建设路9号楼顶违章搭建', place: '建设社区建设路9号',
    description: '建设路9号一住户在楼顶违规搭建彩钢房约60平方米，存在安全隐患，邻居多次投诉，当事人拒不整改。',
    results: { ZR: '认定为未取得规划许可的违法建设，下达限期拆除通知书。', ZJ: '城管执法中队依法组织拆除彩钢房62平方米。', GA: '派出所民警到场维持秩序。' },
    summary: '违法建设已依法拆除，楼顶恢复原状。',
    case: { channel: 'hotline:civility', category: 'other', title: '建设路9号楼顶违章搭建', description: '居民来电反映：建设路9号楼顶有住户违规搭建彩钢房，担心安全隐患，多次劝说无效。', reply: '经街道吹哨，违章搭建已依法拆除，已电话告知反映人。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-XF', title: '幸福路餐饮店油烟直排扰民', place: '幸福社区幸福路36号至40号',
    description: '幸福路3家临街餐饮店未安装油烟净化设施，油烟直排居民楼，居民反映强烈。',
    results: { ZJ: '责令3家餐饮店限期加装油烟净化设施，并定期清洗。', WJ: '对餐饮店卫生许可和从业人员健康证进行检查。' },
    summary: '3家餐饮店已安装油烟净化器，居民满意。',
    case: { channel: 'hotline:civility', category: 'other', title: '幸福路餐饮油烟扰民', description: '居民来电反映：幸福路36号至40号几家餐馆油烟直排，窗户都不敢开。', reply: '经街道吹哨，3家餐饮店已安装油烟净化器，已回访反映人。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-HP', title: '和平社区老旧小区化粪池满溢', place: '和平社区建设路2号院', months: [4, 5, 6, 7, 8],
    description: '建设路2号院化粪池满溢，污水流到路面，臭味大，产权单位已撤销，无人管理。',
    results: { ZJ: '环卫部门派吸污车清掏化粪池，维修破损井盖。', WJ: '疾控中心对周边环境消杀，指导居民做好卫生防护。' },
    summary: '化粪池已清掏，纳入环卫定期清掏范围。',
    case: { channel: 'gridReport', report: 'uncleanAlley', title: '建设路2号院化粪池满溢', description: '网格员巡查发现建设路2号院化粪池满溢，污水流到路面，气味很大。', reply: '经街道吹哨，化粪池已清掏并纳入定期清掏。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-JS', title: '工农路废弃厂房安全隐患', place: '建设社区工农路原农机厂',
    description: '原农机厂废弃厂房墙体开裂，常有儿童进入玩耍，存在坍塌和治安隐患。',
    results: { ZJ: '对危险建筑设置围挡和警示标志，督促产权单位加固。', GA: '加强夜间巡逻，清理厂房内的流浪人员临时住所。', ZR: '核查土地权属，督促产权单位限期处置。' },
    summary: '厂房已封闭围挡，产权单位承诺年内拆除。',
    case: { channel: 'gridReport', report: 'incident', title: '工农路废弃厂房有儿童进入玩耍', description: '网格员发现工农路原农机厂废弃厂房有儿童进入玩耍，厂房墙体开裂，随时可能坍塌。', reply: '经街道吹哨，厂房已封闭围挡，已提醒家长看护好孩子。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-DM', title: '东门路菜市场周边流动摊贩占道经营', place: '东门社区东门路菜市场周边',
    description: '东门路菜市场周边流动摊贩占道经营，早晚高峰交通堵塞，垃圾随地丢弃。',
    results: { ZJ: '城管执法中队引导流动摊贩进入市场临时摊位，清理占道摊点35个。', GA: '交警在早晚高峰安排警力疏导交通。', WJ: '对市场周边熟食摊点开展食品安全检查。' },
    summary: '流动摊贩已入市经营，路面秩序恢复。',
    case: { channel: 'hotline:civility', category: 'other', title: '东门路菜市场周边占道经营', description: '居民来电反映：东门路菜市场门口摊贩占道，早上车都过不去。', reply: '经镇吹哨，流动摊贩已引导入市经营，已电话告知反映人。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-XJ', title: '西街老旧小区电线私拉乱接', place: '西街社区文化路5号院', months: [11, 12, 1, 2],
    description: '文化路5号院居民从楼上私拉电线给电动车充电，线路老化，存在火灾隐患。',
    results: { ZJ: '协调供电公司整改老化线路，在院内建设集中充电桩8个。', GA: '消防部门入户检查，劝导拆除飞线充电23处。' },
    summary: '飞线充电全部拆除，集中充电桩已投入使用。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '文化路5号院电动车飞线充电', description: '网格员巡查发现文化路5号院多户从楼上私拉电线给电动车充电，线路老化，存在火灾隐患。', reply: '经镇吹哨，飞线充电已拆除，院内集中充电桩已投入使用。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-XJ', title: '滨江路沿河垃圾堆积', place: '西街社区滨江路河堤',
    description: '滨江路河堤长期有人倾倒生活垃圾和建筑垃圾，雨天冲入河道，影响水质。',
    results: { ZJ: '环卫所清运沿河垃圾约8吨，增设垃圾桶10个。', NY: '排查上游养殖户，督促规范处理畜禽粪污。', ZR: '在河堤设置禁倒标识，纳入河长日常巡查。' },
    summary: '沿河垃圾已清运，纳入河长制常态化管护。',
    case: { channel: 'gridReport', report: 'uncleanAlley', title: '滨江路河堤垃圾堆积', description: '网格员巡查发现滨江路河堤堆积大量生活垃圾和建筑垃圾，部分已滑入河道。', reply: '经镇吹哨，沿河垃圾已清运，河堤设置了禁倒标识。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-HQ', title: '红旗村蔬菜基地农药包装废弃物乱丢', place: '红旗村蔬菜基地', months: [4, 5, 6, 7, 8, 9],
    description: '红旗村蔬菜基地周边田埂、沟渠散落大量农药瓶和包装袋，影响灌溉水质。',
    results: { NY: '设立农药包装废弃物回收点3处，对种植户开展培训。', WJ: '对周边饮用水源开展水质检测，结果合格。' },
    summary: '废弃物已集中回收，回收点常态化运行。',
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-LS', title: '柳树村苗木基地违规占用耕地', place: '柳树村2组',
    description: '柳树村2组一苗木基地未经审批扩大种植范围，占用基本农田约4亩。',
    results: { ZR: '实地测量违规占用耕地4.2亩，下达整改通知书。', NY: '指导恢复耕种条件，落实耕地保护责任。', LY: '对需移栽的苗木进行技术指导。' },
    summary: '违规占用的耕地已恢复耕种。',
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-YY', title: '渔洋河河道漂浮垃圾', place: '渔洋村渔洋河段', months: [5, 6, 7, 8, 9],
    description: '汛期过后渔洋河渔洋村段河面漂浮大量垃圾和水草，堵塞拦河坝泄洪口。',
    results: { NY: '督促沿河养殖户规范处理养殖废弃物。', ZJ: '组织打捞河面垃圾约5吨。', ZR: '将该河段纳入河长制日常巡查。' },
    summary: '河面垃圾已打捞清理，泄洪口恢复畅通。',
    case: { channel: 'gridReport', report: 'uncleanAlley', title: '渔洋河段河面漂浮垃圾', description: '网格员巡查发现渔洋河渔洋村段河面漂浮大量垃圾和水草，拦河坝泄洪口被堵。', reply: '经镇吹哨，河面垃圾已打捞清理。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-SH', title: '双河村生猪养殖场粪污直排', place: '双河村3组',
    description: '双河村3组一生猪养殖场粪污处理设施损坏，粪水直排入下游水沟，周边农户反映强烈。',
    results: { NY: '责令养殖场修复粪污处理设施，限期整改到位。', WJ: '对下游农户饮用水井抽检，水质达标。', ZR: '核查养殖用地手续，督促完善。' },
    summary: '粪污处理设施已修复，直排问题解决。',
    case: { channel: 'gridReport', report: 'incident', title: '双河村3组养殖场粪水流入水沟', description: '网格员巡查发现3组生猪养殖场粪水直排入下游水沟，气味很大，农户担心污染水井。', reply: '经镇吹哨，养殖场已修复粪污处理设施，下游水井水质检测合格。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-HK', title: '河口村河滩非法采砂', place: '河口村清江河滩',
    description: '河口村清江河滩有人夜间非法采砂，河岸出现坍塌，影响防洪安全。',
    results: { ZR: '查扣采砂设备2套，立案调查。', GA: '依法传唤涉事人员3名。', NY: '对河滩渔业资源受损情况进行评估。' },
    summary: '非法采砂已制止，涉事人员依法处理，河岸已修复。',
    case: { channel: 'hotline:publicSecurity', category: 'other', title: '河口村河滩夜间有人非法采砂', description: '村民来电反映：清江河滩连续几晚有人开挖掘机采砂，河岸已经开始垮塌。', reply: '经镇吹哨，非法采砂已制止，涉事人员已依法处理。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-XQ', title: '新桥村通组公路边坡塌方', place: '新桥村4组通组公路', months: [5, 6, 7, 8],
    description: '连续降雨导致新桥村4组通组公路边坡塌方，道路中断，30多户群众出行受阻。',
    results: { ZJ: '调派机械清理塌方土石，设置临时便道。', ZR: '对边坡进行地质灾害隐患评估，设立监测点。', GA: '交警设置警示标志，实行单向通行。' },
    summary: '塌方已清理，道路恢复通行，边坡纳入地灾监测。',
    case: { channel: 'gridReport', report: 'incident', title: '新桥村4组公路边坡塌方', description: '网格员报告：连续降雨导致4组通组公路边坡塌方，道路中断，已在两端设置警示。', reply: '经镇吹哨，塌方已清理，道路恢复通行。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-HK', title: '集镇安置房工地农民工讨薪', place: '河口镇集镇安置房项目工地', months: [12, 1],
    description: '集镇安置房项目工地20余名农民工因被拖欠工资聚集讨薪，情绪激动。',
    results: { RS: '劳动保障监察大队约谈施工方，督促3日内支付拖欠工资。', ZJ: '督促建设单位从农民工工资专户足额拨付。', GA: '派出所到场维持秩序，防止矛盾激化。', XF: '登记农民工诉求，跟踪督办到位。' },
    summary: '拖欠工资已全部支付到位，农民工满意。',
    case: { channel: 'hotline:laborSecurity', category: 'rights', title: '集镇安置房工地农民工讨薪', description: '村民来电反映：集镇安置房工地拖欠他们20多人三个月工资，包工头联系不上。', reply: '经镇吹哨，施工方已支付全部拖欠工资。' },
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-QS', title: '青山村茶园周边山火隐患', place: '青山村5组至7组山林', months: [3, 4],
    description: '清明前后上坟祭扫和春耕烧荒集中，青山村茶园周边山林可燃物多，山火风险高。',
    results: { LY: '组织护林员加强巡山，清理林下可燃物，设置防火检查站2处。', GA: '开展野外用火宣传，严查上坟烧纸和烧荒。' },
    summary: '防火期间未发生山火，祭扫文明有序。',
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-SM', title: '石门村2组山体滑坡隐患', place: '石门村2组', months: [5, 6, 7, 8, 9],
    description: '强降雨后石门村2组屋后山体出现裂缝，4户群众房屋受威胁。',
    results: { ZR: '组织专业人员勘查，设置监测点，划定危险区域。', ZJ: '评估受威胁房屋安全，建议搬迁避让。', MZ: '对受威胁的4户群众临时安置并发放生活救助。', GA: '派出所协助转移群众，在危险区域设置警戒。' },
    summary: '4户群众已安全转移，隐患点纳入地灾监测。',
    case: { channel: 'gridReport', report: 'incident', title: '石门村2组屋后山体出现裂缝', description: '网格员报告：强降雨后2组屋后山体出现多条裂缝，已通知附近4户群众暂时撤离。', reply: '经乡吹哨，4户群众已安全转移安置，隐患点已设监测。' },
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-BG', title: '白果村古银杏树保护', place: '白果村3组',
    description: '白果村3组一株300多年的古银杏树根部被建房挖方破坏，树势衰弱。',
    results: { LY: '对古树进行抢救性复壮，设置保护围栏和标牌。', ZR: '核查古树周边建房用地，调整建房选址。', GA: '调查破坏古树行为，对当事人进行教育。' },
    summary: '古树已抢救复壮，纳入古树名木保护名录。',
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-CY', title: '茶园村饮水工程管网漏水', place: '茶园村1组至3组',
    description: '茶园村饮水工程主管网多处漏水，1至3组近百户群众供水不正常。',
    results: { ZJ: '更换破损管道200米，恢复正常供水。', WJ: '对饮用水进行消毒和水质检测，结果合格。' },
    summary: '管网已修复，供水恢复正常，水质合格。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '茶园村1组自来水管道漏水', description: '网格员巡查发现1组饮水主管道多处漏水，1至3组群众反映水压不足、时有停水。', reply: '经乡吹哨，饮水管网已修复，供水恢复正常。' },
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-QS', title: '青山村危旧房集中排查', place: '青山村',
    description: '汛期前青山村仍有部分土坯房无人居住或老人独居，存在倒塌风险，需鉴定并落实救助。',
    results: { ZJ: '对12户疑似危房进行鉴定，3户C级以上纳入改造计划。', MZ: '对其中2户困难老人落实临时救助和集中供养意愿。' },
    summary: '危旧房全部完成鉴定，独居老人已妥善安置。',
  },
];

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
      if (!sim.step({ type: 'rate', score }, t, resident ? { id: null, name: '群众' } : staffOf(), { note: comment, comment, staff: !resident })) return;
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
      pausedSince: s.snap.pausedSince === null ? null : new Date(s.snap.pausedSince), mode: s.mode, reply: s.reply,
      repliedAt: s.repliedAt === null ? null : new Date(s.repliedAt), rating: s.rating, ratingComment: s.ratingComment,
      ratedAt: s.ratedAt === null ? null : new Date(s.ratedAt), closedAt: s.closedAt === null ? null : new Date(s.closedAt),
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
