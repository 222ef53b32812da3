// `start`: seconds from spawning the server to the first 200 of GET /api/health.
// Cold = a fresh empty PGlite data folder (migrations + demo county seeding), two ways: `serve` seeding in its own
// process (what `node main.js serve` does), and as `npm start` does it (scripts/start.mjs: `jiceng seed` in a
// process of its own, then `serve`). Warm = the first run's folder again — the floor: the same spawn, open and
// listen, with nothing to seed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { DEMO_PASSWORD, REPO_ROOT, fmt, serverMode, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);

/** `jiceng seed` on the folder, in a process of its own (as scripts/start.mjs on an empty folder); seconds */
export function seedInOwnProcess(dir: string): number {
  const args = serverMode().args.map((a) => (a === 'serve' ? 'seed' : a));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', JICENG_DEMO_PASSWORD: DEMO_PASSWORD, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  if (r.status !== 0) throw new Error(`jiceng seed failed (${r.status}): ${r.stderr.toString().slice(-2000)}`);
  return (performance.now() - t0) / 1000;
}

export async function benchStart() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; ${RUNS} × (cold serve, cold as npm start, warm), PGlite, demo seeding on`);
  const cold: number[] = [];
  const split: number[] = [];
  const warm: number[] = [];
  const dirs: string[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dir = tempDir('jiceng-bench-start-');
      dirs.push(dir);
      const server = await startServer({ dataDir: dir }, 600_000);
      cold.push(server.readySeconds);
      await server.stop();
      const dir2 = tempDir('jiceng-bench-start-');
      dirs.push(dir2);
      const seeding = seedInOwnProcess(dir2);
      const server2 = await startServer({ dataDir: dir2 }, 600_000);
      split.push(seeding + server2.readySeconds);
      await server2.stop();
      const server3 = await startServer({ dataDir: dirs[0]! }, 600_000);
      warm.push(server3.readySeconds);
      await server3.stop();
      console.log(`  run ${i + 1}: cold serve ${fmt(server.readySeconds, 2)} s; as npm start ${fmt(seeding, 2)} + ${fmt(server2.readySeconds, 2)} s; warm ${fmt(server3.readySeconds, 2)} s; load ${os.loadavg()[0]!.toFixed(1)}`);
    }
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  const c = summarize(cold);
  const s = summarize(split);
  const w = summarize(warm);
  console.log();
  console.log(table(['start (PGlite)', 'runs', 'median s', 'min s', 'max s', 'ratio to warm'], [
    ['cold, serve (empty folder)', c.n, fmt(c.median, 2), fmt(c.min, 2), fmt(c.max, 2), fmt(c.median / w.median, 2)],
    ['cold, as npm start (seed, then serve)', s.n, fmt(s.median, 2), fmt(s.min, 2), fmt(s.max, 2), fmt(s.median / w.median, 2)],
    ['warm (same folder) = floor', w.n, fmt(w.median, 2), fmt(w.min, 2), fmt(w.max, 2), '1.00'],
  ]));
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
  const file = writeResult('start', {
    server: mode.kind,
    serverLabel: mode.label,
    database: 'pglite',
    unit: 's',
    cold: { runs: cold, median: c.median, min: c.min, max: c.max },
    coldAsNpmStart: { runs: split, median: s.median, min: s.min, max: s.max },
    warm: { runs: warm, median: w.median, min: w.min, max: w.max },
    loadAverage: os.loadavg(),
  });
  console.log(`\nwritten ${file}`);
}
