// `overdue` (issue 5, 六访): latency of GET /api/visits/overdue?orgId=<county root> for a county of 120,000
// households. The county is loaded by `bench:gen --scale county` (a child process, its own generator), then in
// SQL: ~30 % of the households get visit tags, ~150,000 visits spread over the last year, and a county admin
// account. Then 5 warm-up + 50 sequential requests as that admin: median, p95, rows returned, response bytes.
// PGlite, then PostgreSQL (throwaway cluster; BENCH_OVERDUE_PG=0 skips it).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { BENCH_DIR, Client, DEMO_PASSWORD, fmt, postgresTarget, REPO_ROOT, serverMode, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const execFileP = promisify(execFile);
const REQUESTS = Number(process.env.BENCH_OVERDUE_REQUESTS ?? 50);
const WARMUP = Number(process.env.BENCH_OVERDUE_WARMUP ?? 5);
const VISITS = Number(process.env.BENCH_OVERDUE_VISITS ?? 150_000);
const TAGGED_PERCENT = 30;
const ADMIN = 'bench-overdue-admin';
const VISIT_TAGS = ['needy', 'emptyNest', 'leftBehindChild', 'disabled', 'floatingMember', 'unemployed'];

interface Target { database: 'pglite' | 'postgres'; opts: { dataDir?: string; databaseUrl?: string } }

async function prepare(t: Target) {
  const tag = `  [${t.database}]`;
  // migrations + demo county + data key, then the server goes away (PGlite allows one process)
  const first = await startServer(t.opts, 300_000);
  await first.stop();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (t.opts.databaseUrl) env.DATABASE_URL = t.opts.databaseUrl;
  if (t.opts.dataDir) env.DATA_DIR = t.opts.dataDir;
  const tg = performance.now();
  await execFileP(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'gen.ts'), '--scale', 'county'], { cwd: BENCH_DIR, env, maxBuffer: 64 * 1024 * 1024 });
  const genSeconds = (performance.now() - tg) / 1000;
  console.log(`${tag} bench:gen --scale county: ${fmt(genSeconds)} s`);

  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { hashPassword } = await import('../apps/server/src/platform/auth/password.js');
  const { sql } = await import('drizzle-orm');
  const database = await openDatabase(t.opts.databaseUrl ?? t.opts.dataDir!);
  const { db } = database;
  try {
    const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql> | string) => rowsOf<T>(await db.execute(typeof s === 'string' ? sql.raw(s) : s));
    // the generated county: the root org with the most households
    const [county] = await q<{ id: string; path: string; n: number }>(`select o.id, o.path::text as path, (select count(*)::int from households h where h.county_id = o.id) as n
      from orgs o where o.parent_id is null and o.tier = 'county' order by 3 desc limit 1`);
    if (!county || county.n < 100_000) throw new Error(`generated county missing (${county?.n ?? 0} households)`);
    const countyId = county.id;
    const adminId = uuidv7();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await q(sql`insert into users (county_id, id, username, display_name, role, org_id, org_path, password_hash)
      values (${countyId}::uuid, ${adminId}::uuid, ${ADMIN}, '基准县管理员', 'countyAdmin', ${countyId}::uuid, ${county.path}::ltree, ${passwordHash})`);
    await q(sql`insert into login_names (username, county_id, user_id) values (${ADMIN}, ${countyId}::uuid, ${adminId}::uuid)`);

    const tf = performance.now();
    // ~30 % tagged (the generator's own tags replaced): one tag, a second one for every fifth of them (deterministic by id)
    const tags = `array['${VISIT_TAGS.join("','")}']`;
    await q(sql.raw(`update households h set visit_tags = case
        when abs(hashtext(h.id::text || 't')) % 100 >= ${TAGGED_PERCENT} then '{}'::text[]
        when abs(hashtext(h.id::text)) % 5 = 0
        then array[(${tags})[1 + abs(hashtext(h.id::text || 'a')) % 6], (${tags})[1 + (abs(hashtext(h.id::text || 'a')) + 1) % 6]]
        else array[(${tags})[1 + abs(hashtext(h.id::text || 'a')) % 6]] end
      where h.county_id = '${countyId}'`));
    // visits spread over all the county's households, visited_at uniform over the last 365 days
    await q('drop table if exists bench_overdue_households');
    await q(sql`create table bench_overdue_households as
      select (row_number() over (order by id))::int - 1 as k, id, org_id, org_path from households where county_id = ${countyId}::uuid`);
    await q('create unique index on bench_overdue_households (k)');
    await q(sql`insert into visits (county_id, id, visitor_id, visitor_name, household_id, org_id, org_path, visited_at, purpose)
      select ${countyId}::uuid, gen_random_uuid(), ${adminId}::uuid, '基准走访人', h.id, h.org_id, h.org_path,
             now() - (abs(hashtext(i::text)) % (365 * 86400)) * interval '1 second', '入户走访'
        from generate_series(0, ${VISITS - 1}) i
        join bench_overdue_households h on h.k = abs(hashtext(i::text || 'h')) % ${county.n}`);
    await q('drop table bench_overdue_households');
    await q('analyze households');
    await q('analyze visits');
    const fillSeconds = (performance.now() - tf) / 1000;
    const [stats] = await q<{ households: number; tagged: number; visits: number; visited: number }>(sql`select
      (select count(*)::int from households where county_id = ${countyId}::uuid) as households,
      (select count(*)::int from households where county_id = ${countyId}::uuid and cardinality(visit_tags) > 0) as tagged,
      (select count(*)::int from visits where county_id = ${countyId}::uuid) as visits,
      (select count(distinct household_id)::int from visits where county_id = ${countyId}::uuid) as visited`);
    console.log(`${tag} county ${countyId}: ${stats!.households.toLocaleString('en')} households, ${stats!.tagged.toLocaleString('en')} tagged, ${stats!.visits.toLocaleString('en')} visits (${stats!.visited.toLocaleString('en')} households visited); tags + visits + admin in ${fmt(fillSeconds)} s`);
    return { countyId, genSeconds, fillSeconds, ...stats! };
  } finally {
    await database.close();
  }
}

