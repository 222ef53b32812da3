// Crash safety test (`npm run test:crash`, run by .ci/run): writes under load — case intake (POST /api/cases), sync
// batches of the phone outbox (POST /api/sync), household imports (POST /api/imports/households) — while the real
// server (a child process) is killed with SIGKILL at random moments, 10 times, and restarted. Then, with the server
// stopped, it reads the database directly and checks that every write that was acknowledged (2xx) is there, that
// every import is whole or absent (never some of its households), and that `jiceng audit verify` (the real CLI)
// says ok. On PGlite (a data folder) and on PostgreSQL (a throwaway cluster with durable defaults, from
// .ci/pg-throwaway.sh). Prints acknowledged and lost writes and the restart times; exit code 1 on any loss.
//
//   npm run test:crash                    # both databases, 10 kills each
//   CRASH_KILLS=3 CRASH_DB=pglite npm run test:crash
//   CRASH_SEED=42 …                        # the kill moments are drawn from this seed (printed)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { uuidv7 } from 'uuidv7';
import { openDatabase } from '../src/db/client.js';
import { seedDemo } from '../src/modules/demo/demo.seed.js';
import { setDataKey } from '../src/platform/crypto/crypto.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const KILLS = Number(process.env.CRASH_KILLS ?? 10);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
const DBS = (process.env.CRASH_DB ?? 'pglite,postgres').split(',');
const PASSWORD = 'Crash-Demo-Pass-9';
const KEY = randomBytes(32).toString('base64');
const IMPORT_SIZE = 25;

// a small deterministic generator for the kill moments (mulberry32)
let rngState = SEED;
const rand = () => {
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = Math.imul(rngState ^ (rngState >>> 15), 1 | rngState);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------ HTTP client

class ServerGone extends Error {}
/** a login cut by the kill is not a failure; any other refusal is */
const orGone = (e: unknown) => { if (e instanceof ServerGone) return null; throw e; };

interface Answer { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any
interface Session { cookie: string; csrf: string }

function request(port: number, method: string, url: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', () => resolve({ status: 0, body: null }));
    });
    req.on('error', () => resolve({ status: 0, body: null })); // the server died mid-request: not acknowledged
    req.setTimeout(30_000, () => req.destroy());
    if (body) req.write(body);
    req.end();
  });
}

const json = (port: number, s: Session | null, method: string, url: string, payload?: unknown) =>
  request(port, method, url, payload === undefined ? undefined : JSON.stringify(payload), {
    ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    ...(s ? { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) } : {}),
  });

async function login(port: number, username: string): Promise<Session> {
  const res = await new Promise<{ status: number; cookies: string[] }>((resolve) => {
    const body = JSON.stringify({ username, password: PASSWORD });
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (r) => {
      r.resume();
      r.on('end', () => resolve({ status: r.statusCode ?? 0, cookies: r.headers['set-cookie'] ?? [] }));
    });
    req.on('error', () => resolve({ status: 0, cookies: [] }));
    req.end(body);
  });
  if (res.status === 0) throw new ServerGone();
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const jar = Object.fromEntries(res.cookies.map((c) => c.split(';')[0]!.split('=') as [string, string]));
  return { cookie: `jiceng_session=${jar.jiceng_session}; jiceng_csrf=${jar.jiceng_csrf}`, csrf: jar.jiceng_csrf! };
}

function multipart(file: Buffer, filename: string) {
  const boundary = `----crash${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

// ------------------------------------------------------------------------------------------------ the server

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});

const built = fs.existsSync(path.join(ROOT, 'apps/server/dist/main.js')) && process.env.CRASH_SERVER !== 'tsx';
const serverArgs = built ? ['apps/server/dist/main.js'] : ['--import', 'tsx', 'apps/server/src/main.ts'];

interface Running { child: ChildProcess; startedIn: number; log: string[] }

async function start(env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...serverArgs, 'serve', '--no-demo'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const keep = (d: Buffer) => { log.push(d.toString()); if (log.length > 200) log.shift(); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) while starting:\n${log.join('').slice(-3000)}`);
    const r = await request(port, 'GET', '/api/health');
    if (r.status === 200) return { child, startedIn: (performance.now() - t0) / 1000, log };
    if (performance.now() - t0 > 120_000) throw new Error(`server not ready after 120 s:\n${log.join('').slice(-3000)}`);
    await sleep(50);
  }
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

