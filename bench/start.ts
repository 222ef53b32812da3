// `start`: seconds from spawning the server to the first 200 of GET /api/health.
// Cold = a fresh empty PGlite data folder (migrations + demo county seeding); warm = the same folder again.
import fs from 'node:fs';
import { fmt, serverMode, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);

export async function benchStart() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; ${RUNS} cold + ${RUNS} warm runs, PGlite, demo seeding on`);
  const cold: number[] = [];
  const warm: number[] = [];
  const dirs: string[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dir = tempDir('jiceng-bench-start-');
      dirs.push(dir);
      const server = await startServer({ dataDir: dir });
      cold.push(server.readySeconds);
      await server.stop();
      console.log(`  cold run ${i + 1}: ${fmt(server.readySeconds, 2)} s`);
    }
    const warmDir = dirs[0]!;
    for (let i = 0; i < RUNS; i++) {
      const server = await startServer({ dataDir: warmDir });
      warm.push(server.readySeconds);
      await server.stop();
      console.log(`  warm run ${i + 1}: ${fmt(server.readySeconds, 2)} s`);
    }
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  const c = summarize(cold);
  const w = summarize(warm);
  console.log();
  console.log(table(['start (PGlite)', 'runs', 'median s', 'min s', 'max s'], [
    ['cold (empty folder)', c.n, fmt(c.median, 2), fmt(c.min, 2), fmt(c.max, 2)],
    ['warm (same folder)', w.n, fmt(w.median, 2), fmt(w.min, 2), fmt(w.max, 2)],
  ]));
  const file = writeResult('start', {
    server: mode.kind,
    serverLabel: mode.label,
    database: 'pglite',
    unit: 's',
    cold: { runs: cold, median: c.median, min: c.min, max: c.max },
    warm: { runs: warm, median: w.median, min: w.min, max: w.max },
  });
  console.log(`\nwritten ${file}`);
}
