// `npm run bench -- evaluation` (issue 11): seconds to compute a round — every computed metric
// (evaluation.metrics.ts computeMetrics, all 13) and the mass inputs (evaluation.mass.ts massInputs) for every
// village target of the demo county's round of this year — against the floor: one hand-written SQL aggregate of the
// same set-based figures (cases: answered, on time, ≤ 1 trip, independent ratings; households: must-visit and
// visited; survey answers from above), in the same run. The demo county is inflated by SQL copies of its own records
// (cases ×K, visits ×K: `BENCH_EVAL_CASES`, default 200,000 cases) so the figures are not of
// a toy. PGlite (fresh folder), then PostgreSQL (throwaway cluster; BENCH_EVAL_PG=0 skips it).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { fmt, postgresTarget, quantile, REPO_ROOT, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const RUNS = Number(process.env.BENCH_EVAL_RUNS ?? 3);
const CASES = Number(process.env.BENCH_EVAL_CASES ?? 200_000);
const VISITS_PER_HOUSEHOLD = Number(process.env.BENCH_EVAL_VISITS_PER_HOUSEHOLD ?? 50);

interface Target { database: 'pglite' | 'postgres'; opts: { dataDir?: string; databaseUrl?: string } }

async function measure(t: Target) {
  const tag = `  [${t.database}]`;
  const first = await startServer(t.opts, 300_000);
  await first.stop();
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { computeMetrics } = await import('../apps/server/src/modules/evaluation/evaluation.metrics.js');
  const { massInputs, massRecords } = await import('../apps/server/src/modules/evaluation/evaluation.mass.js');
  const { metricRecords } = await import('../apps/server/src/modules/evaluation/evaluation.metrics.js');
  const { METRICS } = await import('@jiceng/contract/constants');
  const database = await openDatabase(t.opts.databaseUrl ?? t.opts.dataDir!);
  const { db } = database;
  const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(s));
  try {
    const [county] = await q<{ id: string; cases: number }>(sql`
      select o.id, (select count(*)::int from cases c where c.county_id = o.id) as cases from orgs o where o.parent_id is null and o.tier = 'county' limit 1`);
    const c = county!.id;
    const k = Math.max(1, Math.ceil(CASES / Math.max(1, county!.cases)) - 1);
    const tf = performance.now();
    // copies of the demo's own records, shifted by a few minutes so nothing collides
    await q(sql`insert into cases (county_id, id, number, tracking_code, item_id, category, title, description, channel, household_id, resident_id, grid_id,
        org_id, org_path, requester_name, state, owner_tier, owner_org_id, owner_department_id, owner_path, department_ids, first_responder_id,
        received_at, due_at, mode, reply, replied_at, rating, rated_at, rating_source, rated_by, rater_path, closed_at, forwards, trips, escalation, created_at, updated_at)
      select county_id, gen_random_uuid(), number || '-B' || g, tracking_code || 'B' || g, item_id, category, title, description, channel, household_id, resident_id, grid_id,
        org_id, org_path, requester_name, state, owner_tier, owner_org_id, owner_department_id, owner_path, department_ids, first_responder_id,
        received_at, due_at + make_interval(mins => g % 7), mode, reply, replied_at, rating, rated_at, rating_source, rated_by, rater_path, closed_at, forwards, trips, escalation, created_at, updated_at
        from cases cross join generate_series(1, ${k}) g where county_id = ${c}::uuid and number not like '%-B%'`);
    // visits: the demo has few or none — ≈ 40 per household over the year (150,000 for the demo's ≈ 4,000), by a
    // village account, spread by hash; a third of the households tagged must-visit
    await q(sql`update households set visit_tags = '{needy}' where county_id = ${c}::uuid and abs(hashtext(id::text)) % 3 = 0 and cardinality(visit_tags) = 0`);
    await q(sql`insert into visits (county_id, id, visitor_id, visitor_name, household_id, org_id, org_path, visited_at, purpose)
      select h.county_id, gen_random_uuid(), u.id, '基准走访', h.id, h.org_id, h.org_path,
             date_trunc('year', now()) + make_interval(days => abs(hashtext(h.id::text || g::text)) % 330, hours => 9), '入户走访'
        from households h cross join generate_series(1, ${VISITS_PER_HOUSEHOLD}) g
        cross join lateral (select id from users where county_id = ${c}::uuid order by username limit 1) u
       where h.county_id = ${c}::uuid and abs(hashtext(h.id::text || 'v' || g::text)) % 4 <> 0`);
    // survey responses stay as they are: one per household and draw (a unique key)
    for (const tbl of ['cases', 'visits', 'survey_responses']) await q(sql.raw(`analyze ${tbl}`));
    const fillSeconds = (performance.now() - tf) / 1000;
    const [counts] = await q<{ cases: number; visits: number; responses: number; households: number }>(sql`select
        (select count(*)::int from cases where county_id = ${c}::uuid) as cases, (select count(*)::int from visits where county_id = ${c}::uuid) as visits,
        (select count(*)::int from survey_responses where county_id = ${c}::uuid) as responses, (select count(*)::int from households where county_id = ${c}::uuid) as households`);
    console.log(`${tag} filled in ${fmt(fillSeconds)} s: ${counts!.cases.toLocaleString('en')} cases, ${counts!.visits.toLocaleString('en')} visits, ${counts!.responses.toLocaleString('en')} survey responses, ${counts!.households.toLocaleString('en')} households`);

    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const targets = (await q<{ orgId: string; path: string; tier: 'village'; name: string }>(sql`
      select t.org_id as "orgId", t.org_path::text as path, o.tier, o.name from evaluation_targets t
        join evaluation_rounds r on r.county_id = ${c}::uuid and r.id = t.round_id
        join orgs o on o.county_id = ${c}::uuid and o.id = t.org_id
       where t.county_id = ${c}::uuid and r.year = ${year}`));
    const run = async () => {
      await computeMetrics(db, c, year, targets, METRICS);
      await massInputs(db, c, year, targets);
    };
    await run();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      ms.push(performance.now() - t0);
    }
    // the floor: the same set-based figures as one hand-written aggregate (no labels, no per-metric statements)
    const from = `${year}-01-01T00:00:00+08:00`;
    const to = `${year + 1}-01-01T00:00:00+08:00`;
    const ids = `{${targets.map((x) => x.orgId).join(',')}}`;
    const paths = `{${targets.map((x) => x.path).join(',')}}`;
    const floorSql = sql`
      select t.org_id,
        (select row(count(*) filter (where replied_at is not null), count(*) filter (where replied_at <= due_at), count(*) filter (where replied_at is not null and trips <= 1),
                    avg(rating) filter (where rating is not null and (rating_source = 'resident' or rater_path is null or not rater_path <@ t.path)))
           from cases c where c.county_id = ${c}::uuid and c.org_path <@ t.path and c.received_at >= ${from}::timestamptz and c.received_at < ${to}::timestamptz) as cases,
        (select row(count(*), count(*) filter (where exists (select 1 from visits v where v.county_id = ${c}::uuid and v.household_id = h.id
                    and v.visited_at >= ${from}::timestamptz and v.visited_at < ${to}::timestamptz)))
           from households h where h.county_id = ${c}::uuid and h.org_path <@ t.path and h.archived_at is null) as households,
        (select sum((e.value::numeric - 1) / 4) from survey_responses r join survey_draws d on d.county_id = ${c}::uuid and d.id = r.draw_id
           cross join lateral jsonb_each_text(r.answers) e
          where r.county_id = ${c}::uuid and r.org_path <@ t.path and d.org_path @> t.path and d.org_path <> t.path
            and d.created_at >= ${from}::timestamptz and d.created_at < ${to}::timestamptz) as survey
        from unnest(${ids}::uuid[], ${paths}::ltree[]) as t(org_id, path)`;
    await db.execute(floorSql);
    const floorMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await db.execute(floorSql);
      floorMs.push(performance.now() - t0);
    }
    // where the time goes: each metric alone, and the mass inputs (one run each)
    const perMetric: Record<string, number> = {};
    for (const m of METRICS) {
      const t0 = performance.now();
      await computeMetrics(db, c, year, targets, [m]);
      perMetric[m] = performance.now() - t0;
    }
    { const t0 = performance.now(); await massInputs(db, c, year, targets); perMetric.massInputs = performance.now() - t0; }
    console.log(`${tag} per metric (ms): ${Object.entries(perMetric).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(', ')}`);
    // the explanation of one org (its largest target): the first page of records of every metric, and the mass list —
    // 10 runs each, median and p95 of the whole explanation set
    const big = targets[0]!;
    const explainMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      for (const m of METRICS) await metricRecords(db, c, year, big, m, { offset: 0, limit: 100 });
      await massRecords(db, c, year, big, { offset: 0, limit: 100 });
      explainMs.push(performance.now() - t0);
    }
    const ex = [...explainMs].sort((a, b) => a - b);
    const explain = { median: quantile(ex, 0.5), p95: quantile(ex, 0.95) };
    console.log(`${tag} explanations of ${big.name} (13 metrics + mass, first page each): median ${fmt(explain.median, 0)} ms, p95 ${fmt(explain.p95, 0)} ms`);
    const sqlSet = ['caseOnTimeRate', 'caseOneTripShare', 'caseMeanRating', 'twoWalksCoverage', 'massInputs'];
    const sameSet = sqlSet.reduce((a, k) => a + (perMetric[k] ?? 0), 0);
    const s = summarize(ms);
    const f = summarize(floorMs);
    console.log(`${tag} the floor's own figures (cases ×3, 两走遍, mass): ${fmt(sameSet / 1000, 2)} s, ratio ${fmt(sameSet / f.median, 1)}`);
    console.log(`${tag} ${targets.length} targets: round compute median ${fmt(s.median / 1000, 2)} s; floor aggregate ${fmt(f.median / 1000, 2)} s; ratio ${fmt(s.median / f.median, 1)}`);
    return { database: t.database, targets: targets.length, ...counts!, fillSeconds, ms: s, samples: ms, floor: { ms: f, samples: floorMs }, ratio: s.median / f.median, perMetric, sameSetMs: sameSet, sameSetRatio: sameSet / f.median, explain };
  } finally {
    await database.close();
  }
}

