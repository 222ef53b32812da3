// `dashboard` (issue 12): latency of the home dashboard's API calls, side by side with a floor measured the same
// way in the same run — GET /api/me, the lightest authenticated request through the same stack (session cookie,
// access hooks, JSON) — so the dashboard's own cost reads as the difference.
//
// 1. PGlite, the demo county (fresh folder, seeded at start): each role's account (county, township, village,
//    grid worker, department handler), BENCH_DASH_WARMUP warm-up + BENCH_DASH_REQUESTS sequential requests of
//    every path in DASHBOARD_PATHS: median, p95, max, bytes.
// 2. PostgreSQL, a city: `bench:gen --scale city --path copy` (13 counties, 1,300,000 households; a child process),
//    then in SQL for each generated county ≈ BENCH_DASH_CASES / 13 cases over the last year (3 % open, a third of
//    those past due) from its village orgs and ≈ BENCH_DASH_VISITS / 13 visits to its households, and a county
//    admin account for one of them; the county admin's dashboard as above. BENCH_DASH_PG=0 skips it.
// 3. For each database, where the county dashboard's time goes: its sections timed in process (dashboard(…, timings))
//    after the server has stopped — which figure needs an index or a rollup.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { SERVICE_CATEGORIES } from '@jiceng/contract';
import { BENCH_DIR, Client, DEMO_PASSWORD, fmt, postgresTarget, REPO_ROOT, serverMode, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const execFileP = promisify(execFile);
const REQUESTS = Number(process.env.BENCH_DASH_REQUESTS ?? 100);
const WARMUP = Number(process.env.BENCH_DASH_WARMUP ?? 10);
const CITY_CASES = Number(process.env.BENCH_DASH_CASES ?? 1_100_000);
const CITY_VISITS = Number(process.env.BENCH_DASH_VISITS ?? 1_300_000);
const ADMIN = 'bench-dash-admin';
/** what the home page asks for (features/home): the dashboard itself */
const DASHBOARD_PATHS = (process.env.BENCH_DASH_PATHS ?? '/api/dashboard').split(',').map((p) => p.trim()).filter(Boolean);
const FLOOR_PATH = '/api/me';
const DEMO_ROLES = ['demo-county', 'demo-township', 'demo-village', 'demo-grid', 'demo-dept'];

interface Series { account: string; path: string; median: number; p95: number; max: number; bytes: number; status: number }

const p95Of = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.ceil(0.95 * sorted.length)) - 1]!;
};

async function series(client: Client, account: string, p: string): Promise<Series> {
  let last = { status: 0, bytes: 0 };
  for (let i = 0; i < WARMUP; i++) last = await client.get(p);
  if (last.status !== 200) return { account, path: p, median: NaN, p95: NaN, max: NaN, bytes: last.bytes, status: last.status };
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    last = await client.get(p);
    ms.push(performance.now() - t0);
    if (last.status !== 200) throw new Error(`${account} GET ${p}: ${last.status}`);
  }
  const s = summarize(ms);
  return { account, path: p, median: s.median, p95: p95Of(ms), max: s.max, bytes: last.bytes, status: 200 };
}

async function measureAccounts(base: string, accounts: string[]): Promise<Series[]> {
  const out: Series[] = [];
  for (const account of accounts) {
    const client = new Client(base);
    await client.login(account, DEMO_PASSWORD);
    out.push(await series(client, account, FLOOR_PATH));
    for (const p of DASHBOARD_PATHS) out.push(await series(client, account, p));
  }
  return out;
}

