// Computed compliance (issue 10 part 3; 篇二 7): nothing here is typed by anyone — every figure is recounted from the
// records, with the numbers of the policy keys duty.* (per county):
//   volunteerHours     activists and probationary members: ≥ duty.volunteerHoursPerYear confirmed hours in the part
//                      of the year they were activist or probationary (pro rata: days in period / days of the year);
//   centralHouseholds  members holding a centralHousehold position: ≥ duty.centralHouseholdActivitiesPerMonth
//                      activities they organized (activities.organizer_member_id) each month they held it;
//   pairings           assistance / coBuilding pairings: ≥ duty.pairingActivitiesPerQuarter activities of the pairing
//                      (activities.pairing_id) each quarter it was active;
//   townships          each township: ≥ duty.townshipDoorServicesPerQuarter 组团式/订单式 activities inside it a quarter.
// Months, quarters and years are Asia/Shanghai. The current period is in progress, never behind, until it ends.
// Subjects are cut to the caller's scope (and ?orgId's subtree); the counts behind a visible subject are facts about
// it and are counted wherever the record lies (a member's hours at the paired village count too).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  COMPLIANCE_PAGE_MAX, DOOR_SERVICE_KINDS, MEMBER_STATUS_LABELS, PAIRING_KIND_LABELS, type ComplianceBehindList, type ComplianceCounts, type ComplianceRow,
  type ComplianceRule, type ComplianceSummary, type Label, type MemberDutiesView, type MemberHoursYear,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { assertExportPurpose } from '../../platform/access/masking.js';