async function measure(t: Target) {
  const prep = await prepare(t);
  const server = await startServer({ ...t.opts, demo: false }, 300_000);
  try {
    const client = new Client(server.base);
    await client.login(ADMIN, DEMO_PASSWORD);
    const url = `/api/visits/overdue?orgId=${prep.countyId}`;
    type Answer = { total: number; items: unknown[]; grids: unknown[] };
    let last: { status: number; body: Answer; bytes: number } | null = null;
    for (let i = 0; i < WARMUP; i++) {
      last = await client.get<Answer>(url);
      if (last.status !== 200) throw new Error(`GET ${url}: ${last.status} ${JSON.stringify(last.body).slice(0, 300)}`);
    }
    const ms: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      last = await client.get<Answer>(url);
      ms.push(performance.now() - t0);
      if (last.status !== 200) throw new Error(`GET ${url}: ${last.status}`);
      bytes.push(last.bytes);
    }
    const s = summarize(ms);
    const sorted = [...ms].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length, Math.ceil(0.95 * sorted.length)) - 1]!;
    console.log(`  [${t.database}] ${REQUESTS} requests: median ${fmt(s.median)} ms, p95 ${fmt(p95)} ms, ${last!.body.items.length} rows, ${last!.bytes.toLocaleString('en')} bytes`);
    return { database: t.database, prep, ms: { ...s, p95 }, samples: ms, items: last!.body.items.length, grids: last!.body.grids.length, total: last!.body.total, bytes: bytes[bytes.length - 1]! };
  } finally {
    await server.stop();
  }
}

export async function benchOverdue() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; county scale (120,000 households) from bench:gen, ${TAGGED_PERCENT} % tagged, ${VISITS.toLocaleString('en')} visits over the last year; ${WARMUP} warm-up + ${REQUESTS} sequential requests as the county admin`);
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  const dir = tempDir('jiceng-bench-overdue-');
  try {
    results.push(await measure({ database: 'pglite', opts: { dataDir: dir } }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_OVERDUE_PG !== '0') {
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
  console.log(table(['database', 'households', 'tagged', 'visits', 'median ms', 'p95 ms', 'max ms', 'total overdue', 'rows returned', 'grids', 'response bytes'], results.map((r) => [
    r.database, r.prep.households.toLocaleString('en'), r.prep.tagged.toLocaleString('en'), r.prep.visits.toLocaleString('en'),
    fmt(r.ms.median), fmt(r.ms.p95), fmt(r.ms.max), r.total.toLocaleString('en'), r.items, r.grids, r.bytes.toLocaleString('en'),
  ])));
  const file = writeResult('overdue', { server: mode.kind, serverLabel: mode.label, requests: REQUESTS, warmup: WARMUP, results });
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
}
