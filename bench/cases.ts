// Service cases (办件), issue 4:
//   `cases-intake`  POST /api/cases at 32 concurrent clients (requests/s, p99) against the framework floor — a bare
//                   Fastify app (a child process of this file) with one POST route inserting one row through the
//                   same driver (a PGlite folder / a pg Pool of 10) at the same concurrency; PGlite and PostgreSQL.
//                   Also 1 client, and 32 clients spread over two counties (the per-county serialization).
//   `cases-ingest`  one day of Beijing 12345 volume (59,000 cases) through POST /api/cases at 16 clients.
//   `cases-sweep`   the deadlines job (sweepDeadlines) over 1.1 M cases filled with SQL (宜昌 110万件): the first
//                   run (marks the overdue ones) and the steady state (nothing new), plus EXPLAIN of the statements.
// The load generator is a small keep-alive node:http client in this process (on the same 2 cores as the server).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CASE_CHANNELS, SERVICE_CATEGORIES, TOTP } from '@jiceng/contract';
import {
  DEMO_PASSWORD, REPO_ROOT, fmt, freePort, postgresTarget, serverMode, sleep, startServer, summarize, table, tempDir, writeResult,
  type RunningServer,
} from './lib.js';

const execFileP = promisify(execFile);
const THIS_FILE = fileURLToPath(import.meta.url);

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const INTAKE_CONCURRENCY = num('BENCH_CASES_CONCURRENCY', 32);
const INTAKE_SECONDS = num('BENCH_CASES_SECONDS', 10);
const INTAKE_RUNS = num('BENCH_CASES_RUNS', 3);
const WARMUP_SECONDS = num('BENCH_CASES_WARMUP', 3);
const INGEST_TOTAL = num('BENCH_INGEST_CASES', 59_000);
const INGEST_CONCURRENCY = num('BENCH_INGEST_CONCURRENCY', 16);
const SWEEP_CASES = num('BENCH_SWEEP_CASES', 1_100_000);
const SWEEP_BATCH = num('BENCH_SWEEP_BATCH', 100_000);
const SWEEP_STEADY_RUNS = num('BENCH_SWEEP_STEADY_RUNS', 3);
/** PGlite fill budget in seconds: past it, the PGlite part stops (PostgreSQL figures stand alone). */
const SWEEP_PGLITE_BUDGET = num('BENCH_SWEEP_PGLITE_BUDGET', 900);
const SWEEP_PGLITE = process.env.BENCH_SWEEP_PGLITE !== '0';
/** which databases the intake and ingest runs use: pglite,postgres (default both) */
const DATABASES = (process.env.BENCH_CASES_DB ?? 'pglite,postgres').split(',').map((x) => x.trim());

const VILLAGE_USER = 'demo-village';
const COUNTY2_ADMIN = 'bench-county2';

type Database = 'pglite' | 'postgres';
interface Target {
  database: Database;
  /** PGlite folder or postgres:// URL of the jiceng server */
  opts: { dataDir?: string; databaseUrl?: string };
  source: string;
}

// ------------------------------------------------------------------------------------------ load client

interface Worker {
  path: string;
  headers: Record<string, string>;
  body: (n: number) => string;
}

interface LoadResult {
  concurrency: number;
  requests: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  firstError: string | null;
  seconds: number;
  /** successful requests per second */
  rps: number;
  latencyMs: ReturnType<typeof summarize>;
  /** successful requests per client: min / median / max (fairness: a client starved for the whole run has 0) */
  perClient: { min: number; median: number; max: number };
}

/** Request numbers go on across runs, so every body differs. */
let sequence = 0;

