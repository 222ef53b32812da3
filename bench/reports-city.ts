// `reports-city` (issue 12): the evaluation report of a county at city scale, and of a city's 13 counties — on the
// city the `dashboard` bench fills (bench:gen city + cases + visits, PostgreSQL; pass it as BENCH_DATABASE_URL).
// Each generated county gets a finished round of its own that evaluates every one of its village orgs (≈ 1,335, the
// demo round has 16), built by SQL from the demo county's finished round: its templates and indicators copied,
// the three stage scores per org from a hash of its id, the final score by the round's weights, the grade by its
// thresholds, the rank, and a value for every computed indicator. Then, through the built server, as each
// county's admin: GET /api/reports/evaluation/:roundId.docx — the largest county BENCH_REPORTS_RUNS times beside
// its floor (the round's review table, GET /api/evaluation/rounds/:id/targets, where the figures come from), then
// the 13 counties one after another, with the server's resident memory sampled every 10 ms.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { cityFilled } from './dashboard.js';
import { Client, DEMO_PASSWORD, fmt, REPO_ROOT, rssMB, serverMode, startServer, summarize, table, writeResult } from './lib.js';

const RUNS = Number(process.env.BENCH_REPORTS_RUNS ?? 5);
const TITLE = '基准：全县村级党组织考评';