async function demoPglite(): Promise<{ series: Series[]; sections: Record<string, number> }> {
  const dir = tempDir('jiceng-bench-dash-');
  try {
    const server = await startServer({ dataDir: dir }, 300_000);
    let series: Series[];
    try {
      series = await measureAccounts(server.base, DEMO_ROLES);
    } finally {
      await server.stop();
    }
    return { series, sections: await breakdown({ dataDir: dir }, 'demo-county') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where the county dashboard's time goes, in process against the same database (the server stopped): the
 * dashboard's sections timed by dashboard(…, timings), BENCH_DASH_REQUESTS / 2 runs after the warm-up, median ms.
 */
async function breakdown(target: { dataDir?: string; databaseUrl?: string }, account: string): Promise<Record<string, number>> {
  const { openDatabase } = await import('../apps/server/src/db/client.js');
  const { loadDataKey } = await import('../apps/server/src/platform/crypto/crypto.js');
  const { login, resolveSession } = await import('../apps/server/src/platform/auth/auth.service.js');
  const { dashboard } = await import('../apps/server/src/modules/dashboards/dashboard.service.js');
  if (target.dataDir) loadDataKey(target.dataDir);
  const database = await openDatabase(target.databaseUrl ?? target.dataDir!);
  try {
    const session = await login(database.db, account, DEMO_PASSWORD, { ip: '127.0.0.1', userAgent: 'bench' } as never);
    const resolved = await resolveSession(database.db, session.sessionToken, null);
    if (!resolved || resolved === 'expired') throw new Error(`${account}: no session`);
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < WARMUP + Math.ceil(REQUESTS / 2); i++) {
      const timings: Record<string, number> = {};
      const t0 = performance.now();
      await dashboard(database.db, resolved.actor, Date.now(), timings);
      timings.total = performance.now() - t0;
      if (i >= WARMUP) runs.push(timings);
    }
    return Object.fromEntries(Object.keys(runs[0]!).map((k) => [k, summarize(runs.map((r) => r[k] ?? 0)).median]));
  } finally {
    await database.close();
  }
}

/** the totals and the largest county's bench admin of a city an earlier run filled, or null */
export async function cityFilled(databaseUrl: string) {
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { sql } = await import('drizzle-orm');
  const database = await openDatabase(databaseUrl).catch(() => null);
  if (!database) return null;
  try {
    const q = async <T>(s: string) => rowsOf<T>(await database.db.execute(sql.raw(s)));
    const admins = await q<{ n: number }>(`select count(*)::int as n from users where username like '${ADMIN}-%'`).catch(() => [{ n: 0 }]);
    if (!admins[0]?.n) return null;
    const [totals] = await q<{ cases: number; visits: number; households: number; orgs: number }>(`select
      (select count(*)::int from cases) as cases, (select count(*)::int from visits) as visits,
      (select count(*)::int from households) as households, (select count(*)::int from orgs) as orgs`);
    const [largest] = await q<{ username: string }>(`select u.username from users u
      where u.username like '${ADMIN}-%' order by (select count(*) from households h where h.county_id = u.county_id) desc, u.username limit 1`);
    return { fillSeconds: 0, ...totals!, account: largest!.username };
  } finally {
    await database.close();
  }
}

/** cases and visits for every generated county, and a county admin for the largest one */
async function fillCity(databaseUrl: string) {
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { hashPassword } = await import('../apps/server/src/platform/auth/password.js');
  const { sql } = await import('drizzle-orm');
  const database = await openDatabase(databaseUrl);
  const { db } = database;
  const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql> | string) => rowsOf<T>(await db.execute(typeof s === 'string' ? sql.raw(s) : s));
  try {
    const counties = await q<{ id: string; path: string; households: number }>(`select o.id, o.path::text as path,
        (select count(*)::int from households h where h.county_id = o.id) as households
      from orgs o where o.parent_id is null and o.tier = 'county' and o.code <> 'SFX' order by o.code`);
    if (counties.length < 13) throw new Error(`city: ${counties.length} generated counties`);
    const perCountyCases = Math.ceil(CITY_CASES / counties.length);
    const perCountyVisits = Math.ceil(CITY_VISITS / counties.length);
    const t0 = performance.now();
    const now = new Date().toISOString();
    for (const [n, county] of counties.entries()) {
      const c = county.id;
      const adminId = uuidv7();
      await q(sql`insert into users (county_id, id, username, display_name, role, org_id, org_path, password_hash)
        values (${c}::uuid, ${adminId}::uuid, ${`${ADMIN}-${n}`}, '基准县管理员', 'countyAdmin', ${c}::uuid, ${county.path}::ltree, ${await hashPassword(DEMO_PASSWORD)})`);
      await q(sql`insert into login_names (username, county_id, user_id) values (${`${ADMIN}-${n}`}, ${c}::uuid, ${adminId}::uuid)`);
      // a bench account without an authenticator app: the county opts out of two-factor sign-in, as the demo county does
      await q(sql`insert into policy_overrides (county_id, key, value) values (${c}::uuid, 'totp.required.countyAdmin', 0) on conflict do nothing`);
      await q('drop table if exists bench_dash_origins');
      await q(sql`create table bench_dash_origins as
        select (row_number() over (order by o.path))::int - 1 as k, o.id as org_id, o.path as org_path
          from orgs o where o.county_id = ${c}::uuid and o.tier = 'village'`);
      const [{ v } = { v: 0 }] = await q<{ v: number }>('select count(*)::int as v from bench_dash_origins');
      // 3 % open (a third of them past due), the rest answered and closed over the last year; 1 in 50 late
      await q(sql`
        with s as (select g, g % 100 as p from generate_series(1, ${perCountyCases}::int) g),
        d as (select s.*, case when p < 1 then ${now}::timestamptz - make_interval(hours => 1 + g % 72)
                               when p < 3 then ${now}::timestamptz + make_interval(days => 1 + g % 8)
                               else ${now}::timestamptz - make_interval(days => 3 + g % 360, secs => g % 86400) end as due from s)
        insert into cases (county_id, id, number, tracking_code, category, title, description, channel, org_id, org_path, requester_name,
          state, owner_tier, owner_org_id, owner_path, received_at, due_at, mode, reply, replied_at, closed_at, trips, overdue_at, escalation, created_at, updated_at)
        select ${c}::uuid, gen_random_uuid(), ${`C${n}-`} || lpad(g::text, 7, '0'), ${`D${n}`} || lpad(g::text, 8, '0'),
               (${sql.raw(`array['${SERVICE_CATEGORIES.join("','")}']`)})[1 + g % ${SERVICE_CATEGORIES.length}], '咨询低保', '咨询低保：第' || g || '号', 'walkIn', o.org_id, o.org_path, '群众' || (g % 1000),
               case when p < 3 then 'inProgress' else 'closed' end, 'village', o.org_id, o.org_path,
               due - interval '5 days', due,
               case when p >= 3 then (array['direct','promised','explained'])[1 + g % 3] end,
               case when p >= 3 then '已按政策答复办结' end,
               case when p >= 3 then due - interval '2 days' + case when g % 50 = 0 then interval '3 days' else interval '0' end end,
               case when p >= 3 then due - interval '2 days' + case when g % 50 = 0 then interval '3 days' else interval '0' end end,
               (g % 3 = 0)::int,
               case when p < 1 or (p >= 3 and g % 50 = 0) then due + interval '1 hour' end,
               0::smallint, due - interval '5 days', due - interval '2 days'
          from d join bench_dash_origins o on o.k = d.g % ${v}`);
      await q(sql`insert into tracking_codes (code, county_id, case_id) select tracking_code, county_id, id from cases where county_id = ${c}::uuid and number like ${`C${n}-%`}`);
      await q('drop table if exists bench_dash_households');
      await q(sql`create table bench_dash_households as
        select (row_number() over (order by id))::int - 1 as k, id, org_id, org_path from households where county_id = ${c}::uuid`);
      await q('create unique index on bench_dash_households (k)');
      await q(sql`insert into visits (county_id, id, visitor_id, visitor_name, household_id, org_id, org_path, visited_at, purpose)
        select ${c}::uuid, gen_random_uuid(), ${adminId}::uuid, '基准走访人', h.id, h.org_id, h.org_path,
               ${now}::timestamptz - (abs(hashtext(i::text)) % (365 * 86400)) * interval '1 second', '入户走访'
          from generate_series(0, ${perCountyVisits - 1}) i
          join bench_dash_households h on h.k = abs(hashtext(i::text || 'h')) % ${county.households}`);
      process.stdout.write(`  [postgres] county ${n + 1}/${counties.length} filled, ${fmt((performance.now() - t0) / 1000)} s\r`);
    }
    await q('drop table if exists bench_dash_origins');
    await q('drop table if exists bench_dash_households');
    for (const t of ['cases', 'visits', 'households', 'tracking_codes']) await q(`analyze ${t}`);
    const [totals] = await q<{ cases: number; visits: number; households: number; orgs: number }>(`select
      (select count(*)::int from cases) as cases, (select count(*)::int from visits) as visits,
      (select count(*)::int from households) as households, (select count(*)::int from orgs) as orgs`);
    const fillSeconds = (performance.now() - t0) / 1000;
    console.log(`\n  [postgres] city filled in ${fmt(fillSeconds)} s: ${totals!.orgs.toLocaleString('en')} orgs, ${totals!.households.toLocaleString('en')} households, ${totals!.cases.toLocaleString('en')} cases, ${totals!.visits.toLocaleString('en')} visits`);
    const largest = counties.reduce((a, b, i) => (b.households > counties[a]!.households ? i : a), 0);
    return { fillSeconds, ...totals!, account: `${ADMIN}-${largest}` };
  } finally {
    await database.close();
  }
}

async function cityPostgres(): Promise<{ series: Series[]; sections: Record<string, number>; prep: Record<string, unknown> } | { skipped: string }> {
  const pg = await postgresTarget();
  if ('skipped' in pg) return pg;
  try {
    // BENCH_DATABASE_URL of a city this bench filled before: measured again as it is (the dashboard after a change)
    const filled = await cityFilled(pg.url);
    let genSeconds = 0;
    let prep: Awaited<ReturnType<typeof fillCity>>;
    if (filled) {
      console.log(`  [postgres] ${pg.source}: a city filled by an earlier run (${filled.cases.toLocaleString('en')} cases), measured as it is`);
      prep = filled;
    } else {
      const first = await startServer({ databaseUrl: pg.url }, 300_000);
      await first.stop();
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: pg.url };
      delete env.DATA_DIR;
      const tg = performance.now();
      await execFileP(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'gen.ts'), '--scale', 'city', '--path', 'copy'], { cwd: BENCH_DIR, env, maxBuffer: 256 * 1024 * 1024 });
      genSeconds = (performance.now() - tg) / 1000;
      console.log(`  [postgres] bench:gen --scale city --path copy: ${fmt(genSeconds)} s`);
      prep = await fillCity(pg.url);
    }
    const server = await startServer({ databaseUrl: pg.url, demo: false }, 300_000);
    let series: Series[];
    try {
      series = await measureAccounts(server.base, [prep.account]);
    } finally {
      await server.stop();
    }
    return { series, sections: await breakdown({ databaseUrl: pg.url }, prep.account), prep: { genSeconds, ...prep } };
  } finally {
    await pg.stop();
  }
}