function post(agent: http.Agent, base: URL, w: Worker, body: string): Promise<{ status: number; text: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent, host: base.hostname, port: base.port, path: w.path, method: 'POST',
        headers: { ...w.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const keep = status >= 300;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (keep) chunks.push(c);
        });
        res.on('end', () => resolve({ status, text: keep ? Buffer.concat(chunks).toString().slice(0, 500) : null }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Every worker is one client with its own keep-alive connection, sending the next request when the last answer
 * is read. Stops after `durationMs` (requests started before the end are counted) or after `total` requests.
 */
async function load(base: string, workers: Worker[], expect: number, stop: { durationMs?: number; total?: number }, progress?: (ok: number) => void): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers.length });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  let firstError: string | null = null;
  const t0 = performance.now();
  const more = () => (stop.total !== undefined ? issued < stop.total : performance.now() - t0 < stop.durationMs!);
  const perClient = workers.map(() => 0);
  await Promise.all(workers.map(async (w, wi) => {
    while (more()) {
      issued++;
      const n = ++sequence;
      const t = performance.now();
      let status = 0;
      try {
        const r = await post(agent, url, w, w.body(n));
        status = r.status;
        if (status !== expect && !firstError) firstError = `${status} ${r.text ?? ''}`;
      } catch (err) {
        if (!firstError) firstError = (err as Error).message;
      }
      latencies.push(performance.now() - t);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === expect) {
        ok++;
        perClient[wi]!++;
        progress?.(ok);
      }
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return {
    concurrency: workers.length, requests: latencies.length, ok, errors: latencies.length - ok, statuses, firstError,
    seconds, rps: ok / seconds, latencyMs: summarize(latencies),
    perClient: (({ min, median, max }) => ({ min, median, max }))(summarize(perClient)),
  };
}

interface Series {
  label: string;
  concurrency: number;
  runs: LoadResult[];
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Warm-up, then `runs` timed runs of `seconds`; medians of requests/s and of each run's p50 and p99. */
async function series(label: string, base: string, workers: Worker[], expect: number, runs = INTAKE_RUNS): Promise<Series> {
  if (WARMUP_SECONDS > 0) await load(base, workers, expect, { durationMs: WARMUP_SECONDS * 1000 });
  const out: LoadResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await load(base, workers, expect, { durationMs: INTAKE_SECONDS * 1000 });
    out.push(r);
    console.log(`    ${label} run ${i + 1}: ${fmt(r.rps, 0)} req/s, p50 ${fmt(r.latencyMs.median)} ms, p99 ${fmt(r.latencyMs.p99)} ms, max ${fmt(r.latencyMs.max, 0)} ms, ${r.ok} ok (per client ${r.perClient.min}–${r.perClient.max}), ${r.errors} errors${r.firstError ? ` (first: ${r.firstError.slice(0, 200)})` : ''}`);
  }
  const med = (xs: number[]) => summarize(xs).median;
  return {
    label, concurrency: workers.length, runs: out,
    rps: med(out.map((r) => r.rps)), p50: med(out.map((r) => r.latencyMs.median)), p99: med(out.map((r) => r.latencyMs.p99)),
    errors: out.reduce((a, r) => a + r.errors, 0),
  };
}

// --------------------------------------------------------------------------------------------- bodies

const TOPICS = ['低保', '临时救助', '医保缴费', '养老保险', '残疾人补贴', '危房改造', '就业补贴', '高龄津贴', '户口迁移', '宅基地审批'];
const DETAILS = ['需要准备哪些材料', '家中有老人行动不便', '上次提交的材料不全', '想了解办理时限', '希望上门办理', '对审核结果有疑问'];

function caseBody(n: number, extra: Record<string, unknown> = {}): string {
  const topic = TOPICS[n % TOPICS.length]!;
  return JSON.stringify({
    title: `咨询${topic}`,
    description: `村民咨询${topic}申请材料，第${n}号来访，${DETAILS[n % DETAILS.length]}（${(n * 2654435761 % 4294967296).toString(36)}）`,
    channel: 'walkIn',
    category: 'civilAffairs',
    ...extra,
  });
}

// ---------------------------------------------------------------------------------------------- login

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${text}`);
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair = ''] = c.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  const csrf = jar.get('jiceng_csrf');
  if (!jar.get('jiceng_session') || !csrf) throw new Error(`login ${username}: session or csrf cookie missing`);
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf };
}

/** One session per client, as separate people at separate desks would have (logins run 4 at a time). */
async function sessions(base: string, username: string, count: number): Promise<Session[]> {
  const out: Session[] = [];
  for (let i = 0; i < count; i += 4) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, () => login(base, username)))));
  }
  return out;
}

const caseWorker = (s: Session, extra: Record<string, unknown> = {}): Worker => ({
  path: '/api/cases', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: (n) => caseBody(n, extra),
});

async function api<T>(base: string, s: Session, method: 'GET' | 'POST', p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

// ------------------------------------------------------------------------------------ second county

/** `jiceng county create` for a second county (before the server starts: PGlite allows one process). */
async function createSecondCounty(t: Target): Promise<void> {
  const mode = serverMode();
  const args = [...mode.args.slice(0, -1), 'county', 'create', '--name', '中共基准县委员会', '--code', 'BENCH2', '--admin', COUNTY2_ADMIN, '--admin-name', '基准县管理员'];
  const env: NodeJS.ProcessEnv = { ...process.env, JICENG_ADMIN_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (t.opts.databaseUrl) env.DATABASE_URL = t.opts.databaseUrl;
  if (t.opts.dataDir) env.DATA_DIR = t.opts.dataDir;
  await execFileP(process.execPath, args, { cwd: REPO_ROOT, env });
}

/**
 * As the second county's admin — who enrols two-factor sign-in first, as a new county's admin must — a township, a
 * village under it and a village cadre there: the cadre's sessions register that county's cases (as demo-village
 * does in the demo county), without two-factor sign-in (not required of village cadres by default).
 */
async function secondCountyCadre(base: string, admin: Session): Promise<string> {
  const { codeAt } = await import('../apps/server/src/platform/auth/totp.js');
  const setup = await api<{ uri: string }>(base, admin, 'POST', '/api/me/totp/setup');
  const secret = new URL(setup.uri).searchParams.get('secret')!;
  await api(base, admin, 'POST', '/api/me/totp/confirm', { code: codeAt(secret, Date.now() - TOTP.periodSeconds * 1000) });
  const { items } = await api<{ items: { id: string; parentId: string | null }[] }>(base, admin, 'GET', '/api/orgs');
  const root = items.find((o) => o.parentId === null)!;
  const k = Date.now().toString(36).slice(-5).toUpperCase();
  const town = await api<{ id: string }>(base, admin, 'POST', '/api/orgs', { parentId: root.id, name: `基准乡党委${k}`, code: `BENCH2-${k}`, tier: 'township', level: 'committee', sector: 'rural' });
  const village = await api<{ id: string }>(base, admin, 'POST', '/api/orgs', { parentId: town.id, name: `基准村党支部${k}`, code: `BENCH2-${k}-V1`, tier: 'village', level: 'committee', sector: 'rural' });
  const username = `bench2-village-${k.toLowerCase()}`;
  await api(base, admin, 'POST', '/api/users', { username, displayName: `基准村书记${k}`, role: 'villageCadre', orgId: village.id, password: DEMO_PASSWORD });
  return username;
}

// -------------------------------------------------------------------------------------- floor server

interface Floor {
  base: string;
  stop(): Promise<void>;
}

/** The bare Fastify app with one POST route, as a child process (the same setup as the real server). */
async function startFloor(target: { dataDir?: string; databaseUrl?: string }): Promise<Floor> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FLOOR_DB: target.databaseUrl ?? target.dataDir, NODE_ENV: 'production' };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, '--floor-server'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-5000)));
  child.stderr!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-5000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
  };
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`floor server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      if (res.status === 200) return { base, stop };
    } catch {
      // not yet
    }
    if (performance.now() - t0 > 60_000) {
      await stop();
      throw new Error(`floor server not ready:\n${out}`);
    }
    await sleep(20);
  }
}

