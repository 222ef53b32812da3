// `memory`: resident memory (VmRSS from /proc/<pid>/status) of the server process after start and after
// 200 GET /api/orgs as the county admin on the demo county (PGlite, fresh data folder).
import fs from 'node:fs';
import os from 'node:os';
import { Client, fmt, rssMB, serverMode, sleep, startServer, table, tempDir, writeResult } from './lib.js';
import { seedInOwnProcess } from './start.js';

const REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 200);

export async function benchMemory() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; PGlite, fresh data folder, demo county; ${REQUESTS} x GET /api/orgs`);
  const dir = tempDir('jiceng-bench-memory-');
  try {
    const server = await startServer({ dataDir: dir }, 600_000);
    try {
      await sleep(500); // let start-up garbage settle
      const afterStart = rssMB(server.pid);
      const client = new Client(server.base);
      await client.login();
      let orgs = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await client.get<{ items: unknown[] }>('/api/orgs');
        if (r.status !== 200) throw new Error(`GET /api/orgs: ${r.status}`);
        orgs = r.body.items.length;
      }
      const afterRequests = rssMB(server.pid);
      await server.stop();
      // the floor: the same folder again, nothing to seed (warm start)
      const warm = await startServer({ dataDir: dir }, 600_000);
      await sleep(500);
      const afterWarm = rssMB(warm.pid);
      await warm.stop();
      // as npm start does it on an empty folder: seeded by `jiceng seed` in its own process, then served
      const dir2 = tempDir('jiceng-bench-memory-');
      let afterSplit: { rss: number; peak: number };
      try {
        seedInOwnProcess(dir2);
        const split = await startServer({ dataDir: dir2 }, 600_000);
        await sleep(500);
        afterSplit = rssMB(split.pid);
        await split.stop();
      } finally {
        fs.rmSync(dir2, { recursive: true, force: true });
      }
      console.log();
      console.log(table(['server RSS (MB)', 'VmRSS', 'VmHWM (peak)'], [
        ['after a cold start (serve seeds the demo county itself)', fmt(afterStart.rss), fmt(afterStart.peak)],
        [`after ${REQUESTS} GET /api/orgs (${orgs} orgs)`, fmt(afterRequests.rss), fmt(afterRequests.peak)],
        ['after a cold start as npm start (seeded in its own process, then serve)', fmt(afterSplit.rss), fmt(afterSplit.peak)],
        ['after a warm start (same folder, nothing to seed) = floor', fmt(afterWarm.rss), fmt(afterWarm.peak)],
      ]));
      console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
      const file = writeResult('memory', {
        server: mode.kind,
        serverLabel: mode.label,
        database: 'pglite',
        unit: 'MB',
        orgsInTree: orgs,
        requests: REQUESTS,
        afterStart: { rss: afterStart.rss, peak: afterStart.peak },
        afterRequests: { rss: afterRequests.rss, peak: afterRequests.peak },
        afterStartAsNpmStart: afterSplit,
        afterWarmStart: afterWarm,
        loadAverage: os.loadavg(),
      });
      console.log(`\nwritten ${file}`);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
