// `calendar-recompute`: a county loads next year's official holiday schedule while it has 100,000 open cases whose
// deadlines run into that year (provisional until then). loadSchedule (apps/server/src/platform/calendar/
// calendar.service.ts) is called in this process on a database the server migrated and seeded: one transaction
// stores the schedule, moves every open deadline it changes (cases.recompute.ts: one set-based statement), writes
// their timeline events and audits every move (one chained entry per 500 moved cases). Seconds for the load, how many moved; then the
// same file again (nothing moves: the cost of looking). PGlite (fresh folder), then PostgreSQL (throwaway cluster).
import fs from 'node:fs';
import { SERVICE_CATEGORIES } from '@jiceng/contract';
import { SCHEDULE_2027 } from '../apps/server/test/fixtures/calendar-2027.js';
import { DEMO_USER, fmt, postgresTarget, startServer, table, tempDir, writeResult } from './lib.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CASES = num('BENCH_RECOMPUTE_CASES', 100_000);
const BATCH = 25_000;


interface Figures {
  database: 'pglite' | 'postgres';
  source: string;
  openCases: number;
  fillSeconds: number;
  loadSeconds: number;
  moved: number;
  reloadSeconds: number;
  reloadMoved: number;
  floorSeconds: number;
  events: number;
  auditEntries: number;
}

async function one(database: Figures['database'], opts: { dataDir?: string; databaseUrl?: string }, source: string): Promise<Figures> {
  const tag = `  [${database}]`;
  const server = await startServer(opts, 300_000); // migrations + demo county
  await server.stop();
  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { loadSchedule } = await import('../apps/server/src/platform/calendar/calendar.service.js');
  await import('../apps/server/src/modules/cases/cases.recompute.js'); // the cases module's listener
  const { addCalendarDays, endOfShanghaiDay, isWorkday } = await import('../apps/server/src/platform/calendar/working-days.js');
  const { sql } = await import('drizzle-orm');
  const handle = await openDatabase(opts.databaseUrl ?? opts.dataDir!);
  const { db } = handle;
  try {
    const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(s));
    const [admin] = await q<{ id: string; county_id: string; display_name: string; org_id: string; path: string }>(sql`
      select u.id, u.county_id, u.display_name, u.org_id, o.path::text as path from users u join orgs o on o.county_id = u.county_id and o.id = u.org_id
       where u.username = ${DEMO_USER}`);
    const [origin] = await q<{ id: string; path: string }>(sql`
      select id, path::text as path from orgs where county_id = ${admin!.county_id} and tier = 'village' order by nlevel(path), code limit 1`);
    if (!admin || !origin) throw new Error('demo county missing');
    // due days: the provisional working days of 2027-01-04 … 2027-06-30 (what intake computed before the load)
    const days: string[] = [];
    for (let d = '2027-01-04'; d <= '2027-06-30'; d = addCalendarDays(d, 1)) if (isWorkday(d)) days.push(d);
    const dues = days.map((d) => endOfShanghaiDay(d).toISOString());
    const t0 = performance.now();
    for (let lo = 1; lo <= CASES; lo += BATCH) {
      const hi = Math.min(CASES, lo + BATCH - 1);
      await q(sql`
        insert into cases (county_id, id, number, tracking_code, category, title, description, channel, org_id, org_path, state,
          owner_tier, owner_org_id, owner_path, first_responder_id, received_at, due_at, created_at, updated_at)
        select ${admin.county_id}::uuid, gen_random_uuid(), '2026-R' || lpad(g::text, 7, '0'), 'RQ' || lpad(g::text, 8, '0'), ${SERVICE_CATEGORIES[0]},
               '咨询低保', '第' || g || '号：咨询低保申请材料', 'walkIn', ${origin.id}::uuid, ${origin.path}::ltree,
               case when g % 2 = 0 then 'received' else 'inProgress' end, 'village', ${origin.id}::uuid, ${origin.path}::ltree, ${admin.id}::uuid,
               now() - make_interval(hours => g % 240), (${`{${dues.join(',')}}`}::timestamptz[])[1 + g % ${dues.length}], now(), now()
          from generate_series(${lo}::int, ${hi}::int) g`);
    }
    await q(sql`analyze cases`);
    const fillSeconds = (performance.now() - t0) / 1000;
    console.log(`${tag} ${CASES.toLocaleString('en')} open cases due on ${days.length} provisional working days of 2027 filled in ${fmt(fillSeconds)} s`);
    const actor = {
      userId: admin.id, countyId: admin.county_id, username: DEMO_USER, displayName: admin.display_name, role: 'countyAdmin' as const,
      orgId: admin.org_id, departmentId: null, scope: [admin.path], countyPath: admin.path, sessionId: 'bench', ip: null,
    };
    const t1 = performance.now();
    const r = await loadSchedule(db, actor, 2027, SCHEDULE_2027);
    const loadSeconds = (performance.now() - t1) / 1000;
    console.log(`${tag} schedule 2027 loaded: ${r.moved.toLocaleString('en')} deadlines moved in ${fmt(loadSeconds, 2)} s (one transaction: schedule, cases, events, audit)`);
    const t2 = performance.now();
    const again = await loadSchedule(db, actor, 2027, SCHEDULE_2027);
    const reloadSeconds = (performance.now() - t2) / 1000;
    console.log(`${tag} same schedule again: ${again.moved} moved in ${fmt(reloadSeconds, 2)} s`);
    // the floor: one bare UPDATE of due_at on as many cases (non-HOT, every index of cases maintained), then back
    const t3 = performance.now();
    await q(sql`update cases set due_at = due_at + interval '1 millisecond'
      where id in (select id from cases where county_id = ${admin.county_id} and number like '2026-R%' limit ${r.moved})`);
    const floorSeconds = (performance.now() - t3) / 1000;
    console.log(`${tag} floor: a bare UPDATE of due_at on ${r.moved.toLocaleString('en')} cases ${fmt(floorSeconds, 2)} s`);
    const [c] = await q<{ events: number; audit: number }>(sql`select
      (select count(*)::int from case_events where county_id = ${admin.county_id} and kind = 'deadlineMoved') as events,
      (select count(*)::int from audit_log where county_id = ${admin.county_id} and action = 'case.deadlinesMoved') as audit`);
    return {
      database, source, openCases: CASES, fillSeconds, loadSeconds, moved: r.moved, reloadSeconds, reloadMoved: again.moved, floorSeconds,
      events: c?.events ?? 0, auditEntries: c?.audit ?? 0,
    };
  } finally {
    await handle.close();
  }
}