export async function benchEvaluation() {
  console.log(`the demo county inflated to ≈ ${CASES.toLocaleString('en')} cases (its own records copied); 1 warm-up + ${RUNS} runs of a round's computed metrics (all 13) and mass inputs for every target of this year's round, against one hand-written aggregate`);
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  const dir = tempDir('jiceng-bench-eval-');
  try {
    results.push(await measure({ database: 'pglite', opts: { dataDir: dir } }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_EVAL_PG !== '0') {
    const pg = await postgresTarget();
    if ('skipped' in pg) console.log(`  [postgres] skipped: ${pg.skipped}`);
    else {
      try {
        results.push(await measure({ database: 'postgres', opts: { databaseUrl: pg.url } }));
      } finally {
        await pg.stop();
      }
    }
  }
  console.log();
  console.log(table(['database', 'targets', 'cases', 'visits', 'survey responses', 'households', 'round compute s (median)', 'min s', 'max s', 'floor s', 'ratio', 'same figures s', 'same-figures ratio'], results.map((r) => [
    r.database, r.targets, r.cases.toLocaleString('en'), r.visits.toLocaleString('en'), r.responses.toLocaleString('en'), r.households.toLocaleString('en'),
    fmt(r.ms.median / 1000, 2), fmt(r.ms.min / 1000, 2), fmt(r.ms.max / 1000, 2), fmt(r.floor.ms.median / 1000, 2), fmt(r.ratio, 1),
    fmt(r.sameSetMs / 1000, 2), fmt(r.sameSetRatio, 1),
  ])));
  const file = writeResult('evaluation', { runs: RUNS, results });
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
}
