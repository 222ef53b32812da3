#!/usr/bin/env node
// jiceng CLI: serve (default) | migrate | seed | county create | audit verify | survey verify | totp reset | backup | restore | citus distribute
import './platform/calendar/process-timezone.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { openDatabase, writePgliteTemplate, type Database } from './db/client.js';
import { analyze, refreshAtStart } from './db/statistics.js';
import { buildApp } from './app.js';
import { generatePassword, seedDemo } from './modules/demo/demo.seed.js';
import { verifyAudit } from './platform/audit/audit.service.js';
import { DEMO_ACCOUNTS } from './modules/demo/demo.data.js';
import { createCounty } from './modules/counties/counties.service.js';
import { purgeExpiredSessions } from './platform/auth/auth.service.js';
import { resetTotpFromCli } from './platform/auth/totp.service.js';
import { loadDataKey } from './platform/crypto/crypto.js';
import { schedule } from './platform/jobs/scheduler.js';
import { sweepDeadlines } from './modules/cases/cases.deadlines.js';
import { verifyDraw } from './modules/surveys/surveys.service.js';
import { calendarImportCommand } from './calendar.cli.js';
import { backupCommand, holdDataDir } from './platform/backup/backup.cli.js';
import { CitusError, distribute } from './db/citus.js';

async function open(config: Config): Promise<Database> {
  loadDataKey(config.dataDir);
  return openDatabase(config.databaseUrl ?? config.dataDir);
}