export async function benchCalendarRecompute() {
  const results: Figures[] = [];
  const notes: string[] = [];
  const dir = tempDir('jiceng-bench-calendar-');
  try {
    results.push(await one('pglite', { dataDir: dir }, 'fresh data folder'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_RECOMPUTE_PG !== '0') {
    const pg = await postgresTarget();
    if ('skipped' in pg) {
      notes.push(`PostgreSQL skipped: ${pg.skipped}`);
      console.log(`  [postgres] skipped: ${pg.skipped}`);
    } else {
      try {
        results.push(await one('postgres', { databaseUrl: pg.url }, pg.source === 'throwaway cluster' ? 'throwaway cluster (.ci/pg-throwaway.sh, durable defaults)' : 'BENCH_DATABASE_URL'));
      } finally {
        await pg.stop();
      }
    }
  }
  console.log();
  console.log(table(['database', 'open cases', 'moved', 'load + recompute s', 'bare UPDATE floor s', 'reload (0 moved) s', 'events', 'audit entries'],
    results.map((r) => [r.database, r.openCases, r.moved, fmt(r.loadSeconds, 2), fmt(r.floorSeconds, 2), fmt(r.reloadSeconds, 2), r.events, r.auditEntries])));
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`\nwritten ${writeResult('calendar-recompute', { cases: CASES, results, notes })}`);
}
