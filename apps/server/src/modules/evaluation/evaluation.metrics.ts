// Computed indicators (issue 11, F17): each metric a figure of the platform's own records over the round's year
// (Asia/Shanghai) and the org's subtree, computed set-based for all the round's orgs at once; and, for the
// explanation page, the very records a metric counted (their number is the metric's denominator).
//
// One definition per metric serves both: a record source — a SELECT of the records the metric counts for the org
// at path `tp`, each with its org path, id, label, day, what it contributes (val), whether it counts in the
// numerator (hit) and a number (num, for means). The figure is an aggregate over exactly those rows, and the
// explanation lists exactly those rows, so the list's length is the denominator by construction.
// Where a rule already lives in a service as JS (volunteer compliance, 三个一, rotation), the records come from that
// service for the whole county and are matched to the targets by path: one rule, never a second copy.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import type { ExplainRecord, Metric, OrgTier } from '@jiceng/contract';
import { ACTIVITY_KIND_GROUP, ACTIVITY_KIND_LABELS, METRIC_INFO, REQUIRED_BODY_KINDS, VISIT_TAGS, maskName } from '@jiceng/contract/constants';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { visitIntervals } from '../fieldwork/fieldwork.service.js';
import { allRules } from '../duties/compliance.service.js';
import { threeOnes } from '../duties/secretaries.service.js';
import { rotation } from '../duties/training.service.js';

export interface MetricTarget { orgId: string; path: string; tier: OrgTier; name: string }
export interface MetricValue {
  /** numerator / denominator for shares and means, the count for counts; null when the denominator is 0 (not for counts) */
  value: number | null;
  numerator: number;
  denominator: number;
}

