// `reports` (issue 12): seconds and memory to generate the evaluation report (.docx with its charts) of the demo
// county's finished round, through GET /api/reports/evaluation/:roundId.docx as the county admin, side by side
// with its floor in the same run: GET /api/evaluation/rounds/:id/targets, the review table the report's figures
// come from. Then "a city of 13 counties": 13 reports one after another (the same county's round 13 times — the
// generated city counties have no evaluation rounds), total seconds and the server's peak resident memory while
// generating (VmRSS sampled every 10 ms; the baseline is the RSS before the first report). PGlite (fresh folder),
// then PostgreSQL (throwaway cluster; BENCH_REPORTS_PG=0 skips it).
import fs from 'node:fs';
import path from 'node:path';
import { Client, fmt, postgresTarget, REPO_ROOT, rssMB, serverMode, startServer, summarize, table, tempDir, writeResult, type RunningServer } from './lib.js';

const RUNS = Number(process.env.BENCH_REPORTS_RUNS ?? 10);
const CITY = 13;

interface Figures { database: string; report: ReturnType<typeof summarize>; floor: ReturnType<typeof summarize>; bytes: number; city: { seconds: number }; rss: { before: number; peak: number } }

async function measure(database: string, server: RunningServer): Promise<Figures> {
  const client = new Client(server.base);
  await client.login();
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const rounds = (await client.get<{ items: { id: string; year: number }[] }>('/api/evaluation/rounds')).body.items;
  const round = rounds.find((r) => r.year === year - 1) ?? rounds[0];
  if (!round) throw new Error('no evaluation round in the demo county');
  const reportPath = `/api/reports/evaluation/${round.id}.docx`;
  const floorPath = `/api/evaluation/rounds/${round.id}/targets`;
  // warm-up
  await client.download(reportPath);
  await client.get(floorPath);
  const before = rssMB(server.pid).rss;
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMB(server.pid).rss);
    } catch {
      // the process is gone
    }
  }, 10);
  try {
    const report: number[] = [];
    const floor: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      bytes = (await client.download(reportPath)).length;
      report.push(performance.now() - t0);
      t0 = performance.now();
      await client.get(floorPath);
      floor.push(performance.now() - t0);
    }
    const tc = performance.now();
    for (let i = 0; i < CITY; i++) await client.download(reportPath);
    const city = { seconds: (performance.now() - tc) / 1000 };
    return { database, report: summarize(report), floor: summarize(floor), bytes, city, rss: { before, peak } };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchReports() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; the demo county's finished round; ${RUNS} reports vs ${RUNS} review tables, then ${CITY} reports in a row`);
  const results: Figures[] = [];
  const dir = tempDir('jiceng-bench-reports-');
  try {
    const server = await startServer({ dataDir: dir }, 300_000);
    try {
      results.push(await measure('pglite', server));
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_REPORTS_PG !== '0') {
    const pg = await postgresTarget();
    if ('skipped' in pg) console.log(`  [postgres] skipped: ${pg.skipped}`);
    else {
      try {
        const server = await startServer({ databaseUrl: pg.url }, 300_000);
        try {
          results.push(await measure('postgres', server));
        } finally {
          await server.stop();
        }
      } finally {
        await pg.stop();
      }
    }
  }
  console.log(table(['database', 'report median ms', 'report p90 ms', 'floor (review table) median ms', `${CITY} reports s`, 'RSS before MB', 'RSS peak MB', 'docx bytes'], results.map((r) => [
    r.database, fmt(r.report.median), fmt(r.report.p90), fmt(r.floor.median), fmt(r.city.seconds), fmt(r.rss.before, 0), fmt(r.rss.peak, 0), r.bytes.toLocaleString('en'),
  ])));
  const file = writeResult('reports', { server: mode.kind, serverLabel: mode.label, runs: RUNS, results });
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
}
