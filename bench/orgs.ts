// `orgs`: GET /api/orgs as the county admin on a 2,000-node tree, on PGlite and on PostgreSQL.
// The tree is built through the real API (POST /api/orgs as demo-county) on top of the demo county's orgs:
// townships → villages (general branches) → branches → groups. Its build rate is measured too.
import fs from 'node:fs';
import { Client, fmt, postgresTarget, serverMode, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const TARGET = Number(process.env.BENCH_ORGS_TREE ?? 2000);
const REQUESTS = Math.max(200, Number(process.env.BENCH_ORGS_REQUESTS ?? 300));
const WARMUP = Number(process.env.BENCH_ORGS_WARMUP ?? 20);

interface Org {
  id: string;
  parentId: string | null;
  depth: number;
}

interface NewOrg {
  key: string;
  parentKey: string | null; // null = the county root
  name: string;
  code: string;
  tier: 'township' | 'village';
  level: 'committee' | 'generalBranch' | 'branch' | 'group';
  sector: 'rural' | 'community';
}

/** Parent-before-child list of `count` new orgs: per township 10 villages × 2 branches × 3 groups (91 orgs). */
function plan(count: number, prefix: string): NewOrg[] {
  const out: NewOrg[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let t = 1; out.length < count; t++) {
    const tk = `${prefix}-T${two(t)}`;
    out.push({ key: tk, parentKey: null, name: `基准第${t}乡党委`, code: tk, tier: 'township', level: 'committee', sector: 'rural' });
    for (let v = 1; v <= 10; v++) {
      const sector = v % 3 === 0 ? 'community' : 'rural';
      const vk = `${tk}-V${two(v)}`;
      out.push({ key: vk, parentKey: tk, name: `基准第${t}乡第${v}村党总支`, code: vk, tier: 'village', level: 'generalBranch', sector });
      for (let b = 1; b <= 2; b++) {
        const bk = `${vk}-B${b}`;
        out.push({ key: bk, parentKey: vk, name: `基准第${t}乡第${v}村第${b}党支部`, code: bk, tier: 'village', level: 'branch', sector });
        for (let g = 1; g <= 3; g++) {
          const gk = `${bk}-G${g}`;
          out.push({ key: gk, parentKey: bk, name: `基准第${t}乡第${v}村第${b}支部第${g}党小组`, code: gk, tier: 'village', level: 'group', sector });
        }
      }
    }
  }
  return out.slice(0, count);
}

interface DbResult {
  database: 'pglite' | 'postgres';
  source: string;
  orgsBefore: number;
  orgsCreated: number;
  buildSeconds: number;
  orgsPerSecond: number;
  createMs: ReturnType<typeof summarize>;
  orgsInTree: number;
  responseBytes: number;
  requests: number;
  warmup: number;
  latencyMs: ReturnType<typeof summarize>;
}

async function measure(database: 'pglite' | 'postgres', source: string, opts: { dataDir?: string; databaseUrl?: string }): Promise<DbResult> {
  const server = await startServer(opts);
  try {
    const client = new Client(server.base);
    await client.login();
    const before = await client.get<{ items: Org[] }>('/api/orgs');
    if (before.status !== 200) throw new Error(`GET /api/orgs: ${before.status}`);
    const root = before.body.items.find((o) => o.parentId === null);
    if (!root) throw new Error('no county root in GET /api/orgs');
    const toCreate = Math.max(0, TARGET - before.body.items.length);
    const prefix = `BN${Date.now().toString(36).slice(-5)}`;
    const ids = new Map<string, string>();
    const createMs: number[] = [];
    process.stdout.write(`  [${database}] building tree: ${before.body.items.length} orgs + ${toCreate} via POST /api/orgs `);
    const t0 = performance.now();
    for (const [i, o] of plan(toCreate, prefix).entries()) {
      const parentId = o.parentKey === null ? root.id : ids.get(o.parentKey)!;
      const t = performance.now();
      const r = await client.post<{ id: string }>('/api/orgs', { parentId, name: o.name, code: o.code, tier: o.tier, level: o.level, sector: o.sector });
      createMs.push(performance.now() - t);
      if (r.status !== 201) throw new Error(`POST /api/orgs ${o.code}: ${r.status} ${JSON.stringify(r.body)}`);
      ids.set(o.key, r.body.id);
      if ((i + 1) % 200 === 0) process.stdout.write('.');
    }
    const buildSeconds = (performance.now() - t0) / 1000;
    console.log(` ${fmt(buildSeconds, 1)} s`);

    let orgsInTree = 0;
    let responseBytes = 0;
    for (let i = 0; i < WARMUP; i++) await client.get('/api/orgs');
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const r = await client.get<{ items: Org[] }>('/api/orgs');
      samples.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`GET /api/orgs: ${r.status}`);
      orgsInTree = r.body.items.length;
      responseBytes = r.bytes;
    }
    const latency = summarize(samples);
    console.log(`  [${database}] ${REQUESTS} x GET /api/orgs (${orgsInTree} orgs, ${fmt(responseBytes / 1024, 0)} kB): median ${fmt(latency.median, 1)} ms, p99 ${fmt(latency.p99, 1)} ms`);
    return {
      database,
      source,
      orgsBefore: before.body.items.length,
      orgsCreated: toCreate,
      buildSeconds,
      orgsPerSecond: toCreate / buildSeconds,
      createMs: summarize(createMs),
      orgsInTree,
      responseBytes,
      requests: REQUESTS,
      warmup: WARMUP,
      latencyMs: latency,
    };
  } finally {
    await server.stop();
  }
}

