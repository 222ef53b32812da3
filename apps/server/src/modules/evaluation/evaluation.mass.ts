// The mass evaluation's inputs (issue 11, 篇五(14)): survey answers of the year's draws made by a level above the
// org, in the org's area; and the independent ratings of the year's cases of the org's subtree (the resident on
// the portal, or a callback recorded from outside the subtree). Rules: evaluation.rules.ts massScore.
// As in evaluation.metrics.ts, one record source per input serves both the sums and the explanation's list.
import { sql, type SQL } from 'drizzle-orm';
import type { MassRecord } from '@jiceng/contract';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import type { MassInputs } from './evaluation.rules.js';
import type { MetricTarget } from './evaluation.metrics.js';

export interface MassCounts extends MassInputs {
  /** ratings of the subtree's cases recorded from inside the subtree (not counted) */
  ratingsExcluded: number;
}

const bounds = (year: number) => ({ from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` });

/**
 * Every survey response in the org's area to a draw of the year: counted when the draw was made by a level above
 * the org (the drawing org a proper ancestor). sum = Σ (answer − 1) / 4 over its answers, n = its answers.
 */
const surveySource = (countyId: string, year: number, tp: SQL) => {
  const { from, to } = bounds(year);
  return sql`
    select r.id, 'survey' as kind, to_char(r.answered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
           d.title || '（' || case d.level when 'city' then '市级' when 'county' then '县级' else '乡镇级' end || '抽样）' as label,
           a.mean as value, 'survey' as source,
           (d.org_path @> ${tp} and d.org_path <> ${tp}) as counted,
           case when d.org_path @> ${tp} and d.org_path <> ${tp} then null else '本组织或下级自己抽样的问卷不计入' end as why,
           a.sum, a.n
      from survey_responses r
      join survey_draws d on d.county_id = ${countyId}::uuid and d.id = r.draw_id
      cross join lateral (
        select coalesce(sum((e.value::numeric - 1) / 4), 0) as sum, count(*)::int as n, avg(e.value::numeric) as mean
          from jsonb_each_text(r.answers) e
      ) a
     where r.county_id = ${countyId}::uuid and r.org_path <@ ${tp}
       and d.created_at >= ${from}::timestamptz and d.created_at < ${to}::timestamptz`;
};

/** Every rated case of the year from the org's subtree: counted when independent of the org. */
const ratingSource = (countyId: string, year: number, tp: SQL) => {
  const { from, to } = bounds(year);
  const independent = sql`(c.rating_source = 'resident' or (c.rating_source = 'callback' and (c.rater_path is null or not c.rater_path <@ ${tp})))`;
  return sql`
    select c.id, 'rating' as kind, to_char(c.rated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, c.number as label,
           c.rating::numeric as value, coalesce(c.rating_source, 'callback') as source,
           ${independent} as counted,
           case when ${independent} then null else '本组织或下级自己记录的回访评价不计入' end as why,
           (c.rating::numeric - 1) / 4 as sum, 1 as n
      from cases c
     where c.county_id = ${countyId}::uuid and c.org_path <@ ${tp} and c.rating is not null
       and c.received_at >= ${from}::timestamptz and c.received_at < ${to}::timestamptz`;
};

export async function massInputs(db: DbOrTx, countyId: string, year: number, targets: readonly MetricTarget[]): Promise<Map<string, MassCounts>> {
  const out = new Map<string, MassCounts>(targets.map((t) => [t.orgId, { surveySum: 0, surveyCount: 0, ratingSum: 0, ratingCount: 0, ratingsExcluded: 0 }]));
  if (targets.length === 0) return out;
  const ids = sql`${`{${targets.map((t) => t.orgId).join(',')}}`}::uuid[]`;
  const paths = sql`${`{${targets.map((t) => t.path).join(',')}}`}::ltree[]`;
  const rows = rowsOf<{ org_id: string; s_sum: string | number; s_n: number; c_sum: string | number; c_n: number; c_out: number }>(await db.execute(sql`
    select t.org_id, s.s_sum, s.s_n, r.c_sum, r.c_n, r.c_out
      from unnest(${ids}, ${paths}) as t(org_id, path)
      cross join lateral (
        select coalesce(sum(x.sum) filter (where x.counted), 0) as s_sum, coalesce(sum(x.n) filter (where x.counted), 0)::int as s_n
          from (${surveySource(countyId, year, sql`t.path`)}) x) s
      cross join lateral (
        select coalesce(sum(x.sum) filter (where x.counted), 0) as c_sum, count(*) filter (where x.counted)::int as c_n, count(*) filter (where not x.counted)::int as c_out
          from (${ratingSource(countyId, year, sql`t.path`)}) x) r`));
  for (const r of rows) {
    out.set(r.org_id, {
      surveySum: Number(r.s_sum), surveyCount: Number(r.s_n), ratingSum: Number(r.c_sum), ratingCount: Number(r.c_n), ratingsExcluded: Number(r.c_out),
    });
  }
  return out;
}

/** Every survey response and rating considered for one org, counted or not (and why not), paged. */
export async function massRecords(
  db: DbOrTx, countyId: string, year: number, target: MetricTarget, page: { offset: number; limit: number },
): Promise<{ total: number; records: MassRecord[] }> {
  const tp = sql`${target.path}::ltree`;
  const all = sql`(${surveySource(countyId, year, tp)}) union all (${ratingSource(countyId, year, tp)})`;
  const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${all}) x`));
  const rows = rowsOf<{ id: string; kind: 'survey' | 'rating'; day: string; label: string; value: string | number; source: MassRecord['source']; counted: boolean; why: string | null }>(
    await db.execute(sql`select x.id, x.kind, x.day, x.label, x.value, x.source, x.counted, x.why from (${all}) x
                          order by x.kind desc, x.day, x.label, x.id offset ${page.offset} limit ${page.limit}`));
  return {
    total: Number(count?.n ?? 0),
    records: rows.map((r) => ({ kind: r.kind, id: r.id, date: r.day ?? '', label: r.label, value: Math.round(Number(r.value) * 100) / 100, source: r.source, counted: r.counted, why: r.why })),
  };
}