/** Runs in the child: `node --import tsx bench/cases.ts --floor-server` with PORT and FLOOR_DB. */
async function floorServer(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const target = process.env.FLOOR_DB!;
  const ddl = `create table if not exists floor_cases (
    id uuid primary key default gen_random_uuid(), title text not null, description text not null,
    channel text not null, category text not null, created_at timestamptz not null default now())`;
  const insertSql = 'insert into floor_cases (title, description, channel, category) values ($1, $2, $3, $4) returning id';
  let insert: (v: string[]) => Promise<string>;
  let close: () => Promise<void>;
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { default: pg } = await import('pg');
    // the server's pool size (PG_POOL_MAX, default 10)
    const pool = new pg.Pool({ connectionString: target, max: Number(process.env.PG_POOL_MAX ?? 10) });
    await pool.query(ddl);
    insert = async (v) => (await pool.query<{ id: string }>(insertSql, v)).rows[0]!.id;
    close = () => pool.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    // as the server opens it (apps/server/src/db/client.ts): a file-backed folder, 32 MB shared_buffers
    const db = await PGlite.create({ dataDir: target, postgresqlconf: [`shared_buffers=${process.env.PGLITE_SHARED_BUFFERS ?? '32MB'}`] });
    await db.exec(ddl);
    insert = async (v) => (await db.query<{ id: string }>(insertSql, v)).rows[0]!.id;
    close = () => db.close();
  }
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ ok: true }));
  app.post('/floor', async (req, reply) => {
    const b = req.body as { title: string; description: string; channel: string; category: string };
    const id = await insert([b.title, b.description, b.channel, b.category]);
    return reply.status(201).send({ id });
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// ------------------------------------------------------------------------------------------- targets

/** PGlite (fresh folder) then PostgreSQL (throwaway cluster or BENCH_DATABASE_URL); `run` gets each in turn. */
async function eachDatabase(run: (t: Target, extra: { floorTarget: { dataDir?: string; databaseUrl?: string } }) => Promise<void>, notes: string[]): Promise<void> {
  if (DATABASES.includes('pglite')) {
    const dir = tempDir('jiceng-bench-cases-');
    const floorDir = tempDir('jiceng-bench-floor-');
    try {
      await run({ database: 'pglite', opts: { dataDir: dir }, source: 'fresh data folder' }, { floorTarget: { dataDir: floorDir } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(floorDir, { recursive: true, force: true });
    }
  }
  if (!DATABASES.includes('postgres')) return;
  const pg = await postgresTarget();
  if ('skipped' in pg) {
    notes.push(`PostgreSQL skipped: ${pg.skipped}`);
    console.log(`  [postgres] skipped: ${pg.skipped}`);
    return;
  }
  try {
    const source = pg.source === 'throwaway cluster' ? 'throwaway cluster (.ci/pg-throwaway.sh, durable defaults)' : 'BENCH_DATABASE_URL';
    console.log(`  [postgres] ${source}`);
    const { default: pgLib } = await import('pg');
    const admin = new pgLib.Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query('drop database if exists bench_floor');
    await admin.query('create database bench_floor');
    await admin.end();
    const floorUrl = new URL(pg.url);
    floorUrl.pathname = '/bench_floor';
    await run({ database: 'postgres', opts: { databaseUrl: pg.url }, source }, { floorTarget: { databaseUrl: floorUrl.toString() } });
  } finally {
    await pg.stop();
  }
}

// --------------------------------------------------------------------------------------- cases-intake

interface IntakeResult {
  database: Database;
  source: string;
  floor: Series;
  jiceng: Series;
  single: Series;
  twoCounties: Series | null;
  ratioRps: number;
  ratioP99: number;
}

export async function benchCasesIntake() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; POST /api/cases as ${VILLAGE_USER}, ${INTAKE_CONCURRENCY} clients (one session each), ` +
    `${WARMUP_SECONDS} s warm-up + ${INTAKE_RUNS} × ${INTAKE_SECONDS} s; floor: bare Fastify + one INSERT, same driver`);
  const results: IntakeResult[] = [];
  const notes: string[] = [];
  await eachDatabase(async (t, { floorTarget }) => {
    const tag = `  [${t.database}]`;
    console.log(`${tag} floor: bare Fastify, POST /floor → one INSERT (${t.database === 'pglite' ? 'PGlite folder' : 'pg Pool, max 10'})`);
    const floor = await startFloor(floorTarget);
    let floorSeries: Series;
    try {
      const workers = Array.from({ length: INTAKE_CONCURRENCY }, (): Worker => ({ path: '/floor', headers: {}, body: (n) => caseBody(n) }));
      floorSeries = await series('floor', floor.base, workers, 201);
    } finally {
      await floor.stop();
    }

    // a second county for the two-county run (already there when BENCH_DATABASE_URL is reused: then the error is only noted)
    await createSecondCounty(t).catch((err: Error) => console.log(`${tag} county create: ${err.message.split('\n').filter(Boolean).pop()}`));
    let server: RunningServer | null = null;
    try {
      server = await startServer(t.opts, 300_000);
      console.log(`${tag} jiceng server ready in ${fmt(server.readySeconds)} s; ${INTAKE_CONCURRENCY} logins as ${VILLAGE_USER}`);
      const village = await sessions(server.base, VILLAGE_USER, INTAKE_CONCURRENCY);
      const jiceng = await series(`jiceng c=${INTAKE_CONCURRENCY}`, server.base, village.map((s) => caseWorker(s)), 201);
      const single = await series('jiceng c=1', server.base, [caseWorker(village[0]!)], 201, 1);
      let two: Series | null = null;
      try {
        const admin2 = (await sessions(server.base, COUNTY2_ADMIN, 1))[0]!;
        const cadre = await secondCountyCadre(server.base, admin2);
        const half = Math.floor(INTAKE_CONCURRENCY / 2);
        const others = await sessions(server.base, cadre, INTAKE_CONCURRENCY - half);
        const workers = [...village.slice(0, half).map((s) => caseWorker(s)), ...others.map((s) => caseWorker(s))];
        two = await series(`jiceng 2 counties ${half}+${INTAKE_CONCURRENCY - half}`, server.base, workers, 201);
      } catch (err) {
        notes.push(`${t.database}: two-county run failed: ${(err as Error).message}`);
        console.log(`${tag} two-county run failed: ${(err as Error).message}`);
      }
      results.push({
        database: t.database, source: t.source, floor: floorSeries, jiceng, single, twoCounties: two,
        ratioRps: jiceng.rps / floorSeries.rps, ratioP99: jiceng.p99 / floorSeries.p99,
      });
    } finally {
      await server?.stop();
    }
  }, notes);

  console.log();
  const rows: (string | number)[][] = [];
  for (const r of results) {
    for (const s of [r.floor, r.jiceng, r.single, r.twoCounties]) {
      if (!s) continue;
      rows.push([r.database, s.label, s.concurrency, fmt(s.rps, 0), fmt(s.p50), fmt(s.p99), s.errors, s === r.floor ? '1.00' : fmt(s.rps / r.floor.rps, 2)]);
    }
  }
  console.log(table(['database', 'target', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'req/s ÷ floor'], rows));
  console.log(`(medians of ${INTAKE_RUNS} runs of ${INTAKE_SECONDS} s; c=1: one run; 2 cores shared by the client, the server and other work)`);
  for (const n of notes) console.log(`note: ${n}`);
  const file = writeResult('cases-intake', {
    server: mode.kind, serverLabel: mode.label, concurrency: INTAKE_CONCURRENCY, seconds: INTAKE_SECONDS, runs: INTAKE_RUNS, warmupSeconds: WARMUP_SECONDS,
    conditions: 'load client in the same machine (2 cores, shared with other work); one session per client; medians of runs',
    results, notes,
  });
  console.log(`\nwritten ${file}`);
}

// --------------------------------------------------------------------------------------- cases-ingest

interface IngestResult {
  database: Database;
  source: string;
  cases: number;
  concurrency: number;
  seconds: number;
  casesPerSecond: number;
  errors: number;
  statuses: Record<string, number>;
  firstError: string | null;
  latencyMs: ReturnType<typeof summarize>;
  /** cases/s of each block of 5,000 */
  blockRates: number[];
}

export async function benchCasesIngest() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; ${INGEST_TOTAL.toLocaleString('en')} cases (one day of Beijing 12345) through POST /api/cases, ${INGEST_CONCURRENCY} clients as ${VILLAGE_USER}`);
  const results: IngestResult[] = [];
  const notes: string[] = [];
  await eachDatabase(async (t) => {
    const tag = `  [${t.database}]`;
    const server = await startServer(t.opts, 300_000);
    try {
      const clients = await sessions(server.base, VILLAGE_USER, INGEST_CONCURRENCY);
      const blockRates: number[] = [];
      let mark = performance.now();
      process.stdout.write(`${tag} ingesting `);
      const r = await load(server.base, clients.map((s) => caseWorker(s)), 201, { total: INGEST_TOTAL }, (ok) => {
        if (ok % 5000 === 0) {
          const now = performance.now();
          blockRates.push(5000 / ((now - mark) / 1000));
          mark = now;
          process.stdout.write(`${ok / 1000}k `);
        }
      });
      console.log(`\n${tag} ${r.ok} × 201 in ${fmt(r.seconds)} s = ${fmt(r.rps, 0)} cases/s; p50 ${fmt(r.latencyMs.median)} ms, p99 ${fmt(r.latencyMs.p99)} ms; ${r.errors} errors${r.firstError ? ` (first: ${r.firstError.slice(0, 200)})` : ''}`);
      results.push({
        database: t.database, source: t.source, cases: r.ok, concurrency: INGEST_CONCURRENCY, seconds: r.seconds, casesPerSecond: r.rps,
        errors: r.errors, statuses: r.statuses, firstError: r.firstError, latencyMs: r.latencyMs, blockRates,
      });
    } finally {
      await server.stop();
    }
  }, notes);
  console.log();
  console.log(table(['database', 'cases', 'clients', 'seconds', 'cases/s', 'p50 ms', 'p99 ms', 'errors', 'first 5k /s', 'last 5k /s'],
    results.map((r) => [r.database, r.cases, r.concurrency, fmt(r.seconds), fmt(r.casesPerSecond, 0), fmt(r.latencyMs.median), fmt(r.latencyMs.p99), r.errors,
      fmt(r.blockRates[0] ?? NaN, 0), fmt(r.blockRates[r.blockRates.length - 1] ?? NaN, 0)])));
  for (const n of notes) console.log(`note: ${n}`);
  const file = writeResult('cases-ingest', { server: mode.kind, serverLabel: mode.label, total: INGEST_TOTAL, concurrency: INGEST_CONCURRENCY, results, notes });
  console.log(`\nwritten ${file}`);
}

// ---------------------------------------------------------------------------------------- cases-sweep

interface SweepFigures {
  database: Database;
  source: string;
  cases: number;
  mix: Record<string, number>;
  fillSeconds: number;
  indexSeconds: number;
  firstRun: { seconds: number; dueSoon: number; overdue: number; events: number; accountability: number; notifications: number };
  steadyRuns: { seconds: number; dueSoon: number; overdue: number }[];
  steadyMedianSeconds: number;
  explain: Record<string, string[]>;
  note?: string;
}

const sqlList = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

async function sweepOne(t: Target, notes: string[]): Promise<SweepFigures | null> {
  const tag = `  [${t.database}]`;
  // migrations + demo county, then the server goes away: the job is called in this process
  const server = await startServer(t.opts, 300_000);
  await server.stop();
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { sweepDeadlines } = await import('../apps/server/src/modules/cases/cases.deadlines.js');
  const { sql } = await import('drizzle-orm');
  const database = await openDatabase(t.opts.databaseUrl ?? t.opts.dataDir!);
  const { db } = database;
  try {
    const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql> | string) => rowsOf<T>(await db.execute(typeof s === 'string' ? sql.raw(s) : s));
    const [county] = await q<{ id: string }>(`select id from orgs where parent_id is null and tier = 'county' and code = 'SFX'`);
    const [responder] = await q<{ id: string }>(`select id from users where username = '${VILLAGE_USER}'`);
    if (!county || !responder) throw new Error('demo county or demo-village missing');
    const countyId = county.id;
    // origins: the county's village orgs, each with its village unit (the topmost village-tier ancestor, as unitOf finds it)
    await q('drop table if exists bench_case_origins');
    await q('create table bench_case_origins (k int primary key, org_id uuid not null, org_path ltree not null, owner_id uuid not null, owner_path ltree not null)');
    await q(sql`insert into bench_case_origins
      select (row_number() over (order by o.path))::int - 1, o.id, o.path, u.id, u.path
        from orgs o cross join lateral (
          select a.id, a.path from orgs a where a.county_id = o.county_id and a.path @> o.path and a.tier = 'village' order by nlevel(a.path) limit 1) u
       where o.county_id = ${countyId} and o.tier = 'village' and o.level in ('branch', 'generalBranch', 'committee')`);
    const [{ n: origins } = { n: 0 }] = await q<{ n: number }>('select count(*)::int as n from bench_case_origins');
    console.log(`${tag} filling ${SWEEP_CASES.toLocaleString('en')} cases from ${origins} village orgs (secondary indexes dropped during the fill, rebuilt after)`);

    const indexes = await q<{ indexname: string; indexdef: string }>(`select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = 'cases'
        and indexname not in (select conname from pg_constraint where conrelid = 'cases'::regclass)`);
    for (const i of indexes) await q(`drop index "${i.indexname}"`);

    const now = new Date();
    const nowSql = sql`${now.toISOString()}::timestamptz`;
    const categories = sql.raw(sqlList(SERVICE_CATEGORIES));
    const channelList = CASE_CHANNELS.filter((c) => c !== 'gridReport');
    const channels = sql.raw(sqlList(channelList));
    const titles = sql.raw(sqlList(TOPICS.map((x) => `咨询${x}`)));
    const details = sql.raw(sqlList(DETAILS));
    const modes = sql.raw(sqlList(['direct', 'promised', 'explained']));
    const t0 = performance.now();
    let filled = 0;
    for (let lo = 1; lo <= SWEEP_CASES; lo += SWEEP_BATCH) {
      const hi = Math.min(SWEEP_CASES, lo + SWEEP_BATCH - 1);
      // kinds: p = g % 100; p < 3 open (received / inProgress): a third past due (1 % of all), 1/15 due within a day,
      // the rest due in 2–9 days; p = 3 waiting on the resident (paused, past due); the rest closed over the last year.
      await q(sql`
        with s as (
          select g, g % 100 as p, (g / 100) % 30 as k from generate_series(${lo}::int, ${hi}::int) g
        ), t as (
          select s.*, case when p < 3 then case when k < 10 then 'late' when k < 12 then 'soon' else 'open' end
                           when p = 3 then 'waiting' else 'closed' end as kind from s
        ), d as (
          select t.*, case kind
                 when 'late' then ${nowSql} - make_interval(hours => 1 + g % 72)
                 when 'soon' then ${nowSql} + make_interval(hours => 1 + g % 20)
                 when 'open' then ${nowSql} + make_interval(days => 2 + g % 8)
                 when 'waiting' then ${nowSql} - make_interval(days => g % 30)
                 else ${nowSql} - make_interval(days => 3 + g % 360, secs => g % 86400) end as due
            from t
        )
        insert into cases (county_id, id, number, tracking_code, category, title, description, channel, org_id, org_path,
          requester_name, state, owner_tier, owner_org_id, owner_path, first_responder_id, received_at, due_at, paused_since,
          mode, reply, replied_at, rating, rated_at, closed_at, trips, due_soon_at, overdue_at, escalation, created_at, updated_at)
        select ${countyId}::uuid, gen_random_uuid(), '2025-B' || lpad(g::text, 7, '0'), 'BQ' || lpad(g::text, 8, '0'),
               (${categories})[1 + g % ${SERVICE_CATEGORIES.length}], (${titles})[1 + g % ${TOPICS.length}],
               (${titles})[1 + g % ${TOPICS.length}] || '：第' || g || '号，' || (${details})[1 + g % ${DETAILS.length}] || '（' || left(md5(g::text), 8) || '）',
               (${channels})[1 + g % ${channelList.length}], o.org_id, o.org_path,
               '群众' || (g % 1000),
               case kind when 'closed' then 'closed' when 'waiting' then 'waitingOnResident' else case when g % 2 = 0 then 'received' else 'inProgress' end end,
               'village', o.owner_id, o.owner_path, ${responder.id}::uuid,
               due - interval '5 days', due,
               case when kind = 'waiting' then due - interval '1 day' end,
               case when kind = 'closed' then (${modes})[1 + g % 3] end,
               case when kind = 'closed' then '已按政策答复办结' end,
               case when kind = 'closed' then due - interval '2 days 1 hour' end,
               case when kind = 'closed' then (3 + g % 3)::smallint end,
               case when kind = 'closed' then due - interval '2 days' end,
               case when kind = 'closed' then due - interval '2 days' end,
               (g % 3 = 0)::int,
               case when kind = 'closed' and g % 10 = 0 then due - interval '1 day' end,
               case when kind = 'closed' and g % 50 = 0 then due + interval '1 hour' end,
               case when kind = 'closed' and g % 50 = 0 then 1 else 0 end::smallint,
               due - interval '5 days', due - interval '2 days'
          from d join bench_case_origins o on o.k = d.g % ${origins}`);
      filled = hi;
      const el = (performance.now() - t0) / 1000;
      process.stdout.write(`${tag} ${filled.toLocaleString('en')} cases, ${fmt(el)} s\r`);
      if (t.database === 'pglite' && el > SWEEP_PGLITE_BUDGET && hi < SWEEP_CASES) {
        const note = `PGlite fill stopped after ${fmt(el, 0)} s at ${filled.toLocaleString('en')} cases (budget BENCH_SWEEP_PGLITE_BUDGET=${SWEEP_PGLITE_BUDGET} s)`;
        notes.push(note);
        console.log(`\n${tag} ${note}`);
        for (const i of indexes) await q(i.indexdef);
        return null;
      }
    }
    await q(sql`insert into tracking_codes (code, county_id, case_id) select tracking_code, county_id, id from cases where county_id = ${countyId} and number like '2025-B%'`);
    const fillSeconds = (performance.now() - t0) / 1000;
    console.log(`\n${tag} filled in ${fmt(fillSeconds)} s (${fmt(SWEEP_CASES / fillSeconds, 0)} rows/s, with tracking_codes); rebuilding ${indexes.length} indexes`);
    const t1 = performance.now();
    for (const i of indexes) await q(i.indexdef);
    await q('analyze cases');
    await q('drop table bench_case_origins');
    const indexSeconds = (performance.now() - t1) / 1000;
    console.log(`${tag} indexes rebuilt + analyze in ${fmt(indexSeconds)} s`);
    const mix = Object.fromEntries((await q<{ state: string; n: number }>(sql`select state, count(*)::int as n from cases where county_id = ${countyId} group by state order by state`)).map((r) => [r.state, r.n]));
    const [expected] = await q<{ late: number; soon: number }>(sql`select
        count(*) filter (where state in ('received', 'inProgress') and due_at < now())::int as late,
        count(*) filter (where state in ('received', 'inProgress') and due_at >= now() and due_at <= now() + interval '24 hours')::int as soon
      from cases where county_id = ${countyId}`);
    console.log(`${tag} states: ${JSON.stringify(mix)}; open past due ${expected?.late}, open due within 24 h ${expected?.soon}`);

    const counts = async () => (await q<{ events: number; accountability: number; notifications: number }>(sql`select
        (select count(*)::int from case_events where county_id = ${countyId} and kind in ('dueSoon', 'overdue', 'escalated')) as events,
        (select count(*)::int from accountability_records where county_id = ${countyId}) as accountability,
        (select count(*)::int from notifications where county_id = ${countyId}) as notifications`))[0]!;
    const before = await counts();
    const t2 = performance.now();
    const first = await sweepDeadlines(db, new Date());
    const firstSeconds = (performance.now() - t2) / 1000;
    const after = await counts();
    if (!first) throw new Error('sweepDeadlines skipped: the job lock is held by another process');
    const firstRun = {
      seconds: firstSeconds, dueSoon: first.dueSoon, overdue: first.overdue, events: after.events - before.events,
      accountability: after.accountability - before.accountability, notifications: after.notifications - before.notifications,
    };
    console.log(`${tag} first run: ${fmt(firstSeconds, 2)} s — marked ${first.overdue} overdue, ${first.dueSoon} due soon; +${firstRun.events} events, +${firstRun.accountability} accountability records, +${firstRun.notifications} notifications`);
    const steadyRuns: SweepFigures['steadyRuns'] = [];
    for (let i = 0; i < SWEEP_STEADY_RUNS; i++) {
      const t3 = performance.now();
      const r = await sweepDeadlines(db, new Date());
      steadyRuns.push({ seconds: (performance.now() - t3) / 1000, dueSoon: r?.dueSoon ?? 0, overdue: r?.overdue ?? 0 });
      console.log(`${tag} steady run ${i + 1}: ${fmt(steadyRuns[i]!.seconds * 1000, 1)} ms — ${r?.overdue} overdue, ${r?.dueSoon} due soon`);
    }

    // EXPLAIN ANALYZE of the two marking statements' UPDATE in the steady state (rolled back, though nothing matches)
    const explain: Record<string, string[]> = {};
    const n2 = new Date();
    const soon = new Date(n2.getTime() + 24 * 3_600_000);
    const statements = {
      overdue: sql`update cases set overdue_at = ${n2.toISOString()}::timestamptz, escalation = escalation + 1
        where county_id = ${countyId} and state in ('received', 'inProgress') and overdue_at is null and due_at < ${n2.toISOString()}::timestamptz returning id`,
      dueSoon: sql`update cases set due_soon_at = ${n2.toISOString()}::timestamptz
        where county_id = ${countyId} and state in ('received', 'inProgress') and due_soon_at is null
          and due_at > ${n2.toISOString()}::timestamptz and due_at <= ${soon.toISOString()}::timestamptz returning id`,
    };
    class Rollback extends Error {}
    for (const [name, stmt] of Object.entries(statements)) {
      try {
        await db.transaction(async (tx) => {
          const rows = rowsOf<Record<string, string>>(await tx.execute(sql`explain (analyze, buffers, costs off) ${stmt}`));
          explain[name] = rows.map((r) => Object.values(r)[0]!);
          throw new Rollback();
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
      console.log(`${tag} EXPLAIN ANALYZE (${name}, steady state):\n${explain[name]!.map((l) => `      ${l}`).join('\n')}`);
    }
    return {
      database: t.database, source: t.source, cases: SWEEP_CASES, mix, fillSeconds, indexSeconds, firstRun, steadyRuns,
      steadyMedianSeconds: summarize(steadyRuns.map((r) => r.seconds)).median, explain,
    };
  } finally {
    await database.close();
  }
}

export async function benchCasesSweep() {
  console.log(`sweepDeadlines (apps/server/src/modules/cases/cases.deadlines.ts) in this process over ${SWEEP_CASES.toLocaleString('en')} cases of the demo county, ` +
    `filled with INSERT … SELECT FROM generate_series; PostgreSQL first, then PGlite${SWEEP_PGLITE ? ` (fill budget ${SWEEP_PGLITE_BUDGET} s)` : ' (off: BENCH_SWEEP_PGLITE=0)'}`);
  const results: SweepFigures[] = [];
  const notes: string[] = [];
  const pg = await postgresTarget();
  if ('skipped' in pg) {
    notes.push(`PostgreSQL skipped: ${pg.skipped}`);
    console.log(`  [postgres] skipped: ${pg.skipped}`);
  } else {
    try {
      const source = pg.source === 'throwaway cluster' ? 'throwaway cluster (.ci/pg-throwaway.sh, durable defaults)' : 'BENCH_DATABASE_URL';
      console.log(`  [postgres] ${source}`);
      const r = await sweepOne({ database: 'postgres', opts: { databaseUrl: pg.url }, source }, notes);
      if (r) results.push(r);
    } finally {
      await pg.stop();
    }
  }
  if (SWEEP_PGLITE) {
    const dir = tempDir('jiceng-bench-sweep-');
    try {
      const r = await sweepOne({ database: 'pglite', opts: { dataDir: dir }, source: 'fresh data folder' }, notes);
      if (r) results.push(r);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log();
  console.log(table(['database', 'cases', 'fill s', 'index s', 'first run s', 'marked overdue', 'marked due soon', 'steady run ms (median)'],
    results.map((r) => [r.database, r.cases, fmt(r.fillSeconds), fmt(r.indexSeconds), fmt(r.firstRun.seconds, 2), r.firstRun.overdue, r.firstRun.dueSoon, fmt(r.steadyMedianSeconds * 1000, 1)])));
  for (const n of notes) console.log(`note: ${n}`);
  const file = writeResult('cases-sweep', { cases: SWEEP_CASES, batch: SWEEP_BATCH, results, notes });
  console.log(`\nwritten ${file}`);
}

// ----------------------------------------------------------------------------------------- child entry

if (process.argv.includes('--floor-server') && process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  floorServer().catch((err: Error & { code?: string }) => {
    console.error(`floor server: ${err.message}${err.code ? ` (${err.code})` : ''}`);
    process.exit(1);
  });
}
