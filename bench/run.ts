// npm run bench [-- <name>...]: runs the named benchmarks (all but the slow ones when none), prints tables, writes
// bench/results/<name>.json.
import { benchMemory } from './memory.js';
import { benchOrgs } from './orgs.js';
import { benchStart } from './start.js';
import { benchImport } from './import.js';
import { benchCasesIngest, benchCasesIntake, benchCasesSweep } from './cases.js';
import { benchMLoad, benchSync } from './fieldwork.js';
import { benchOverdue } from './overdue.js';
import { benchCalendarRecompute } from './calendar.js';
import { benchDutiesCompliance } from './duties.js';
import { benchEvaluation } from './evaluation.js';
import { benchDashboard } from './dashboard.js';
import { benchReports } from './reports.js';
import { benchReportsCity } from './reports-city.js';
import { benchLedgerExport } from './ledger-export.js';

/** `slow`: left out of `npm run bench` without names (run them by name). */
const BENCHMARKS: Record<string, { about: string; run: () => Promise<void>; slow?: boolean }> = {
  start: { about: 'cold and warm start of the server to the first 200 of /api/health (PGlite)', run: benchStart },
  memory: { about: 'server RSS after start and after 200 GET /api/orgs', run: benchMemory },
  orgs: { about: 'GET /api/orgs latency on a 2,000-org tree, PGlite and PostgreSQL; tree build rate', run: benchOrgs },
  import: { about: 'one .xlsx of 100,000 households through POST /api/imports/households, PGlite and PostgreSQL', run: benchImport },
  'cases-intake': { about: 'POST /api/cases at 32 clients: req/s and p99 vs a bare Fastify + one INSERT floor, PGlite and PostgreSQL', run: benchCasesIntake },
  'cases-ingest': { about: '59,000 cases (a day of Beijing 12345) through POST /api/cases at 16 clients, PGlite and PostgreSQL', run: benchCasesIngest, slow: true },
  'cases-sweep': { about: 'deadlines job over 1.1 M cases (SQL fill): first run and steady state, PostgreSQL and PGlite', run: benchCasesSweep, slow: true },
  'm-load': { about: 'phone pages /m/ first load: compressed JS + CSS bytes, time to interactive in Chromium (slow 3G + 4x CPU, and unthrottled)', run: benchMLoad },
  sync: { about: '500 queued records (450 visits, 50 six reports with a ~150 KB JPEG) through POST /api/sync in outbox batches, then again (duplicate)', run: benchSync },
  'calendar-recompute': { about: 'a county loads the 2027 holiday schedule with 100,000 open cases due in 2027: seconds to store it and move the deadlines it changes (events, audit), PGlite and PostgreSQL', run: benchCalendarRecompute },
  'duties-compliance': { about: 'the four duties "behind" lists of a county (18,000 members, 2,000 central households, 200 pairings, 500,000 volunteer records; bench:gen --duties) vs one SQL aggregate, PGlite and PostgreSQL', run: benchDutiesCompliance, slow: true },
  evaluation: { about: 'a round’s computed metrics (all 13) and mass inputs for every target of the demo county inflated to 200,000 cases vs one hand-written aggregate, PGlite and PostgreSQL', run: benchEvaluation, slow: true },
  dashboard: { about: 'the home dashboard’s API calls vs GET /api/me (floor): p95 per role on the demo county (PGlite), and a county admin’s on a city (bench:gen city + 1.1 M cases + 1.3 M visits, PostgreSQL)', run: benchDashboard, slow: true },
  'reports-city': { about: 'the evaluation report of every county of the city the dashboard bench fills (BENCH_DATABASE_URL): a round of each county’s ≈ 1,335 village orgs; the largest county vs its review table, then 13 in a row; server RSS', run: benchReportsCity },
  reports: { about: 'the evaluation report (.docx with charts) of the demo county’s finished round vs its review table (floor); 13 in a row; server RSS while generating; PGlite and PostgreSQL', run: benchReports },
  'ledger-export': { about: 'the 办件台账 Excel export (GET /api/cases/export.xlsx, whole county) of the demo county and of 100,000 cases: first byte, whole file, server RSS; PGlite and PostgreSQL', run: benchLedgerExport, slow: true },
  overdue: { about: 'GET /api/visits/overdue for a 120,000-household county (bench:gen county + 30 % tagged + 150,000 visits): median, p95, rows, bytes; PGlite and PostgreSQL', run: benchOverdue, slow: true },
};

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: npm run bench [-- <name>...]\n');
    for (const [name, b] of Object.entries(BENCHMARKS)) console.log(`  ${name.padEnd(13)} ${b.about}${b.slow ? ' (slow: only by name)' : ''}`);
    return;
  }
  const unknown = args.filter((a) => !(a in BENCHMARKS));
  if (unknown.length) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${Object.keys(BENCHMARKS).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  const names = args.length ? args : Object.keys(BENCHMARKS).filter((n) => !BENCHMARKS[n]!.slow);
  for (const name of names) {
    console.log(`\n=== bench ${name}: ${BENCHMARKS[name]!.about}`);
    const t0 = performance.now();
    await BENCHMARKS[name]!.run();
    console.log(`=== bench ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
  },
);