export async function benchOrgs() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; tree of ${TARGET} orgs; ${WARMUP} warm-up + ${REQUESTS} sequential GET /api/orgs as demo-county`);
  const results: DbResult[] = [];
  const notes: string[] = [];

  const dir = tempDir('jiceng-bench-orgs-');
  try {
    results.push(await measure('pglite', 'fresh data folder', { dataDir: dir }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const pg = await postgresTarget();
  if ('skipped' in pg) {
    notes.push(`PostgreSQL skipped: ${pg.skipped}`);
    console.log(`  [postgres] skipped: ${pg.skipped}`);
  } else {
    try {
      const source = pg.source === 'throwaway cluster' ? 'throwaway cluster (.ci/pg-throwaway.sh, durable defaults)' : 'BENCH_DATABASE_URL';
      console.log(`  [postgres] ${source}`);
      results.push(await measure('postgres', source, { databaseUrl: pg.url }));
    } finally {
      await pg.stop();
    }
  }

  console.log();
  console.log(table(['database', 'orgs', 'GET median ms', 'GET p99 ms', 'GET max ms', 'requests', 'kB/resp'],
    results.map((r) => [r.database, r.orgsInTree, fmt(r.latencyMs.median), fmt(r.latencyMs.p99), fmt(r.latencyMs.max), r.requests, fmt(r.responseBytes / 1024, 0)])));
  console.log();
  console.log(table(['tree build (POST /api/orgs)', 'created', 'seconds', 'orgs/s', 'median ms', 'p99 ms'],
    results.map((r) => [r.database, r.orgsCreated, fmt(r.buildSeconds), fmt(r.orgsPerSecond, 0), fmt(r.createMs.median), fmt(r.createMs.p99)])));
  const [a, b] = results;
  if (a && b) console.log(`\nPostgreSQL / PGlite GET median ratio: ${fmt(b.latencyMs.median / a.latencyMs.median, 2)}`);
  for (const n of notes) console.log(`note: ${n}`);

  const file = writeResult('orgs', { server: mode.kind, serverLabel: mode.label, treeTarget: TARGET, results, notes });
  console.log(`\nwritten ${file}`);
}