async function seed(config: Config, database: Database): Promise<void> {
  const given = process.env.JICENG_DEMO_PASSWORD;
  const password = given || generatePassword();
  // the first start waits on this (≈ 10–20 s): one line per part, so it is not taken for a hang
  const result = await seedDemo(database.db, password, { progress: (line) => console.log(`  ${line}`) });
  if (!result.seeded) return;
  const lines = [
    `示范县 demo county seeded: ${result.orgs} orgs, ${result.departments} departments, ${result.accounts} accounts` +
      (result.people ? `, ${result.people.grids} grids, ${result.people.households} households, ${result.people.residents} residents, ${result.people.members} members` : '') +
      (result.cases ? `, ${result.cases.cases} cases (${result.cases.open} open), ${result.cases.whistles} whistles; a seat per other unit (demo-v-*, demo-t-*, demo-d-*)` : '') +
      (result.duties ? `; members' duties: ${result.duties.volunteerRecords} volunteer records, ${result.duties.duties} 三个一 records, ${result.duties.trainingCourses} courses, ${result.duties.commitments} commitments, ${result.duties.serviceActivities} service activities; a member's own login demo-member (phone pages /m/)` : ''),
    `accounts: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
    given ? 'password: from JICENG_DEMO_PASSWORD' : `password: ${password}`,
  ];
  if (!given && !config.databaseUrl) {
    const file = path.join(config.dataDir, 'demo-credentials.txt');
    fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    lines.push(`(also written to ${file})`);
  }
  console.log(lines.map((l) => `  ${l}`).join('\n'));
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'no-demo': { type: 'boolean', default: false },
      name: { type: 'string' },
      code: { type: 'string' },
      admin: { type: 'string' },
      'admin-name': { type: 'string' },
      county: { type: 'string' },
      year: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const [command = 'serve', sub] = positionals;
  const config = loadConfig();

  if (command === 'serve') {
    const started = performance.now();
    if (!config.databaseUrl) holdDataDir(config.dataDir);
    const database = await open(config);
    const demo = !values['no-demo'] && process.env.JICENG_DEMO !== '0';
    if (demo) await seed(config, database);
    await refreshAtStart(database);
    const app = await buildApp({ config, database, logger: true });
    const purge = () => purgeExpiredSessions(database.db).catch((e: Error) => app.log.error({ message: e.message }, 'session purge failed'));
    await purge();
    setInterval(purge, 3_600_000).unref();
    // 限期办结: due-soon and overdue marks, escalation, accountability records (safe with several processes)
    schedule('case-deadlines', Number(process.env.DEADLINES_EVERY_MS ?? 60_000), () => sweepDeadlines(database.db), (msg, err) =>
      app.log.error({ message: (err as Error | undefined)?.message }, msg));
    // PGlite has no autovacuum: keep the planner's statistics fresh (see db/statistics.ts)
    if (database.kind === 'pglite') {
      schedule('planner-statistics', Number(process.env.JICENG_ANALYZE_EVERY_MS ?? 3_600_000), () => analyze(database.db), (msg, err) =>
        app.log.error({ message: (err as Error | undefined)?.message }, msg), { immediately: false });
    }
    await app.listen({ port: config.port, host: config.host });
    console.log(`jiceng on http://${config.host}:${config.port} (${database.kind}${database.kind === 'pglite' ? ` ${config.dataDir}` : ''}) ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const stop = async () => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  if (command === 'template') {
    // the build writes the empty-database template next to the bundle's migrations (db/template.ts)
    await writePgliteTemplate(sub ?? '.');
    console.log(`PGlite template written to ${sub ?? '.'}`);
    return;
  }

  if (command === 'backup' || command === 'restore') {
    process.exitCode = await backupCommand(config, command, sub, { force: values.force });
    return;
  }

  const database = await open(config);
  try {
    if (command === 'migrate') {
      console.log('migrations applied');
    } else if (command === 'seed') {
      await seed(config, database);
    } else if (command === 'county' && sub === 'create') {
      if (!values.name || !values.code || !values.admin) {
        console.error('usage: jiceng county create --name 中共某某县委员会 --code XX --admin <username> [--admin-name 姓名]');
        process.exitCode = 2;
        return;
      }
      const password = process.env.JICENG_ADMIN_PASSWORD || generatePassword();
      const r = await createCounty(database.db, {
        name: values.name, code: values.code, adminUsername: values.admin, adminDisplayName: values['admin-name'] ?? values.admin, adminPassword: password,
      });
      console.log(`county ${values.name} created (${r.countyId}); admin ${values.admin}, password: ${process.env.JICENG_ADMIN_PASSWORD ? 'from JICENG_ADMIN_PASSWORD' : password}`);
    } else if (command === 'calendar' && sub === 'import') {
      process.exitCode = await calendarImportCommand(database.db, positionals[2], { county: values.county, year: values.year });
    } else if (command === 'audit' && sub === 'verify') {
      const r = await verifyAudit(database.db);
      if (r.ok) console.log(`ok ${r.entries} entries (${r.counties} chains)`);
      else {
        console.error(`BROKEN at county ${r.countyId} seq ${r.seq}: ${r.reason} (${r.entries} entries verified before it)`);
        process.exitCode = 1;
      }
    } else if (command === 'totp' && sub === 'reset' && positionals[2]) {
      // a county admin who lost phone and recovery codes has no higher role in the app: the server operator resets it
      const r = await resetTotpFromCli(database.db, positionals[2]);
      if (r.ok) console.log(`two-factor sign-in of ${positionals[2]} reset; their sessions ended; audited (user.totpReset)`);
      else {
        console.error(r.reason);
        process.exitCode = 1;
      }
    } else if (command === 'citus' && sub === 'distribute') {
      // Citus: reference and distributed tables (db/schema.ts), idempotent; see docs/operations.md
      if (database.kind !== 'postgres') {
        console.error('citus distribute needs DATABASE_URL (the Citus coordinator), not a PGlite folder');
        process.exitCode = 2;
        return;
      }
      try {
        const r = await distribute(database.db, (line) => console.log(`  ${line}`));
        console.log(`citus: ${r.reference.length} reference and ${r.distributed.length} distributed tables created, ${r.already.length} already distributed` +
          (r.moved.length ? `; rows moved into shards for ${r.moved.length} tables` : ''));
      } catch (e) {
        if (!(e instanceof CitusError)) throw e;
        console.error(`citus distribute: ${e.message}`);
        process.exitCode = 1;
      }
    } else if (command === 'survey' && sub === 'verify' && positionals[2]) {
      // 三级入户走访: re-derive the draw from its stored seed and the households as of the draw's time
      const r = await verifyDraw(database.db, positionals[2]);
      if (r.ok) {
        console.log('ok');
        console.error(`${r.drawn} of ${r.population} households re-derived from the seed`);
      } else {
        console.error(r.reason);
        process.exitCode = 1;
      }
    } else {
      console.error('usage: jiceng [serve [--no-demo] | migrate | seed | county create --name … --code … --admin … | calendar import <file> [--county <code>] | audit verify | survey verify <drawId> | totp reset <username> | backup <file> | restore <file> [--force] | citus distribute]');
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((err: Error & { code?: string }) => {
  // PGlite stack traces are one huge minified line: print message and code.
  console.error(`jiceng: ${err.message}${err.code ? ` (${err.code})` : ''}`);
  process.exit(1);
});
