// 工作统计 (issue 12, seed 篇三): the figures of any subtree of one's area for a month, a quarter, a year or a
// custom range, one row per child org and the total, with the previous period for the change. The case figures
// are 办件统计's (cases.stats.ts, one rule); visits and households visited are counted as the coverage page counts
// them (visits in the window, distinct households, archived households left out); volunteer hours by the duties'
// counting rule (countingVolunteerRecords); whistles by the whistles' stats; 三个一 by the secretaries' service.
import { sql, type SQL } from 'drizzle-orm';
import type { StatisticsQuery, StatisticsRow, WorkStatistics } from '@jiceng/contract';
import { rowsOf, type Db } from '../../db/client.js';
import { can, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { notFound } from '../../platform/http/errors.js';
import { caseStats } from '../cases/cases.stats.js';
import { whistleStats } from '../whistles/whistles.service.js';
import { countingVolunteerRecords } from '../duties/volunteer.service.js';
import { threeOnes } from '../duties/secretaries.service.js';
import { customPeriod, periodOf, previousPeriod, type Period } from './statistics.rules.js';

interface Scope { id: string; name: string; tier: string; path: string; parentId: string | null }

export function periodFor(q: Pick<StatisticsQuery, 'period' | 'date' | 'from' | 'to'>): Period {
  if (q.period === 'custom') return customPeriod(q.from!, q.to!);
  return periodOf(q.period ?? 'month', q.date ?? shanghaiToday());
}

async function scopeOf(db: Db, actor: Actor, orgId: string | undefined): Promise<Scope> {
  const id = orgId ?? actor.orgId;
  if (!id) throw notFound();
  const [o] = rowsOf<Scope>(await db.execute(sql`
    select id, name, tier, path::text as path, parent_id as "parentId" from orgs where county_id = ${actor.countyId}::uuid and id = ${id}::uuid`));
  if (!o || !inScope(actor, o.path)) throw notFound();
  return o;
}

const dayStart = (d: string) => sql`(${d}::date)::timestamp at time zone 'Asia/Shanghai'`;
const dayEnd = (d: string) => sql`(${d}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;

interface FieldRaw { bucket: string | null; is_total: boolean; visits: number; households_visited: number; households: number; minutes: number }

/** visits, households visited, households and volunteer minutes per child org of the scope (bucket) and in total */
async function fieldFigures(db: Db, actor: Actor, scope: Scope, p: Period): Promise<Map<string | null, FieldRaw>> {
  const c = actor.countyId;
  const bucket = (col: SQL) => sql`(select ch.id from orgs ch where ch.county_id = ${c}::uuid and ch.parent_id = ${scope.id}::uuid and ${col} <@ ch.path limit 1)`;
  // per bucket (null: records of the scope's own level) and the total, each counted once
  const per = rowsOf<{ kind: 'v' | 'h' | 'r'; is_total: boolean; bucket: string | null; a: number; b: number }>(await db.execute(sql`
    with v as (
      select ${bucket(sql`v.org_path`)} as bucket, v.household_id from visits v
       where v.county_id = ${c}::uuid and v.org_path <@ ${scope.path}::ltree and ${scopeFilter(actor, sql`v.org_path`)}
         and v.visited_at >= ${dayStart(p.from)} and v.visited_at < ${dayEnd(p.to)}
    ), h as (
      select ${bucket(sql`h.org_path`)} as bucket, h.id from households h
       where h.county_id = ${c}::uuid and h.org_path <@ ${scope.path}::ltree and h.archived_at is null and ${scopeFilter(actor, sql`h.org_path`)}
    ), r as (
      select ${bucket(sql`r.member_org_path`)} as bucket, r.minutes from ${countingVolunteerRecords(c)} r
       where r.county_id = ${c}::uuid and r.member_org_path <@ ${scope.path}::ltree and ${scopeFilter(actor, sql`r.member_org_path`)}
         and r.served_on >= ${p.from}::date and r.served_on <= ${p.to}::date
    )
    select 'v' as kind, grouping(v.bucket) = 1 as is_total, v.bucket, count(*)::int as a, count(distinct h.id)::int as b
      from v left join h on h.id = v.household_id group by grouping sets ((v.bucket), ())
    union all
    select 'h', grouping(h.bucket) = 1, h.bucket, count(*)::int, 0 from h group by grouping sets ((h.bucket), ())
    union all
    select 'r', grouping(r.bucket) = 1, r.bucket, coalesce(sum(r.minutes), 0)::int, 0 from r group by grouping sets ((r.bucket), ())`));
  const map = new Map<string | null, FieldRaw>();
  const at = (key: string | null) => {
    let f = map.get(key);
    if (!f) map.set(key, (f = { bucket: key === 'total' ? null : key, is_total: key === 'total', visits: 0, households_visited: 0, households: 0, minutes: 0 }));
    return f;
  };
  for (const r of per) {
    const f = at(r.is_total ? 'total' : r.bucket);
    if (r.kind === 'v') { f.visits = r.a; f.households_visited = r.b; }
    else if (r.kind === 'h') f.households = r.a;
    else f.minutes = r.a;
  }
  return map;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

async function periodRows(db: Db, actor: Actor, scope: Scope, p: Period): Promise<{ rows: StatisticsRow[]; total: StatisticsRow }> {
  const cases = await caseStats(db, actor, { orgId: scope.id, from: p.from, to: p.to });
  const field = await fieldFigures(db, actor, scope, p);
  const row = (orgId: string | null, name: string, cs: (typeof cases)['total'], f: FieldRaw | undefined): StatisticsRow => ({
    orgId, name,
    received: cs.received, answered: cs.answered, proxy: cs.proxy, rights: cs.rights, onTimeRate: cs.onTimeRate, oneTripRate: cs.oneTripRate,
    overdueOpen: cs.overdueOpen,
    visits: f?.visits ?? 0, householdsVisited: f?.households_visited ?? 0, households: f?.households ?? 0,
    coverageRate: ratio(f?.households_visited ?? 0, f?.households ?? 0),
    volunteerHours: Math.round(((f?.minutes ?? 0) / 60) * 10) / 10,
  });
  // caseStats' rows: the scope's own level first (when it has cases), then each child org
  const rows = cases.rows.map((cs) => row(cs.orgId, cs.name, cs, cs.orgId === scope.id ? field.get(null) : field.get(cs.orgId)));
  if (!cases.rows.some((r) => r.orgId === scope.id) && field.get(null)) {
    const f = field.get(null)!;
    if (f.visits || f.households || f.minutes) rows.unshift(row(scope.id, `${scope.name}（本级）`, { ...cases.total, received: 0, answered: 0, proxy: 0, rights: 0, onTimeRate: null, oneTripRate: null, overdueOpen: 0 }, f));
  }
  return { rows, total: row(scope.id, scope.name, cases.total, field.get('total')) };
}

export async function workStatistics(db: Db, actor: Actor, q: StatisticsQuery): Promise<WorkStatistics> {
  const scope = await scopeOf(db, actor, q.orgId);
  const period = periodFor(q);
  const previous = previousPeriod(period);
  const now = await periodRows(db, actor, scope, period);
  const before = await periodRows(db, actor, scope, previous);
  const w = can(actor, 'whistle.read') ? await whistleStats(db, actor, { from: period.from, to: period.to }) : { rows: [] };
  const called = w.rows.reduce((s, r) => s + r.called, 0);
  const reported = w.rows.reduce((s, r) => s + r.reported, 0);
  const onTime = w.rows.reduce((s, r) => s + r.onTime, 0);
  const hours = w.rows.filter((r) => r.avgHoursToReport !== null);
  const avgHoursToReport = hours.length ? Math.round((hours.reduce((s, r) => s + r.avgHoursToReport! * r.reported, 0) / Math.max(1, hours.reduce((s, r) => s + r.reported, 0))) * 10) / 10 : null;
  const year = Number(period.to.slice(0, 4));
  const three = can(actor, 'duty.read') ? (await threeOnes(db, actor, { year, orgId: scope.id })).totals : { secretaries: 0, annualReport: 0, contactPoint: 0, partyLecture: 0, allDone: 0 };
  return {
    scope: { id: scope.id, name: scope.name, tier: scope.tier },
    period, previous,
    rows: now.rows, total: now.total, previousTotal: before.total,
    whistles: { called, reported, onTime, onTimeRate: ratio(onTime, reported), avgHoursToReport },
    threeOnes: { year, ...three },
  };
}
