// `npm run bench -- ledger-export` (issue 16 point 16): the 办件台账 Excel export, GET /api/cases/export.xlsx as the
// county admin (demo-county, the whole county, no filter), on the demo county (≈ 4,900 cases) and on the same
// county inflated by SQL copies of its own cases to `BENCH_EXPORT_CASES` (default 100,000). Per size: 1 warm-up +
// `BENCH_EXPORT_RUNS` (3) downloads read to the end through node:http — seconds to the first byte and to the last,
// bytes, rows in the file (counted by exceljs' streaming reader, checked against the county's count) — and the
// server's resident memory (VmRSS sampled every 20 ms; the baseline is the RSS before the first download). PGlite
// (fresh folder), then PostgreSQL (throwaway cluster; BENCH_EXPORT_PG=0 skips it).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { Client, fmt, postgresTarget, REPO_ROOT, rssMB, startServer, summarize, table, tempDir, writeResult, type RunningServer } from './lib.js';

const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const CASES = Number(process.env.BENCH_EXPORT_CASES ?? 100_000);
const EXPORT_PATH = `/api/cases/export.xlsx?purpose=${encodeURIComponent('基准测试')}`;

interface Target { database: 'pglite' | 'postgres'; opts: { dataDir?: string; databaseUrl?: string } }
interface Sample { firstByteMs: number; totalMs: number; bytes: number }

/** One download through node:http (no fetch header timeout), the body read to its end but not kept. */
function download(base: string, cookie: string, keep: boolean): Promise<Sample & { body?: Buffer }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const url = new URL(base + EXPORT_PATH);
    const req = http.get({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { cookie } }, (res) => {
      let firstByteMs = -1;
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - t0;
        bytes += c.length;
        if (keep) chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${EXPORT_PATH}: ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
        else resolve({ firstByteMs, totalMs: performance.now() - t0, bytes, ...(keep ? { body: Buffer.concat(chunks) } : {}) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(1_800_000);
  });
}

async function rowsInFile(body: Buffer): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([body]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
  for await (const ws of reader) for await (const _ of ws) n++;
  return n - 1; // the header row
}

async function measureSize(server: RunningServer, label: string, expected: number) {
  const client = new Client(server.base);
  await client.login();
  const cookie = (client as unknown as { cookie: string }).cookie;
  const warm = await download(server.base, cookie, true);
  const rows = await rowsInFile(warm.body!);
  if (rows !== expected) throw new Error(`${label}: the file has ${rows} rows, the county ${expected} cases`);
  const before = rssMB(server.pid).rss;
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMB(server.pid).rss);
    } catch {
      // gone
    }
  }, 20);
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < RUNS; i++) samples.push(await download(server.base, cookie, false));
  } finally {
    clearInterval(sampler);
  }
  const total = summarize(samples.map((s) => s.totalMs));
  const first = summarize(samples.map((s) => s.firstByteMs));
  console.log(`  ${label}: ${rows.toLocaleString('en')} rows, ${(samples[0]!.bytes / 1e6).toFixed(1)} MB; first byte ${fmt(first.median / 1000, 2)} s, whole file ${fmt(total.median / 1000, 2)} s (median of ${RUNS}); RSS ${fmt(before, 0)} → peak ${fmt(peak, 0)} MB`);
  return { rows, bytes: samples[0]!.bytes, totalMs: total, firstByteMs: first, samples, rss: { before, peak } };
}

async function countyCases(opts: Target['opts']) {
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const database = await openDatabase(opts.databaseUrl ?? opts.dataDir!);
  try {
    const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(s));
    const [county] = await q<{ id: string; cases: number }>(sql`
      select o.id, (select count(*)::int from cases c where c.county_id = o.id) as cases from orgs o where o.parent_id is null and o.tier = 'county' order by o.name limit 1`);
    return { q, county: county!, close: () => database.close() };
  } catch (e) {
    await database.close();
    throw e;
  }
}