async function prepare(databaseUrl: string): Promise<{ counties: { username: string; targets: number }[]; seconds: number }> {
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const database = await openDatabase(databaseUrl);
  const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(s));
  const t0 = performance.now();
  try {
    const [demo] = await q<{ id: string }>(sql`select r.id from evaluation_rounds r join orgs o on o.id = r.org_id and o.county_id = r.county_id
      where o.code = 'SFX' and r.state = 'final' order by r.year desc limit 1`);
    if (!demo) throw new Error('no finished round in the demo county of this database');
    const admins = await q<{ username: string; user_id: string; county_id: string; org_path: string }>(sql`
      select l.username, l.user_id, l.county_id, o.path::text as org_path from login_names l
        join orgs o on o.county_id = l.county_id and o.id = l.county_id
       where l.username like 'bench-dash-admin-%' order by l.username`);
    const out: { username: string; targets: number }[] = [];
    for (const a of admins) {
      const c = a.county_id;
      const [have] = await q<{ id: string }>(sql`select id from evaluation_rounds where county_id = ${c}::uuid and title = ${TITLE}`);
      if (!have) {
        await database.db.transaction(async (tx) => {
          const x = async (s: ReturnType<typeof sql>) => tx.execute(s);
          await x(sql`create temp table bench_tm on commit drop as
            select (e->>'templateId')::uuid as old_id, gen_random_uuid() as new_id, e->>'sector' as sector
              from evaluation_rounds r, jsonb_array_elements(r.templates) e where r.id = ${demo.id}::uuid`);
          await x(sql`insert into evaluation_templates (county_id, id, name, sector, version, note, locked_at, created_by, created_at, updated_at)
            select ${c}::uuid, m.new_id, t.name, t.sector, t.version, t.note, now(), ${a.user_id}::uuid, now(), now()
              from evaluation_templates t join bench_tm m on m.old_id = t.id`);
          await x(sql`insert into evaluation_indicators (county_id, id, template_id, position, code, "group", name, criteria, max_points, method, metric, curve, base_points)
            select ${c}::uuid, gen_random_uuid(), m.new_id, i.position, i.code, i."group", i.name, i.criteria, i.max_points, i.method, i.metric, i.curve, i.base_points
              from evaluation_indicators i join bench_tm m on m.old_id = i.template_id`);
          await x(sql`insert into evaluation_rounds (county_id, id, year, title, state, org_id, org_path, templates, tiers, self_starts_on, self_ends_on,
              org_starts_on, org_ends_on, weight_self, weight_mass, weight_org, mass_survey_percent, advanced_quota_percent, grade_advanced_from,
              grade_good_from, grade_average_from, evaluator_ids, snapshot_at, published_at, published_by, publisher_name, contest_until,
              finalized_at, finalized_by, created_by, created_at, updated_at)
            select ${c}::uuid, gen_random_uuid(), r.year, ${TITLE}, 'final', ${c}::uuid, ${a.org_path}::ltree,
                   (select jsonb_agg(jsonb_build_object('sector', m.sector, 'templateId', m.new_id)) from bench_tm m), r.tiers,
                   r.self_starts_on, r.self_ends_on, r.org_starts_on, r.org_ends_on, r.weight_self, r.weight_mass, r.weight_org,
                   r.mass_survey_percent, r.advanced_quota_percent, r.grade_advanced_from, r.grade_good_from, r.grade_average_from, '{}',
                   r.snapshot_at, r.published_at, ${a.user_id}::uuid, '基准县管理员', r.contest_until, r.finalized_at, ${a.user_id}::uuid,
                   ${a.user_id}::uuid, now(), now()
              from evaluation_rounds r where r.id = ${demo.id}::uuid`);
          await x(sql`insert into evaluation_targets (county_id, round_id, org_id, org_path, sector, template_id, self_submitted_at, org_submitted_at,
              self_score, mass_score, org_score, final_score, veto, proposed_grade, grade, rank, computed_at)
            with r as (select * from evaluation_rounds where county_id = ${c}::uuid and title = ${TITLE}),
            s as (
              select o.id, o.path, o.sector, m.new_id as template_id,
                     (55 + abs(hashtext(o.id::text)) % 45)::numeric as self, (50 + abs(hashtext(o.id::text || 'm')) % 50)::numeric as mass,
                     (50 + abs(hashtext(o.id::text || 'o')) % 50)::numeric as org
                from orgs o
                join bench_tm m on m.sector = o.sector or (o.sector not in (select sector from bench_tm) and m.sector = 'rural')
               where o.county_id = ${c}::uuid and o.tier = 'village' and o.archived_at is null
            ),
            f as (select s.*, round((s.self * r.weight_self + s.mass * r.weight_mass + s.org * r.weight_org) / 100.0, 2) as final,
                         r.id as round_id, r.grade_advanced_from as adv, r.grade_good_from as good, r.grade_average_from as avg from s, r)
            select ${c}::uuid, f.round_id, f.id, f.path, f.sector, f.template_id, now(), now(), f.self, f.mass, f.org, f.final, false,
                   g.grade, g.grade, row_number() over (order by f.final desc, f.id), now()
              from f, lateral (select case when f.final >= f.adv then 'advanced' when f.final >= f.good then 'good'
                                           when f.final >= f.avg then 'average' else 'lagging' end as grade) g`);
          await x(sql`insert into evaluation_metric_values (county_id, round_id, org_id, indicator_id, metric, value, numerator, denominator, points, computed_at)
            select ${c}::uuid, t.round_id, t.org_id, i.id, i.metric, (abs(hashtext(t.org_id::text || i.id::text)) % 100) / 100.0,
                   abs(hashtext(t.org_id::text || i.id::text)) % 100, 100,
                   round(i.max_points * (0.4 + (abs(hashtext(t.org_id::text || i.id::text)) % 60) / 100.0), 2), now()
              from evaluation_targets t
              join evaluation_rounds r on r.county_id = ${c}::uuid and r.id = t.round_id and r.title = ${TITLE}
              join evaluation_indicators i on i.county_id = ${c}::uuid and i.template_id = t.template_id and i.metric is not null
             where t.county_id = ${c}::uuid`);
        });
      }
      const [n] = await q<{ n: number }>(sql`select count(*)::int as n from evaluation_targets t join evaluation_rounds r
        on r.county_id = t.county_id and r.id = t.round_id where t.county_id = ${c}::uuid and r.title = ${TITLE}`);
      out.push({ username: a.username, targets: n?.n ?? 0 });
    }
    await q(sql`analyze evaluation_targets`);
    await q(sql`analyze evaluation_metric_values`);
    return { counties: out, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}

async function roundOf(client: Client): Promise<string> {
  const rounds = (await client.get<{ items: { id: string; title: string }[] }>('/api/evaluation/rounds')).body.items;
  const r = rounds.find((x) => x.title === TITLE);
  if (!r) throw new Error('the bench round is missing');
  return r.id;
}

export async function benchReportsCity() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url || !(await cityFilled(url))) {
    console.log('  skipped: needs BENCH_DATABASE_URL of a city filled by `npm run bench -- dashboard` (run that first with the same BENCH_DATABASE_URL)');
    return;
  }
  const mode = serverMode();
  const prep = await prepare(url);
  console.log(`server: ${mode.label}; ${prep.counties.length} counties, ${prep.counties.map((c) => c.targets).join(' / ')} village orgs evaluated (rounds prepared in ${fmt(prep.seconds)} s)`);
  const server = await startServer({ databaseUrl: url, demo: false }, 300_000);
  try {
    const clients: { client: Client; roundId: string; targets: number }[] = [];
    for (const c of prep.counties) {
      const client = new Client(server.base);
      await client.login(c.username, DEMO_PASSWORD);
      clients.push({ client, roundId: await roundOf(client), targets: c.targets });
    }
    const largest = clients.reduce((a, b) => (b.targets > a.targets ? b : a));
    const reportPath = (id: string) => `/api/reports/evaluation/${id}.docx`;
    // warm-up
    await largest.client.download(reportPath(largest.roundId));
    await largest.client.get(`/api/evaluation/rounds/${largest.roundId}/targets`);
    const before = rssMB(server.pid).rss;
    let peak = before;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMB(server.pid).rss);
      } catch {
        // the process is gone
      }
    }, 10);
    const report: number[] = [];
    const floor: number[] = [];
    let bytes = 0;
    let citySeconds = 0;
    try {
      for (let i = 0; i < RUNS; i++) {
        let t0 = performance.now();
        bytes = (await largest.client.download(reportPath(largest.roundId))).length;
        report.push(performance.now() - t0);
        t0 = performance.now();
        await largest.client.get(`/api/evaluation/rounds/${largest.roundId}/targets`);
        floor.push(performance.now() - t0);
      }
      const tc = performance.now();
      for (const c of clients) await c.client.download(reportPath(c.roundId));
      citySeconds = (performance.now() - tc) / 1000;
    } finally {
      clearInterval(sampler);
    }
    const r = summarize(report);
    const f = summarize(floor);
    console.log(table(['scope', 'orgs evaluated', 'report median s', 'report max s', 'floor (review table) median s', 'RSS before MB', 'RSS peak MB', 'docx bytes'], [
      ['the largest county', String(largest.targets), fmt(r.median / 1000, 2), fmt(r.max / 1000, 2), fmt(f.median / 1000, 2), fmt(before, 0), fmt(peak, 0), bytes.toLocaleString('en')],
      [`the city: ${clients.length} counties in a row`, String(clients.reduce((s, c) => s + c.targets, 0)), `${fmt(citySeconds, 1)} (total)`, '', '', fmt(before, 0), fmt(peak, 0), ''],
    ]));
    const file = writeResult('reports-city', { server: mode.kind, runs: RUNS, counties: prep.counties, report: r, floor: f, citySeconds, rss: { before, peak }, bytes });
    console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await server.stop();
  }
}