const yearBounds = (year: number) => ({ from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` });
const FIVE_OR_FOUR = Object.entries(ACTIVITY_KIND_GROUP).filter(([, g]) => g === 'fiveMeetings' || g === 'fourInto').map(([k]) => k);
const textArray = (xs: readonly string[]) => sql`${`{${xs.join(',')}}`}::text[]`;

interface Ctx { countyId: string; year: number; from: string; to: string; intervals: SQL }
/**
 * A record source in parts: `scan` names the FROM … WHERE it reads (metrics with the same scan are aggregated in
 * one pass), `from` is that clause for the org at path `tp`, and the columns of a record. The figure aggregates
 * `hit` and `num` over the scan's rows; the explanation lists the rows with every column.
 */
interface Parts { scan: string; from: SQL; path: SQL; id: SQL; label: SQL; day: SQL; val: SQL; hit: SQL; num?: SQL }
type Source = (ctx: Ctx, tp: SQL, tier: OrgTier) => Parts;

/** A rating counts when given by the resident, or recorded on a callback from outside the org's subtree. */
const independent = (tp: SQL) => sql`(c.rating_source = 'resident' or (c.rating_source = 'callback' and (c.rater_path is null or not c.rater_path <@ ${tp})))`;

const caseLabel = sql`c.number || ' ' || c.title`;
const caseDay = sql`to_char(c.received_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
const answeredCases = (x: Ctx, tp: SQL) => sql`from cases c
     where c.county_id = ${x.countyId}::uuid and c.org_path <@ ${tp} and c.received_at >= ${x.from}::timestamptz and c.received_at < ${x.to}::timestamptz
       and c.replied_at is not null`;
/** the last visit of a household before the year's end (or now, while the year runs) */
const lastVisit = (x: Ctx) => sql`(select max(v.visited_at) from visits v
         where v.county_id = ${x.countyId}::uuid and v.household_id = h.id and v.visited_at < least(now(), ${x.to}::timestamptz))`;
const visitedIn = (x: Ctx, column: SQL) => sql`exists (select 1 from visits v where v.county_id = ${x.countyId}::uuid and ${column}
         and v.visited_at >= ${x.from}::timestamptz and v.visited_at < ${x.to}::timestamptz)`;
// the county repeated as a constant: the correlated subquery stays on the village's shard (Citus)
const complete = (x: Ctx) => sql`(select coalesce(array_agg(distinct b.kind), '{}'::text[]) from bodies b where b.county_id = ${x.countyId}::uuid and b.county_id = o.county_id and b.org_path <@ o.path) @> ${textArray(REQUIRED_BODY_KINDS)}`;

const SQL_SOURCES: Partial<Record<Metric, Source>> = {
  // the on-time rule of 办件统计 (cases.stats.ts): answered, and answered by the deadline
  // …and, for the evaluation, also the cases still open past their deadline (as of the year's end, or now): a case
  // left unanswered must not escape the rate
  caseOnTimeRate: (x, tp) => ({
    scan: 'dueCases',
    from: sql`from cases c
     where c.county_id = ${x.countyId}::uuid and c.org_path <@ ${tp} and c.received_at >= ${x.from}::timestamptz and c.received_at < ${x.to}::timestamptz
       and (c.replied_at is not null or (c.state in ('received', 'inProgress') and c.due_at < least(now(), ${x.to}::timestamptz)))`,
    path: sql`c.org_path`, id: sql`c.id`, label: caseLabel, day: caseDay,
    val: sql`case when c.replied_at is null then '超期未答复' when c.replied_at <= c.due_at then '按时答复' else '超期 ' || ceil(extract(epoch from (c.replied_at - c.due_at)) / 86400)::int || ' 天答复' end`,
    hit: sql`(c.replied_at is not null and c.replied_at <= c.due_at)`,
  }),
  caseOneTripShare: (x, tp) => ({
    scan: 'answeredCases', from: answeredCases(x, tp), path: sql`c.org_path`, id: sql`c.id`, label: caseLabel, day: caseDay,
    val: sql`'跑 ' || c.trips || ' 次'`, hit: sql`(c.trips <= 1)`,
  }),
  caseMeanRating: (x, tp) => ({
    scan: 'ratedCases',
    from: sql`from cases c
     where c.county_id = ${x.countyId}::uuid and c.org_path <@ ${tp} and c.received_at >= ${x.from}::timestamptz and c.received_at < ${x.to}::timestamptz
       and c.rating is not null and ${independent(tp)}`,
    path: sql`c.org_path`, id: sql`c.id`, label: caseLabel, day: caseDay,
    val: sql`c.rating || ' 星（' || case when c.rating_source = 'resident' then '群众本人评价' else '回访记录' end || '）'`,
    hit: sql`true`, num: sql`c.rating::numeric`,
  }),
  // the must-visit rule of 必访户 (fieldwork overdueVisits): the smallest interval of the household's tags, as of
  // the year's end (or now, while the year runs)
  mustVisitCoverage: (x, tp) => ({
    scan: 'mustVisit',
    from: sql`from households h cross join lateral (select ${lastVisit(x)} as last_at) lv
     where h.county_id = ${x.countyId}::uuid and h.org_path <@ ${tp} and h.archived_at is null and cardinality(h.visit_tags) > 0`,
    path: sql`h.org_path`, id: sql`h.id`, label: sql`'户主 ' || h.head_name || ' · ' || h.address`,
    day: sql`to_char(lv.last_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    val: sql`case when lv.last_at is null then '未走访（间隔 ' || ${x.intervals} || ' 天）'
                when lv.last_at >= least(now(), ${x.to}::timestamptz) - make_interval(days => ${x.intervals}) then '按期走访（间隔 ' || ${x.intervals} || ' 天）'
                else '逾期未访（间隔 ' || ${x.intervals} || ' 天）' end`,
    hit: sql`(lv.last_at is not null and lv.last_at >= least(now(), ${x.to}::timestamptz) - make_interval(days => ${x.intervals}))`,
  }),
  // 两走遍 (fieldwork coverage): a village's households visited in the year; a township's village groups
  twoWalksCoverage: (x, tp, tier) => tier === 'township'
    ? {
      scan: 'groups',
      from: sql`from orgs g where g.county_id = ${x.countyId}::uuid and g.path <@ ${tp} and g.level = 'group' and g.archived_at is null`,
      path: sql`g.path`, id: sql`g.id`, label: sql`g.name`, day: sql`null::text`,
      val: sql`case when ${visitedIn(x, sql`v.group_org_id = g.id`)} then '已走访' else '未走访' end`, hit: visitedIn(x, sql`v.group_org_id = g.id`),
    }
    : {
      scan: 'households',
      from: sql`from households h where h.county_id = ${x.countyId}::uuid and h.org_path <@ ${tp} and h.archived_at is null`,
      path: sql`h.org_path`, id: sql`h.id`, label: sql`'户主 ' || h.head_name || ' · ' || h.address`, day: sql`null::text`,
      val: sql`case when ${visitedIn(x, sql`v.household_id = h.id`)} then '已走访' else '未走访' end`, hit: visitedIn(x, sql`v.household_id = h.id`),
    },
  // 131n: the villages of the subtree with the three autonomous bodies (村委会、村民议事会、村务监督委员会)
  bodiesComplete: (x, tp) => ({
    scan: 'villages',
    from: sql`from orgs o left join orgs p on p.county_id = ${x.countyId}::uuid and p.id = o.parent_id
     where o.county_id = ${x.countyId}::uuid and o.path <@ ${tp} and o.tier = 'village' and o.archived_at is null and (p.id is null or p.tier <> 'village')`,
    path: sql`o.path`, id: sql`o.id`, label: sql`o.name`, day: sql`null::text`,
    val: sql`case when ${complete(x)} then '村委会、村民议事会、村务监督委员会齐全' else '“三会”不全' end`, hit: complete(x),
  }),
  gridsWithPartyGroup: (x, tp) => ({
    scan: 'grids',
    from: sql`from grids g where g.county_id = ${x.countyId}::uuid and g.org_path <@ ${tp} and g.archived_at is null`,
    path: sql`g.org_path`, id: sql`g.id`, label: sql`g.name`, day: sql`null::text`,
    val: sql`case when g.party_group_id is null then '未建党小组' else '已建党小组' end`, hit: sql`(g.party_group_id is not null)`,
  }),
  activitiesHeld: (x, tp) => ({
    scan: 'activities',
    from: sql`from activities a
     where a.county_id = ${x.countyId}::uuid and a.org_path <@ ${tp} and a.kind = any(${textArray(FIVE_OR_FOUR)})
       and a.held_on >= ${x.from}::timestamptz and a.held_on < ${x.to}::timestamptz`,
    path: sql`a.org_path`, id: sql`a.id`, label: sql`a.title`, day: sql`to_char(a.held_on at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    val: sql`a.kind`, hit: sql`true`,
  }),
  // the on-time rule of 部门响应统计 (whistles stats): a called department's report by the whistle's deadline
  whistleOnTimeRate: (x, tp) => ({
    scan: 'whistleReports',
    from: sql`from whistle_reports r
      join whistles w on w.county_id = ${x.countyId}::uuid and w.id = r.whistle_id
      join departments d on d.county_id = ${x.countyId}::uuid and d.id = r.department_id
     where r.county_id = ${x.countyId}::uuid and w.org_path <@ ${tp} and w.created_at >= ${x.from}::timestamptz and w.created_at < ${x.to}::timestamptz`,
    path: sql`w.org_path`, id: sql`r.id`, label: sql`w.number || ' ' || w.title || ' · ' || d.name`,
    day: sql`to_char(w.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    val: sql`case when r.reported_at is null then '未反馈' when r.reported_at <= w.due_at then '按时反馈' else '超时反馈' end`,
    hit: sql`(r.reported_at is not null and r.reported_at <= w.due_at)`,
  }),
  accountabilityUpheld: (x, tp) => ({
    scan: 'accountability',
    from: sql`from accountability_records a
      join cases c on c.county_id = ${x.countyId}::uuid and c.id = a.case_id
     where a.county_id = ${x.countyId}::uuid and a.org_path <@ ${tp} and a.status = 'upheld'
       and a.raised_at >= ${x.from}::timestamptz and a.raised_at < ${x.to}::timestamptz`,
    path: sql`a.org_path`, id: sql`a.id`, label: caseLabel, day: sql`to_char(a.raised_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    val: sql`'责任追究成立'`, hit: sql`true`,
  }),
};

/** A source's rows with every column (the explanation's list). */
const recordsOf = (p: Parts) => sql`select ${p.path} as path, ${p.id} as id, ${p.label} as label, ${p.day} as day, ${p.val} as val, ${p.hit} as hit ${p.from}`;

/** Records from a service's JS rule, for the whole county, with the path of the org each belongs to. */
interface JsRecord { path: string; entity: string; id: string; label: string; day: string | null; val: string; hit: boolean; num: number }
/** How a JS-sourced metric matches a record to a target: the subtree, or the org itself (its secretary). */
const JS_MATCH: Partial<Record<Metric, 'subtree' | 'self'>> = { volunteerCompliance: 'subtree', threeOnesCompletion: 'self', secretaryTrained: 'self' };

async function countyActor(db: DbOrTx, countyId: string): Promise<Actor> {
  const [root] = rowsOf<{ path: string }>(await db.execute(sql`select path::text as path from orgs where county_id = ${countyId}::uuid and id = ${countyId}::uuid`));
  return {
    countyId, userId: '00000000-0000-0000-0000-000000000000', username: 'evaluation', displayName: '考评计算', role: 'countyAdmin', orgId: countyId, departmentId: null,
    scope: [root!.path], countyPath: root!.path, sessionId: 'evaluation', ip: null,
  };
}

async function orgPaths(db: DbOrTx, countyId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; path: string }>(await db.execute(sql`select id, path::text as path from orgs where county_id = ${countyId}::uuid`));
  return new Map(rows.map((r) => [r.id, r.path]));
}

/**
 * The records of a JS-ruled metric: for the whole county (a round's figures), or only below `orgId` (one org's
 * explanation — the service's own filter, so an explanation does not compute the county). The county actor and the
 * org paths are read once per caller (`base`).
 */
async function jsRecords(
  db: DbOrTx, countyId: string, year: number, metric: Metric, orgId?: string,
  base?: { actor: Actor; paths: Map<string, string> },
): Promise<JsRecord[]> {
  const actor = base?.actor ?? await countyActor(db, countyId);
  const paths = base?.paths ?? await orgPaths(db, countyId);
  const pathOf = (orgId: string) => paths.get(orgId) ?? '';
  if (metric === 'volunteerCompliance') {
    const { rows } = await allRules(db as Db, actor, { year, orgId });
    return rows.volunteerHours.map((r) => ({
      path: pathOf(r.orgId), entity: 'member', id: r.memberId ?? r.subjectId, label: r.subjectName, day: r.byWhen,
      val: `${r.done} / ${r.due} 小时（${r.status === 'met' ? '已达标' : r.status === 'behind' ? '未达标' : '进行中'}）`, hit: r.status === 'met', num: 0,
    }));
  }
  if (metric === 'threeOnesCompletion') {
    const view = await threeOnes(db, actor, { year, orgId });
    return view.rows.map((r) => ({
      path: pathOf(r.orgId), entity: 'member', id: r.memberId, label: `${r.memberName}（书记）`, day: null,
      val: `述职${r.annualReport.done ? '✓' : '✗'} 联系点${r.contactPoint.done ? '✓' : '✗'} 党课${r.partyLecture.done ? '✓' : '✗'}（${r.doneCount}/3）`,
      hit: r.doneCount === 3, num: r.doneCount / 3,
    }));
  }
  if (metric === 'secretaryTrained') {
    const view = await rotation(db, actor, { orgId });
    return view.secretaries.map((s) => ({
      path: pathOf(s.orgId), entity: 'member', id: s.memberId, label: `${s.name}（书记）`, day: s.lastTrainedOn,
      val: s.covered ? `${s.lastTrainedOn} 参加书记轮训` : s.lastTrainedOn ? `最近轮训 ${s.lastTrainedOn}，已超出 ${view.rotationYears} 年周期` : `${view.rotationYears} 年内未参加书记轮训`,
      hit: s.covered, num: 0,
    }));
  }
  throw new Error(`jsRecords: ${metric} has no JS source`);
}

const matches = (mode: 'subtree' | 'self', path: string, target: string) => (mode === 'self' ? path === target : path === target || path.startsWith(`${target}.`));

function valueOf(metric: Metric, hits: number, num: number, den: number): MetricValue {
  const unit = METRIC_INFO[metric].unit;
  if (unit === 'count') return { value: den, numerator: den, denominator: den };
  if (metric === 'threeOnesCompletion') return { value: den ? num / den : null, numerator: Math.round(num * 100) / 100, denominator: den };
  if (unit === 'rating') return { value: den ? num / den : null, numerator: num, denominator: den };
  return { value: den ? hits / den : null, numerator: hits, denominator: den };
}

async function context(db: DbOrTx, countyId: string, year: number): Promise<Ctx> {
  const intervals = await visitIntervals(db, countyId);
  const interval = sql`least(${sql.join(VISIT_TAGS.map((tag) => sql`case when ${tag}::text = any(h.visit_tags) then ${intervals[tag]}::int end`), sql`, `)})`;
  return { countyId, year, ...yearBounds(year), intervals: interval };
}

/** The metrics for every target: orgId → metric → value. */
export async function computeMetrics(
  db: DbOrTx, countyId: string, year: number, targets: readonly MetricTarget[], metrics: readonly Metric[],
): Promise<Map<string, Map<Metric, MetricValue>>> {
  const out = new Map<string, Map<Metric, MetricValue>>(targets.map((t) => [t.orgId, new Map()]));
  if (targets.length === 0) return out;
  const x = await context(db, countyId, year);
  const wanted = [...new Set(metrics)];
  // the SQL metrics, grouped by tier and by the scan they read: one statement per group, only hit and num aggregated
  for (const tier of new Set(targets.map((t) => t.tier))) {
    const of = targets.filter((t) => t.tier === tier);
    const ids = sql`${`{${of.map((t) => t.orgId).join(',')}}`}::uuid[]`;
    const paths = sql`${`{${of.map((t) => t.path).join(',')}}`}::ltree[]`;
    const groups = new Map<string, { metric: Metric; parts: Parts }[]>();
    for (const metric of wanted) {
      const source = SQL_SOURCES[metric];
      if (!source) continue;
      const parts = source(x, sql`t.path`, tier);
      groups.set(parts.scan, [...(groups.get(parts.scan) ?? []), { metric, parts }]);
    }
    for (const group of groups.values()) {
      const first = group[0]!.parts;
      // aggregated inside the lateral, per target (as a hand-written aggregate would): no outer join of every row
      const aggs = group.map((g, i) => sql`count(*) filter (where ${g.parts.hit})::int as h${sql.raw(String(i))}, coalesce(sum(${g.parts.num ?? sql`0::numeric`}), 0) as n${sql.raw(String(i))}`);
      const rows = rowsOf<Record<string, string | number>>(await db.execute(sql`
        select t.org_id, r.*
          from unnest(${ids}, ${paths}) as t(org_id, path)
          cross join lateral (select count(*)::int as den, ${sql.join(aggs, sql`, `)} ${first.from}) r`));
      for (const r of rows) {
        group.forEach((g, i) => out.get(String(r.org_id))!.set(g.metric, valueOf(g.metric, Number(r[`h${i}`]), Number(r[`n${i}`]), Number(r.den))));
      }
    }
  }
  // the metrics whose rule is a service's JS: its records for the whole county, matched by path
  const jsMetrics = wanted.filter((m) => !SQL_SOURCES[m]);
  const base = jsMetrics.length ? { actor: await countyActor(db, countyId), paths: await orgPaths(db, countyId) } : undefined;
  for (const metric of jsMetrics) {
    const mode = JS_MATCH[metric]!;
    const records = await jsRecords(db, countyId, year, metric, undefined, base);
    for (const t of targets) {
      const mine = records.filter((r) => matches(mode, r.path, t.path));
      out.get(t.orgId)!.set(metric, valueOf(metric, mine.filter((r) => r.hit).length, mine.reduce((s, r) => s + r.num, 0), mine.length));
    }
  }
  return out;
}

const ENTITY: Record<Metric, string> = {
  caseOnTimeRate: 'case', caseOneTripShare: 'case', caseMeanRating: 'case', mustVisitCoverage: 'household', twoWalksCoverage: 'household',
  volunteerCompliance: 'member', threeOnesCompletion: 'member', secretaryTrained: 'member', bodiesComplete: 'org', gridsWithPartyGroup: 'grid',
  activitiesHeld: 'activity', whistleOnTimeRate: 'whistleReport', accountabilityUpheld: 'accountability',
};

/** Household heads are shown masked (张**): the explanation proves the count, it does not publish the register. */
const masked = (label: string) => label.replace(/^户主 (\S+?) · /u, (_, name: string) => `户主 ${maskName(name)} · `);

/** The records one metric counted for one org, paged; total equals the metric's denominator. */
export async function metricRecords(
  db: DbOrTx, countyId: string, year: number, target: MetricTarget, metric: Metric, page: { offset: number; limit: number },
): Promise<{ total: number; records: ExplainRecord[] }> {
  const source = SQL_SOURCES[metric];
  if (source) {
    const x = await context(db, countyId, year);
    const tp = sql`${target.path}::ltree`;
    const entity = metric === 'twoWalksCoverage' && target.tier === 'township' ? 'org' : ENTITY[metric];
    const parts = source(x, tp, target.tier);
    const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n ${parts.from}`));
    const rows = rowsOf<{ id: string; label: string; day: string | null; val: string; hit: boolean }>(await db.execute(sql`
      select r.id, r.label, r.day, r.val, r.hit from (${recordsOf(parts)}) r
       order by r.day nulls last, r.label, r.id offset ${page.offset} limit ${page.limit}`));
    return {
      total: Number(count?.n ?? 0),
      records: rows.map((r) => ({ entity, id: r.id, label: masked(r.label), date: r.day, value: metric === 'activitiesHeld' ? activityKindLabel(r.val) : r.val, hit: r.hit })),
    };
  }
  const mode = JS_MATCH[metric]!;
  const mine = (await jsRecords(db, countyId, year, metric, target.orgId)).filter((r) => matches(mode, r.path, target.path))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN') || a.id.localeCompare(b.id));
  return {
    total: mine.length,
    records: mine.slice(page.offset, page.offset + page.limit).map((r) => ({ entity: r.entity, id: r.id, label: r.label, date: r.day, value: r.val, hit: r.hit })),
  };
}

const activityKindLabel = (kind: string) => (ACTIVITY_KIND_LABELS as Record<string, { 'zh-CN': string }>)[kind]?.['zh-CN'] ?? kind;

const RULES: Record<Metric, string> = {
  caseOnTimeRate: '本年度（北京时间）由本组织及下级受理的办件中，已答复的和超过时限仍未答复的（截至年底，年度未结束时截至现在；等待群众补充的除外），在办理时限内答复的比例（按时的判断与“办件统计”同一口径，但超期未答复的也计入分母；时限按工作日与政策参数 case.* 计算）。',
  caseOneTripShare: '本年度由本组织及下级受理、已答复的办件中，群众跑腿次数不超过 1 次的比例（最多跑一次）。',
  caseMeanRating: '本年度由本组织及下级受理的办件中，独立评价（群众本人在网上评价，或由本组织以外的账号回访记录）的平均星级；本组织及下级自己记录的回访评价不计入。',
  mustVisitCoverage: '本组织及下级的必访户（困难户、空巢老人等标签）中，截至年底（年度未结束时截至今天）在必访间隔内走访过的比例；间隔取各标签最短者（政策参数 visit.*）。',
  twoWalksCoverage: '“两走遍”：村(社区)为本年度走访过的户占全部户的比例；乡镇(街道)为本年度走访过的村民小组占全部小组的比例。',
  volunteerCompliance: '本组织及下级的入党积极分子、预备党员中，本年度经确认的志愿服务时长达到按在期天数折算要求（政策参数 duty.volunteerHoursPerYear）的比例；年度未结束时“进行中”不计为达标。',
  threeOnesCompletion: '本组织书记本年度“三个一”（述职评议、联系点、党课；政策参数 duty.annualReportsPerYear、duty.contactPointsPerYear、duty.partyLecturesPerYear）完成项数的平均比例。',
  secretaryTrained: '本组织现任书记在轮训周期（政策参数 training.rotationYears）内参加过已结束的书记轮训的比例。',
  bodiesComplete: '本组织范围内的村(社区)中，村委会、村民议事会、村务监督委员会（“131n”之“3”）均已建立的比例。',
  gridsWithPartyGroup: '本组织范围内的网格中，已建立网格党小组的比例。',
  activitiesHeld: '本年度本组织及下级开展的“五会”“四进”活动次数。',
  whistleOnTimeRate: '本年度本组织及下级吹哨的事项中，被叫部门在反馈时限内反馈的比例（与“部门响应统计”同一口径）。',
  accountabilityUpheld: '本年度本组织及下级经审核成立的过错责任追究件数（按计分曲线扣分）。',
};

/** The rule of a metric in words (zh-CN), with the policy keys it reads. */
export function metricRule(metric: Metric): string {
  return RULES[metric];
}