// ------------------------------------------------------------------------------------------------ load

interface Ledger {
  cases: Set<string>; // acknowledged case ids
  casesTried: number;
  visits: Set<string>; // acknowledged sync record ids (visits)
  reports: Set<string>; // acknowledged sync record ids (六报 → cases of channel gridReport), by title
  syncTried: number;
  imports: Map<string, boolean>; // import tag → acknowledged
  writesAcked: number;
  /** acknowledged answers per writer, to kill only once each writer has written in this life */
  answers: { cases: number; sync: number; imports: number };
}

interface Fixture { villageOrgId: string; villageCode: string; gridId: string; householdId: string }

async function setup(port: number): Promise<Fixture> {
  const county = await login(port, 'demo-county');
  const orgs = (await json(port, county, 'GET', '/api/orgs?includeArchived=true')).body.items as { id: string; code: string }[];
  const byCode = (c: string) => orgs.find((o) => o.code === c)!.id;
  const village = await login(port, 'demo-village');
  const grid = await json(port, village, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS'), name: '崩溃测试网格', code: `W-CRASH-${randomBytes(3).toString('hex')}`, partyGroupId: byCode('SFX-QS-QS-B1-G1') });
  if (grid.status !== 201) throw new Error(`grid: ${grid.status} ${JSON.stringify(grid.body)}`);
  const hh = await json(port, village, 'POST', '/api/households', { orgId: byCode('SFX-QS-QS'), gridId: grid.body.id, address: '青山村崩溃测试1号', residents: [{ name: '测试户主', relation: 'head' }] });
  if (hh.status !== 201) throw new Error(`household: ${hh.status} ${JSON.stringify(hh.body)}`);
  return { villageOrgId: byCode('SFX-QS-QS'), villageCode: 'SFX-QS-QS', gridId: grid.body.id, householdId: hh.body.id };
}

/** Runs the three writers until `stop` says so; records what the server acknowledged. */
function load(port: number, fx: Fixture, ledger: Ledger, stop: { now: boolean }, life: number): Promise<void>[] {
  const PHOTO = { name: 'p.jpg', mime: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64') };
  const caseWriter = async (w: number) => {
    const s = await login(port, 'demo-village').catch(orGone);
    let n = 0;
    while (s && !stop.now) {
      ledger.casesTried += 1;
      const r = await json(port, s, 'POST', '/api/cases', {
        category: 'civilAffairs', title: `崩溃测试 L${life} W${w} #${n++}`, description: '断电测试：确认后的写入不得丢失', channel: 'walkIn', requesterName: '王测试',
      });
      if (r.status === 201) { ledger.cases.add(r.body.id); ledger.writesAcked += 1; ledger.answers.cases += 1; } else if (r.status === 0) break;
      else throw new Error(`POST /api/cases answered ${r.status}: ${JSON.stringify(r.body)}`);
    }
  };
  const syncWriter = async () => {
    const s = await login(port, 'demo-grid').catch(orGone);
    let n = 0;
    while (s && !stop.now) {
      const records: { id: string; type: string; payload: Record<string, unknown> }[] = [];
      for (let i = 0; i < 8; i++) {
        records.push({ id: uuidv7(), type: 'visit', payload: { householdId: fx.householdId, visitedAt: new Date(Date.now() - 3_600_000).toISOString(), purpose: '崩溃测试走访', notes: { conditions: '良好' } } });
      }
      const title = `崩溃测试六报 L${life} #${n++}`;
      records.push({ id: uuidv7(), type: 'fieldReport', payload: { kind: 'facilityDamage', title, description: '桥栏杆损坏', gridId: fx.gridId, photos: [PHOTO] } });
      ledger.syncTried += records.length;
      const r = await json(port, s, 'POST', '/api/sync', { records });
      if (r.status === 0) break;
      if (r.status !== 200) throw new Error(`POST /api/sync answered ${r.status}: ${JSON.stringify(r.body)}`);
      ledger.answers.sync += 1;
      for (const [i, res] of (r.body.results as { id: string; status: string }[]).entries()) {
        if (res.status !== 'created' && res.status !== 'duplicate') throw new Error(`sync record ${res.id}: ${JSON.stringify(res)}`);
        ledger.writesAcked += 1;
        if (records[i]!.type === 'visit') ledger.visits.add(res.id);
        else ledger.reports.add(title);
      }
    }
  };
  const importWriter = async () => {
    const s = await login(port, 'demo-village').catch(orGone);
    let n = 0;
    while (s && !stop.now) {
      const tag = `CR${life}x${n++}x${randomBytes(2).toString('hex')}`;
      const lines = ['户编号,所属村(社区)编码,地址,姓名,与户主关系'];
      for (let i = 0; i < IMPORT_SIZE; i++) lines.push(`${i + 1},${fx.villageCode},崩溃导入${tag}-${i}号,测试${i},户主`);
      ledger.imports.set(tag, false);
      const { body, type } = multipart(Buffer.from(`${lines.join('\n')}\n`), `${tag}.csv`);
      const r = await request(port, 'POST', '/api/imports/households', body, { 'content-type': type, cookie: s.cookie, 'x-csrf-token': s.csrf });
      if (r.status === 0) break;
      if (r.status !== 200 || r.body.imported !== IMPORT_SIZE) throw new Error(`import answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
      ledger.imports.set(tag, true);
      ledger.writesAcked += 1;
      ledger.answers.imports += 1;
    }
  };
  return [caseWriter(1), caseWriter(2), syncWriter(), importWriter()];
}

// ------------------------------------------------------------------------------------------------ checks

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function check(query: Query, ledger: Ledger) {
  const present = async (table: string, ids: Set<string>) => {
    if (ids.size === 0) return 0;
    const r = await query(`select count(*)::int as n from ${table} where id = any($1::uuid[])`, [[...ids]]);
    return Number(r.rows[0]!.n);
  };
  const lostCases = ledger.cases.size - (await present('cases', ledger.cases));
  const lostVisits = ledger.visits.size - (await present('visits', ledger.visits));
  let lostReports = 0;
  for (const title of ledger.reports) {
    const r = await query(`select count(*)::int as n from cases where title = $1`, [title]);
    if (Number(r.rows[0]!.n) !== 1) lostReports += 1;
  }
  let lostImports = 0;
  const partial: string[] = [];
  let wholeUnacked = 0;
  for (const [tag, acked] of ledger.imports) {
    const r = await query(`select count(*)::int as n from households where address like $1`, [`崩溃导入${tag}-%`]);
    const n = Number(r.rows[0]!.n);
    if (n !== 0 && n !== IMPORT_SIZE) partial.push(`${tag}: ${n} of ${IMPORT_SIZE}`);
    if (acked && n !== IMPORT_SIZE) lostImports += 1;
    if (!acked && n === IMPORT_SIZE) wholeUnacked += 1;
  }
  return { lostCases, lostVisits, lostReports, lostImports, partial, wholeUnacked };
}

function auditVerify(env: NodeJS.ProcessEnv): { ok: boolean; out: string } {
  try {
    const out = execFileSync(process.execPath, [...serverArgs, 'audit', 'verify'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: out.startsWith('ok'), out: out.trim() };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() };
  }
}

// ------------------------------------------------------------------------------------------------ one database

async function run(kind: 'pglite' | 'postgres') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `jiceng-crash-${kind}-`));
  let pgDir: string | null = null;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, JICENG_DATA_KEY: KEY, JICENG_DEMO_PASSWORD: PASSWORD, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '100000', DEADLINES_EVERY_MS: '3000', DATA_DIR: path.join(tmp, 'data'), DATABASE_URL: '',
  };
  try {
    if (kind === 'postgres') {
      // its own folder under the temp root: the cluster runs as `postgres`, which cannot enter our 0700 folder
      pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-crash-pg-'));
      env.DATABASE_URL = execFileSync(path.join(ROOT, '.ci/pg-throwaway.sh'), ['start'], {
        env: { ...process.env, PG_THROWAWAY_DIR: pgDir, PG_THROWAWAY_FAST: '0' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
      }).trim();
    }
    // the demo county's orgs and accounts (not its 5,000 cases: they would only slow the first start)
    setDataKey(Buffer.from(KEY, 'base64'));
    const database = await openDatabase(env.DATABASE_URL || env.DATA_DIR!);
    await seedDemo(database.db, PASSWORD, { people: false });
    await database.close();

    let server = await start(env, port);
    const fx = await setup(port);
    const ledger: Ledger = { cases: new Set(), casesTried: 0, visits: new Set(), reports: new Set(), syncTried: 0, imports: new Map(), writesAcked: 0, answers: { cases: 0, sync: 0, imports: 0 } };
    const restarts: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const stop = { now: false };
      const writers = load(port, fx, ledger, stop, k);
      // kill at a random moment once this life's writers are acknowledged (logins done, writes flowing)
      const before = { ...ledger.answers };
      const allWrote = () => ledger.answers.cases > before.cases && ledger.answers.sync > before.sync && ledger.answers.imports > before.imports;
      for (let waited = 0; !allWrote() && waited < 30_000; waited += 50) await sleep(50);
      await sleep(200 + rand() * 2500);
      server.child.kill('SIGKILL');
      await exited(server.child);
      stop.now = true;
      const errors = (await Promise.allSettled(writers)).filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
      if (errors.length) throw new Error(`a write was refused (not a crash):\n${errors.map((e) => e.message).join('\n')}`);
      server = await start(env, port);
      restarts.push(server.startedIn);
      process.stdout.write(`  ${kind}: kill ${k + 1}/${KILLS}, restarted in ${server.startedIn.toFixed(2)} s, ${ledger.writesAcked} writes acknowledged so far\n`);
    }
    // the server still works after the last restart
    const after = await json(port, await login(port, 'demo-village'), 'GET', '/api/cases?limit=1');
    if (after.status !== 200) throw new Error(`GET /api/cases after the last restart: ${after.status} ${JSON.stringify(after.body).slice(0, 300)}`);
    server.child.kill('SIGTERM');
    await exited(server.child);

    let result: Awaited<ReturnType<typeof check>>;
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      result = await check((q, p) => client.query(q, p), ledger);
      await client.end();
    } else {
      const db = await PGlite.create({ dataDir: env.DATA_DIR, extensions: { ltree, pg_trgm } });
      result = await check((q, p) => db.query(q, p) as never, ledger);
      await db.close();
    }
    const audit = auditVerify(env);
    restarts.sort((a, b) => a - b);
    const importsAcked = [...ledger.imports.values()].filter(Boolean).length;
    const lost = result.lostCases + result.lostVisits + result.lostReports + result.lostImports;
    return {
      kind, kills: KILLS, acknowledged: ledger.writesAcked,
      cases: ledger.cases.size, syncRecords: ledger.visits.size + ledger.reports.size, imports: importsAcked, importsTried: ledger.imports.size,
      lost, ...result, audit,
      restartMedian: restarts[Math.floor(restarts.length / 2)] ?? 0, restartMax: restarts[restarts.length - 1] ?? 0,
      ok: lost === 0 && result.partial.length === 0 && audit.ok,
    };
  } finally {
    if (pgDir) execFileSync(path.join(ROOT, '.ci/pg-throwaway.sh'), ['stop', pgDir], { stdio: 'ignore' });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------ main

console.log(`crash test: ${KILLS} SIGKILLs per database, seed ${SEED}, server ${built ? 'built (apps/server/dist)' : 'sources through tsx'}`);
let failed = false;
for (const kind of DBS as ('pglite' | 'postgres')[]) {
  const t0 = performance.now();
  const r = await run(kind);
  console.log(
    `${kind}: ${r.acknowledged} writes acknowledged (${r.cases} cases, ${r.syncRecords} sync records, ${r.imports} imports of ${IMPORT_SIZE} households; ` +
      `${r.importsTried - r.imports} imports in flight at a kill), lost ${r.lost} (cases ${r.lostCases}, sync ${r.lostVisits + r.lostReports}, imports ${r.lostImports}), ` +
      `partial imports ${r.partial.length}${r.partial.length ? ` [${r.partial.join('; ')}]` : ''}, in-flight imports that committed ${r.wholeUnacked}; ` +
      `restart after SIGKILL median ${r.restartMedian.toFixed(2)} s, max ${r.restartMax.toFixed(2)} s; audit verify: ${r.audit.out}; ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (!r.ok) failed = true;
}
if (failed) {
  console.error('crash test FAILED');
  process.exit(1);
}
console.log('crash test ok');