const rowsOfSeries = (database: string, list: Series[]) =>
  list.map((s) => [database, s.account, s.path, s.status === 200 ? fmt(s.median) : `HTTP ${s.status}`, fmt(s.p95), fmt(s.max), s.bytes.toLocaleString('en')]);

const sectionsTable = (title: string, sections: Record<string, number>) =>
  `${title}: where the county dashboard's time goes (median ms per section)\n${table(['section', 'median ms'], Object.entries(sections).map(([k, v]) => [k, fmt(v)]))}`;

export async function benchDashboard() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; ${WARMUP} warm-up + ${REQUESTS} sequential requests per path and account; floor ${FLOOR_PATH}; dashboard ${DASHBOARD_PATHS.join(', ')}`);
  // BENCH_DASH_PGLITE=0: the city half alone
  const demo = process.env.BENCH_DASH_PGLITE === '0' ? null : await demoPglite();
  if (demo) {
    console.log(table(['database', 'account', 'path', 'median ms', 'p95 ms', 'max ms', 'bytes'], rowsOfSeries('pglite (demo)', demo.series)));
    console.log(sectionsTable('pglite (demo), demo-county, in process', demo.sections));
  }
  let city: Awaited<ReturnType<typeof cityPostgres>> | null = null;
  if (process.env.BENCH_DASH_PG !== '0') {
    city = await cityPostgres();
    if ('skipped' in city) console.log(`  [postgres] skipped: ${city.skipped}`);
    else {
      console.log(table(['database', 'account', 'path', 'median ms', 'p95 ms', 'max ms', 'bytes'], rowsOfSeries('postgres (city)', city.series)));
      console.log(sectionsTable('postgres (city), the largest county, in process', city.sections));
    }
  }
  const file = writeResult('dashboard', { server: mode.kind, serverLabel: mode.label, requests: REQUESTS, warmup: WARMUP, paths: DASHBOARD_PATHS, floor: FLOOR_PATH, demo, city });
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
}