async function measure(t: Target) {
  const tag = `[${t.database}]`;
  let server = await startServer(t.opts, 300_000);
  let demo;
  try {
    await server.stop();
    const { county, close } = await countyCases(t.opts);
    await close();
    server = await startServer(t.opts, 300_000);
    demo = await measureSize(server, `${tag} demo county`, county.cases);
  } finally {
    await server.stop();
  }
  // inflate: copies of the county's own cases (numbers and tracking codes suffixed so nothing collides)
  const { q, county, close } = await countyCases(t.opts);
  const tf = performance.now();
  try {
    const k = Math.max(1, Math.ceil(CASES / Math.max(1, county.cases)) - 1);
    await q(sql`insert into cases (county_id, id, number, tracking_code, item_id, category, title, description, channel, household_id, resident_id, grid_id,
        org_id, org_path, requester_name, state, owner_tier, owner_org_id, owner_department_id, owner_path, department_ids, first_responder_id,
        received_at, due_at, mode, reply, replied_at, rating, rated_at, rating_source, rated_by, rater_path, closed_at, forwards, trips, escalation, created_at, updated_at)
      select county_id, gen_random_uuid(), number || '-B' || g, tracking_code || 'B' || g, item_id, category, title, description, channel, household_id, resident_id, grid_id,
        org_id, org_path, requester_name, state, owner_tier, owner_org_id, owner_department_id, owner_path, department_ids, first_responder_id,
        received_at - make_interval(mins => g), due_at, mode, reply, replied_at, rating, rated_at, rating_source, rated_by, rater_path, closed_at, forwards, trips, escalation, created_at, updated_at
        from (select * from cases where county_id = ${county.id}::uuid order by received_at desc limit ${CASES}) c cross join generate_series(1, ${k}) g`);
    // exactly CASES: drop the oldest copies beyond it
    await q(sql`delete from cases where county_id = ${county.id}::uuid and number like '%-B%' and id in (
        select id from cases where county_id = ${county.id}::uuid and number like '%-B%' order by received_at asc, id
         limit greatest(0, (select count(*) from cases where county_id = ${county.id}::uuid) - ${CASES}))`);
    await q(sql.raw('analyze cases'));
  } finally {
    await close();
  }
  const fillSeconds = (performance.now() - tf) / 1000;
  console.log(`  ${tag} inflated to ${CASES.toLocaleString('en')} cases in ${fmt(fillSeconds)} s`);
  server = await startServer({ ...t.opts }, 300_000);
  try {
    const big = await measureSize(server, `${tag} ${CASES.toLocaleString('en')} cases`, CASES);
    return { database: t.database, demo, big, fillSeconds };
  } finally {
    await server.stop();
  }
}

export async function benchLedgerExport() {
  console.log(`GET /api/cases/export.xlsx as demo-county: the demo county, then ${CASES.toLocaleString('en')} cases; 1 warm-up + ${RUNS} downloads each`);
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  const dir = tempDir('jiceng-bench-export-');
  try {
    results.push(await measure({ database: 'pglite', opts: { dataDir: dir } }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_EXPORT_PG !== '0') {
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
  console.log(table(['database', 'cases', 'MB', 'first byte s', 'whole file s (median)', 'min s', 'max s', 'RSS before MB', 'RSS peak MB'], results.flatMap((r) => [r.demo, r.big].map((s) => [
    r.database, s.rows.toLocaleString('en'), fmt(s.bytes / 1e6), fmt(s.firstByteMs.median / 1000, 2), fmt(s.totalMs.median / 1000, 2),
    fmt(s.totalMs.min / 1000, 2), fmt(s.totalMs.max / 1000, 2), fmt(s.rss.before, 0), fmt(s.rss.peak, 0),
  ]))));
  const file = writeResult('ledger-export', { runs: RUNS, cases: CASES, results });
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
}