import { writeSheet, type StyledColumn } from '../imports/xlsx.js';
import { orgs } from '../orgs/orgs.tables.js';
import { inScope, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { notFound } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { volunteerCounts } from './volunteer.service.js';
import {
  activityStanding, hoursStanding, monthsOf, overlaps, quartersOf, requirementPeriod, requirementYears, round2, type CalendarPeriod,
} from './compliance.rules.js';

/** 篇二 7: the hours that count — the volunteer part's one counting rule (confirmed, not superseded by a confirmed correction). */
const countedVolunteerRecord = (countyId: string, alias = 'r'): SQL => volunteerCounts(countyId, alias);

/** Start (inclusive) of a Shanghai day as an instant. */
const dayStart = (d: string) => sql`(${d}::date)::timestamp at time zone 'Asia/Shanghai'`;

interface Unit { id: string; name: string; tier: 'township' | 'village'; path: string; archived: boolean }
interface Context {
  actor: Actor;
  year: number;
  today: string;
  /** ?orgId's subtree, or null: the caller's whole scope */
  root: { id: string; path: string } | null;
  units: Unit[];
  byPath: Map<string, Unit>;
  required: Record<ComplianceRule, number>;
}

const RULE_POLICY = {
  volunteerHours: 'duty.volunteerHoursPerYear',
  centralHouseholds: 'duty.centralHouseholdActivitiesPerMonth',
  pairings: 'duty.pairingActivitiesPerQuarter',
  townships: 'duty.townshipDoorServicesPerQuarter',
} as const;

async function context(db: DbOrTx, actor: Actor, q: { year?: number; orgId?: string }): Promise<Context> {
  const today = shanghaiToday();
  const c = actor.countyId;
  let root: Context['root'] = null;
  if (q.orgId) {
    const [o] = await db.select({ id: orgs.id, path: sql<string>`${orgs.path}::text` }).from(orgs).where(and(eq(orgs.countyId, c), eq(orgs.id, q.orgId)));
    if (!o || !inScope(actor, o.path)) throw notFound();
    root = o;
  }
  // the top org of each township / village (its parent is of another tier): the units rows are summed under
  const units = rowsOf<Unit>(await db.execute(sql`
    select u.id, u.name, u.tier, u.path::text as path, u.archived_at is not null as archived
      from orgs u left join orgs p on p.county_id = ${c}::uuid and p.id = u.parent_id
     where u.county_id = ${c}::uuid and u.tier in ('township', 'village') and (p.id is null or p.tier <> u.tier)
     order by u.path`));
  const values = await Promise.all((Object.keys(RULE_POLICY) as ComplianceRule[]).map((r) => policyValue(db, c, RULE_POLICY[r])));
  const required = Object.fromEntries((Object.keys(RULE_POLICY) as ComplianceRule[]).map((r, i) => [r, values[i]!])) as Record<ComplianceRule, number>;
  return { actor, year: q.year ?? Number(today.slice(0, 4)), today, root, units, byPath: new Map(units.map((u) => [u.path, u])), required };
}

/** The village and township units above a path. */
function placeOf(ctx: Context, path: string): Pick<ComplianceRow, 'villageId' | 'villageName' | 'townshipId' | 'townshipName'> {
  let village: Unit | undefined;
  let township: Unit | undefined;
  const labels = path.split('.');
  for (let i = labels.length; i > 0; i--) {
    const u = ctx.byPath.get(labels.slice(0, i).join('.'));
    if (!u) continue;
    if (u.tier === 'village') village ??= u;
    else township ??= u;
  }
  return { villageId: village?.id ?? null, villageName: village?.name ?? null, townshipId: township?.id ?? null, townshipName: township?.name ?? null };
}

const subjectFilter = (ctx: Context, column: SQL): SQL =>
  and(scopeFilter(ctx.actor, column), ctx.root ? sql`${column} <@ ${ctx.root.path}::ltree` : undefined)!;
const yearStart = (ctx: Context) => `${ctx.year}-01-01`;
const yearEnd = (ctx: Context) => `${ctx.year}-12-31`;
const idList = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;

// ---------------------------------------------------------------------------------------------------------
// volunteer hours (activists, probationary members; pro rata)

/** from this many members with a period, the hours are summed over the county's year of records at once (the property test flips it) */
export const HOURS_PLAN = { manyMembers: 1000 };

interface MemberRow { id: string; name: string; orgId: string; orgName: string; path: string; status: string; activistOn: string | null; admittedOn: string | null; fullOn: string | null }

async function volunteerRows(db: DbOrTx, ctx: Context, onlyMemberId?: string): Promise<ComplianceRow[]> {
  const c = ctx.actor.countyId;
  const candidates = rowsOf<MemberRow>(await db.execute(sql`
    select m.id, m.name, m.org_id as "orgId", o.name as "orgName", m.org_path::text as path, m.status,
           m.activist_on::text as "activistOn", m.admitted_on::text as "admittedOn", m.full_on::text as "fullOn"
      from members m join orgs o on o.county_id = ${c}::uuid and o.id = m.org_id
     where m.county_id = ${c}::uuid and m.archived_at is null and ${subjectFilter(ctx, sql`m.org_path`)}
       and coalesce(m.activist_on, m.admitted_on) <= ${yearEnd(ctx)}::date
       and (m.full_on is null or m.full_on > ${yearStart(ctx)}::date)
       ${onlyMemberId ? sql`and m.id = ${onlyMemberId}::uuid` : sql``}
     order by m.org_path, m.name, m.id`));
  const periods = new Map<string, NonNullable<ReturnType<typeof requirementPeriod>>>();
  for (const m of candidates) {
    const p = requirementPeriod(m, ctx.year);
    if (p) periods.set(m.id, p);
  }
  const minutes = new Map<string, number>();
  if (periods.size > 0) {
    const list = JSON.stringify([...periods].map(([id, p]) => ({ member_id: id, from_on: p.from, to_on: p.to })));
    // many members (a township, the county): the year's counted records first (one bitmap scan + a hash anti-join on
    // the corrections), then a hash join on the periods — joined the other way round PostgreSQL ran one index scan
    // per member (bench duties-compliance: 550 → 265 ms). Few members (a village): inlined, an index scan each.
    const plan = sql.raw(periods.size > HOURS_PLAN.manyMembers ? 'materialized' : 'not materialized');
    const sums = rowsOf<{ id: string; minutes: number }>(await db.execute(sql`
      with counted as ${plan} (
        select r.member_id, r.served_on, r.minutes from volunteer_records r
         where r.county_id = ${c}::uuid and r.served_on >= ${yearStart(ctx)}::date and r.served_on <= ${yearEnd(ctx)}::date
           and ${countedVolunteerRecord(c)}
      )
      select k.member_id as id, sum(k.minutes)::int as minutes
        from counted k
        join jsonb_to_recordset(${list}::jsonb) as p(member_id uuid, from_on date, to_on date) on p.member_id = k.member_id
       where k.served_on >= p.from_on and k.served_on <= p.to_on
       group by k.member_id`));
    for (const s of sums) minutes.set(s.id, s.minutes);
  }
  const perYear = ctx.required.volunteerHours;
  const out: ComplianceRow[] = [];
  for (const m of candidates) {
    const p = periods.get(m.id);
    if (!p) continue;
    const h = hoursStanding(perYear, ctx.year, p, minutes.get(m.id) ?? 0, ctx.today);
    out.push({
      rule: 'volunteerHours', subjectId: m.id, subjectName: m.name, memberId: m.id, pairingId: null, orgId: m.orgId, orgName: m.orgName,
      ...placeOf(ctx, m.path), detail: m.status, done: h.done, due: h.due, shortBy: h.shortBy, byWhen: p.to, status: h.status,
      projectedShort: h.projectedShort,
      periods: [{ key: String(ctx.year), from: p.from, to: p.to, done: h.done, due: h.due, status: h.status, activityIds: [] }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// activity rules

/** Activity ids per subject and period key, from rows (subject, activity id, Shanghai month or quarter number). */
function byPeriod(rows: { subject: string; id: string; n: number }[], key: (n: number) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const k = `${r.subject}|${key(r.n)}`;
    out.set(k, [...(out.get(k) ?? []), r.id]);
  }
  return out;
}
const monthKey = (year: number) => (n: number) => `${year}-${String(n).padStart(2, '0')}`;
const quarterKey = (year: number) => (n: number) => `${year}-Q${n}`;

async function centralHouseholdRows(db: DbOrTx, ctx: Context): Promise<ComplianceRow[]> {
  const c = ctx.actor.countyId;
  const spans = rowsOf<{ id: string; name: string; orgId: string; orgName: string; path: string; startedOn: string; endedOn: string | null }>(await db.execute(sql`
    select m.id, m.name, m.org_id as "orgId", o.name as "orgName", m.org_path::text as path, p.started_on::text as "startedOn", p.ended_on::text as "endedOn"
      from member_positions p
      join members m on m.county_id = ${c}::uuid and m.id = p.member_id
      join orgs o on o.county_id = ${c}::uuid and o.id = m.org_id
     where p.county_id = ${c}::uuid and p.kind = 'centralHousehold' and m.archived_at is null
       and p.started_on <= ${yearEnd(ctx)}::date and (p.ended_on is null or p.ended_on >= ${yearStart(ctx)}::date)
       and ${subjectFilter(ctx, sql`m.org_path`)}
     order by m.org_path, m.name, m.id, p.started_on`));
  if (spans.length === 0) return [];
  const ids = [...new Set(spans.map((s) => s.id))];
  const acts = rowsOf<{ subject: string; id: string; n: number }>(await db.execute(sql`
    select a.organizer_member_id as subject, a.id, extract(month from a.held_on at time zone 'Asia/Shanghai')::int as n
      from activities a
     where a.county_id = ${c}::uuid and a.organizer_member_id = any(${idList(ids)})
       and a.held_on >= ${dayStart(yearStart(ctx))} and a.held_on < ${dayStart(`${ctx.year + 1}-01-01`)}
     order by a.held_on, a.id`));
  const counted = byPeriod(acts, monthKey(ctx.year));
  const months = monthsOf(ctx.year);
  const out: ComplianceRow[] = [];
  for (const id of ids) {
    const own = spans.filter((s) => s.id === id);
    const m = own[0]!;
    const st = activityStanding(months, ctx.required.centralHouseholds, ctx.today,
      (p) => own.some((s) => overlaps(p, s.startedOn, s.endedOn)), (k) => counted.get(`${id}|${k}`) ?? []);
    if (!st) continue;
    out.push({
      rule: 'centralHouseholds', subjectId: id, subjectName: m.name, memberId: id, pairingId: null, orgId: m.orgId, orgName: m.orgName,
      ...placeOf(ctx, m.path), detail: null, projectedShort: null, ...st,
    });
  }
  return out;
}

async function pairingRows(db: DbOrTx, ctx: Context): Promise<ComplianceRow[]> {
  const c = ctx.actor.countyId;
  const list = rowsOf<{ id: string; kind: string; partnerName: string; orgId: string; orgName: string; path: string; startedOn: string; endedOn: string | null }>(await db.execute(sql`
    select p.id, p.kind, p.partner_name as "partnerName", p.org_id as "orgId", o.name as "orgName", p.org_path::text as path,
           p.started_on::text as "startedOn", p.ended_on::text as "endedOn"
      from pairings p join orgs o on o.county_id = ${c}::uuid and o.id = p.org_id
     where p.county_id = ${c}::uuid and p.kind in ('assistance', 'coBuilding')
       and p.started_on <= ${yearEnd(ctx)}::date and (p.ended_on is null or p.ended_on >= ${yearStart(ctx)}::date)
       and ${subjectFilter(ctx, sql`p.org_path`)}
     order by p.org_path, p.partner_name, p.id`));
  if (list.length === 0) return [];
  const acts = rowsOf<{ subject: string; id: string; n: number }>(await db.execute(sql`
    select a.pairing_id as subject, a.id, extract(quarter from a.held_on at time zone 'Asia/Shanghai')::int as n
      from activities a
     where a.county_id = ${c}::uuid and a.pairing_id = any(${idList(list.map((p) => p.id))})
       and a.held_on >= ${dayStart(yearStart(ctx))} and a.held_on < ${dayStart(`${ctx.year + 1}-01-01`)}
     order by a.held_on, a.id`));
  return quarterRows(ctx, 'pairings', list.map((p) => ({
    subjectId: p.id, subjectName: p.partnerName, pairingId: p.id, orgId: p.orgId, orgName: p.orgName, path: p.path,
    detail: p.kind, startedOn: p.startedOn, endedOn: p.endedOn,
  })), byPeriod(acts, quarterKey(ctx.year)));
}

async function townshipRows(db: DbOrTx, ctx: Context): Promise<ComplianceRow[]> {
  const c = ctx.actor.countyId;
  const list = ctx.units.filter((u) => u.tier === 'township' && !u.archived && inScope(ctx.actor, u.path) && (!ctx.root || isWithin(u.path, ctx.root.path)));
  if (list.length === 0) return [];
  const acts = rowsOf<{ subject: string; id: string; n: number }>(await db.execute(sql`
    select t.id as subject, a.id, extract(quarter from a.held_on at time zone 'Asia/Shanghai')::int as n
      from activities a join orgs t on t.county_id = ${c}::uuid and a.org_path <@ t.path
     where a.county_id = ${c}::uuid and t.id = any(${idList(list.map((u) => u.id))})
       and a.kind in (${sql.join(DOOR_SERVICE_KINDS.map((k) => sql`${k}`), sql`, `)})
       and a.held_on >= ${dayStart(yearStart(ctx))} and a.held_on < ${dayStart(`${ctx.year + 1}-01-01`)}
     order by a.held_on, a.id`));
  return quarterRows(ctx, 'townships', list.map((u) => ({
    subjectId: u.id, subjectName: u.name, pairingId: null, orgId: u.id, orgName: u.name, path: u.path, detail: null, startedOn: yearStart(ctx), endedOn: null,
  })), byPeriod(acts, quarterKey(ctx.year)));
}

function quarterRows(
  ctx: Context, rule: 'pairings' | 'townships',
  subjects: { subjectId: string; subjectName: string; pairingId: string | null; orgId: string; orgName: string; path: string; detail: string | null; startedOn: string; endedOn: string | null }[],
  counted: Map<string, string[]>,
): ComplianceRow[] {
  const quarters: CalendarPeriod[] = quartersOf(ctx.year);
  const out: ComplianceRow[] = [];
  for (const s of subjects) {
    const st = activityStanding(quarters, ctx.required[rule], ctx.today, (p) => overlaps(p, s.startedOn, s.endedOn), (k) => counted.get(`${s.subjectId}|${k}`) ?? []);
    if (!st) continue;
    out.push({
      rule, subjectId: s.subjectId, subjectName: s.subjectName, memberId: null, pairingId: s.pairingId, orgId: s.orgId, orgName: s.orgName,
      ...placeOf(ctx, s.path), detail: s.detail, projectedShort: null, ...st,
    });
  }
  return out;
}

const RULE_ROWS: Record<ComplianceRule, (db: DbOrTx, ctx: Context) => Promise<ComplianceRow[]>> = {
  volunteerHours: (db, ctx) => volunteerRows(db, ctx),
  centralHouseholds: centralHouseholdRows,
  pairings: pairingRows,
  townships: townshipRows,
};

// ---------------------------------------------------------------------------------------------------------
// answers

/**
 * The rows of one rule — behind, plus (hours) those still in their period whose pace falls short of the due hours
 * by its end (一个预备党员 in December with 38 h to go is the township's concern now, not on 1 January) — or all with
 * `all`; behind first then by village and name.
 */
export async function behindList(
  db: Db, actor: Actor, q: { year?: number; orgId?: string; rule: ComplianceRule; all?: boolean; limit?: number; offset?: number },
): Promise<ComplianceBehindList> {
  const ctx = await context(db, actor, q);
  const rows = await RULE_ROWS[q.rule](db, ctx);
  const items = q.all ? rows : rows.filter(isBehind);
  const rank = { behind: 0, inProgress: 1, met: 2 } as const;
  items.sort((a, b) => rank[a.status] - rank[b.status]);
  const offset = q.offset ?? 0;
  return {
    year: ctx.year, rule: q.rule, asOf: ctx.today, required: ctx.required[q.rule], total: rows.length, matched: items.length,
    items: items.slice(offset, offset + (q.limit ?? COMPLIANCE_PAGE_MAX)),
  };
}

/** 未达标清单's test: behind now, or on course to fall short by the period's end */
const isBehind = (r: ComplianceRow) => r.status === 'behind' || (r.projectedShort ?? 0) > 0;

/** One rule's totals (as in the summary) and the length of its 未达标清单, from one computation of the rule (the dashboards). */
export async function ruleStanding(db: Db, actor: Actor, rule: ComplianceRule, q: { year?: number; orgId?: string } = {}): Promise<{ counts: ComplianceCounts; behind: number }> {
  const rows = await RULE_ROWS[rule](db, await context(db, actor, q));
  return { counts: tally(rows, () => true), behind: rows.filter(isBehind).length };
}

/** All four rules at once (the bench measures this: the county's behind lists). */
export async function allRules(db: Db, actor: Actor, q: { year?: number; orgId?: string }): Promise<{ ctx: Context; rows: Record<ComplianceRule, ComplianceRow[]> }> {
  const ctx = await context(db, actor, q);
  const [volunteerHours, centralHouseholds, pairings, townships] = await Promise.all([
    RULE_ROWS.volunteerHours(db, ctx), RULE_ROWS.centralHouseholds(db, ctx), RULE_ROWS.pairings(db, ctx), RULE_ROWS.townships(db, ctx),
  ]);
  return { ctx, rows: { volunteerHours, centralHouseholds, pairings, townships } };
}

const zero = (): ComplianceCounts => ({ total: 0, met: 0, behind: 0, inProgress: 0 });
function tally(rows: ComplianceRow[], keep: (r: ComplianceRow) => boolean): ComplianceCounts {
  const out = zero();
  for (const r of rows) {
    if (!keep(r)) continue;
    out.total++;
    out[r.status]++;
  }
  return out;
}

/** Per township and village of the caller's subtree: how many subjects of each rule are behind, in progress, met. */
export async function summary(db: Db, actor: Actor, q: { year?: number; orgId?: string }): Promise<ComplianceSummary> {
  const { ctx, rows } = await allRules(db, actor, q);
  const rules = Object.keys(rows) as ComplianceRule[];
  const units = ctx.units.filter((u) => !u.archived && inScope(actor, u.path) && (!ctx.root || isWithin(u.path, ctx.root.path) || isWithin(ctx.root.path, u.path)));
  const per = (pick: (r: ComplianceRow) => boolean) => Object.fromEntries(rules.map((rule) => [rule, tally(rows[rule], pick)])) as ComplianceSummary['totals'];
  return {
    year: ctx.year,
    asOf: ctx.today,
    required: ctx.required,
    totals: per(() => true),
    units: units.map((u) => ({
      orgId: u.id, orgName: u.name, tier: u.tier, townshipId: u.tier === 'village' ? placeOf(ctx, u.path).townshipId : null,
      rules: per((r) => (u.tier === 'village' ? r.villageId === u.id : r.townshipId === u.id)),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// one member's hours (the member file, the member's own phone)

async function memberDuties(db: Db, actor: Actor, m: MemberRow, year: number | undefined): Promise<MemberDutiesView> {
  const c = actor.countyId;
  const today = shanghaiToday();
  const asked = year ?? Number(today.slice(0, 4));
  const perYear = await policyValue(db, c, 'duty.volunteerHoursPerYear');
  const recs = rowsOf<{ servedOn: string; minutes: number }>(await db.execute(sql`
    select r.served_on::text as "servedOn", r.minutes from volunteer_records r
     where r.county_id = ${c}::uuid and r.member_id = ${m.id}::uuid and ${countedVolunteerRecord(c)}`));
  const years = new Set<number>([asked, ...recs.map((r) => Number(r.servedOn.slice(0, 4))), ...requirementYears(m, Number(today.slice(0, 4)))]);
  const yearOf = (y: number): MemberHoursYear => {
    const inYear = recs.filter((r) => r.servedOn.startsWith(`${y}-`));
    const hours = round2(inYear.reduce((s, r) => s + r.minutes, 0) / 60);
    const p = requirementPeriod(m, y);
    if (!p) return { year: y, hours, done: 0, due: 0, shortBy: 0, periodFrom: null, periodTo: null, status: null, projectedShort: null };
    const minutes = inYear.filter((r) => r.servedOn >= p.from && r.servedOn <= p.to).reduce((s, r) => s + r.minutes, 0);
    const h = hoursStanding(perYear, y, p, minutes, today);
    return { year: y, hours, done: h.done, due: h.due, shortBy: h.shortBy, periodFrom: p.from, periodTo: p.to, status: h.status, projectedShort: h.projectedShort };
  };
  const all = [...years].sort((a, b) => b - a).map(yearOf);
  return {
    memberId: m.id, memberName: m.name, status: m.status, year: asked, asOf: today, requiredPerYear: perYear,
    current: all.find((y) => y.year === asked)!,
    years: all.filter((y) => y.year === asked || y.hours > 0 || y.status !== null),
    recordsLink: `/volunteer?memberId=${m.id}`,
  };
}

async function memberRow(db: DbOrTx, actor: Actor, id: string, scoped: boolean): Promise<MemberRow> {
  const c = actor.countyId;
  const [m] = rowsOf<MemberRow>(await db.execute(sql`
    select m.id, m.name, m.org_id as "orgId", o.name as "orgName", m.org_path::text as path, m.status,
           m.activist_on::text as "activistOn", m.admitted_on::text as "admittedOn", m.full_on::text as "fullOn"
      from members m join orgs o on o.county_id = ${c}::uuid and o.id = m.org_id
     where m.county_id = ${c}::uuid and m.id = ${id}::uuid ${scoped ? sql`and ${scopeFilter(actor, sql`m.org_path`)}` : sql``}`));
  if (!m) throw notFound();
  return m;
}

/** GET /api/members/:id/duties — a member of the caller's scope (else 404). */
export async function getMemberDuties(db: Db, actor: Actor, memberId: string, q: { year?: number }): Promise<MemberDutiesView> {
  return memberDuties(db, actor, await memberRow(db, actor, memberId, true), q.year);
}

/** GET /api/me/duties — the caller's own member record (a member's login); 404 for an account bound to none. */
export async function getMyDuties(db: Db, actor: Actor, q: { year?: number }): Promise<MemberDutiesView> {
  if (!actor.memberId) throw notFound();
  return memberDuties(db, actor, await memberRow(db, actor, actor.memberId, false), q.year);
}

// ---------------------------------------------------------------------------------------------------------
// Excel export of a behind list (the list's filters and scope; one audit entry)

const zh = (labels: Record<string, Label>, code: string | null) => (code ? (labels[code]?.['zh-CN'] ?? code) : '');
const STATUS_ZH: Record<ComplianceRow['status'], string> = { met: '已达标', behind: '未达标', inProgress: '进行中' };
const RULE_ZH: Record<ComplianceRule, { sheet: string; subject: string; unit: string }> = {
  volunteerHours: { sheet: '志愿服务时长', subject: '党员', unit: '小时' },
  centralHouseholds: { sheet: '党员中心户服务活动', subject: '党员中心户', unit: '次' },
  pairings: { sheet: '结对帮扶单位志愿服务', subject: '结对单位', unit: '次' },
  townships: { sheet: '乡镇组团式订单式服务', subject: '乡镇(街道)', unit: '次' },
};

export async function exportBehind(db: Db, actor: Actor, { purpose, ...q }: { year?: number; orgId?: string; rule: ComplianceRule; all?: boolean; purpose?: string }): Promise<Buffer> {
  const list = await behindList(db, actor, { ...q, limit: Number.MAX_SAFE_INTEGER });
  // the member rules name people: a bulk export states its purpose
  if (q.rule === 'volunteerHours' || q.rule === 'centralHouseholds') await assertExportPurpose(db, actor.countyId, list.items.length, purpose);
  const z = RULE_ZH[q.rule];
  const columns: StyledColumn[] = [
    { header: z.subject, width: 20 }, { header: '所在组织', width: 20 }, { header: '村(社区)', width: 16 }, { header: '乡镇(街道)', width: 16 },
    { header: q.rule === 'volunteerHours' ? '身份' : q.rule === 'pairings' ? '结对类型' : '说明', width: 12 },
    { header: `已完成(${z.unit})`, width: 12 }, { header: `应完成(${z.unit})`, width: 12 }, { header: `差额(${z.unit})`, width: 10 },
    { header: '截止日期', width: 12 }, { header: '状态', width: 10 },
    { header: q.rule === 'volunteerHours' ? '按目前进度预计差额(小时)' : '未达标期间', width: 24 },
  ];
  const rows = list.items.map((r) => [
    r.subjectName, r.orgName, r.villageName ?? '', r.townshipName ?? '',
    q.rule === 'volunteerHours' ? zh(MEMBER_STATUS_LABELS, r.detail) : q.rule === 'pairings' ? zh(PAIRING_KIND_LABELS, r.detail) : '',
    r.done, r.due, r.shortBy, r.byWhen, STATUS_ZH[r.status],
    q.rule === 'volunteerHours' ? (r.projectedShort ?? '') : r.periods.filter((p) => p.status === 'behind').map((p) => p.key).join('、'),
  ]);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: 'export.compliance', entity: 'export', orgPath: actor.scope[0] ?? null,
    detail: { filters: q, rows: rows.length, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) },
  })));
  return writeSheet(`${list.year}年${z.sheet}`, columns, rows);
}
