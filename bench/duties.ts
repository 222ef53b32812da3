// `duties-compliance` (issue 10 part 3, 篇二 7): seconds to compute a county's four "behind" lists (volunteer hours of
// activists and probationary members, central households monthly, pairing units and townships quarterly) for a
// county of 18,000 members, 2,000 central households, 200 pairing units and 500,000 volunteer records — against one
// hand-written SQL aggregate over the same records (the floor). The county comes from `bench:gen --scale county
// --duties` (a child process on the same data folder / database, after a first server start migrated it); the
// compliance service (`allRules` of apps/server/src/modules/duties/compliance.service.ts) runs in the bench process
// as the county admin, on the database opened with `openDatabase`. PGlite (fresh folder), then PostgreSQL
// (throwaway cluster; BENCH_DUTIES_PG=0 skips it).
//
// `fillDuties` is the generator part (used by gen.ts --duties): everything in SQL with generate_series, deterministic
// by hash; each number scales with the county's members (18,000 → 2,000 central households, 500,000 records) and
// villages (200 → 200 pairings).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../apps/server/src/db/client.js';
import { BENCH_DIR, fmt, postgresTarget, REPO_ROOT, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const execFileP = promisify(execFile);
const RUNS = Number(process.env.BENCH_DUTIES_RUNS ?? 5);
const WARMUP = Number(process.env.BENCH_DUTIES_WARMUP ?? 2);

/** per 18,000 members of the issue's county */
const PER_MEMBER = { centralHouseholds: 2000 / 18000, records: 500_000 / 18000 };

export interface DutiesCounts { centralHouseholds: number; pairings: number; volunteerRecords: number; corrections: number; activities: number }

/**
 * Duties records of one generated county: central-household positions on formal members, assistance / coBuilding
 * pairings on villages, volunteer records over last year and this one (80 % by activists and probationary members;
 * 85 % confirmed, 10 % pending, 5 % rejected; 2 % of the confirmed corrected by a confirmed record), and the
 * activities the rules count (≈ 90 % of the central households' months, 80 % of the pairings' and 75 % of the
 * townships' quarters up to today).
 */
export async function fillDuties(db: DbOrTx, countyId: string): Promise<DutiesCounts> {
  const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await db.execute(s));
  const c = sql`${countyId}::uuid`;
  const [{ n: nMembers }] = (await q<{ n: number }>(sql`select count(*)::int as n from members where county_id = ${c}`)) as [{ n: number }];
  const nCentral = Math.round(nMembers * PER_MEMBER.centralHouseholds);
  const nRecords = Math.round(nMembers * PER_MEMBER.records);
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const creator = sql`${countyId}::uuid`;

  await q(sql`drop table if exists bench_duties_members`);
  await q(sql`create table bench_duties_members as
    select (row_number() over (order by (status = 'formal'), abs(hashtext(id::text))))::int - 1 as k, id, org_id, org_path, status
      from members where county_id = ${c}`);
  await q(sql`create unique index on bench_duties_members (k)`);
  const [{ cands }] = (await q<{ cands: number }>(sql`select count(*)::int as cands from bench_duties_members where status <> 'formal'`)) as [{ cands: number }];

  // 党员中心户: formal members, appointed over the last two years, still in office
  await q(sql`insert into member_positions (county_id, id, member_id, kind, org_id, org_path, title, started_on)
    select ${c}, gen_random_uuid(), m.id, 'centralHousehold', m.org_id, m.org_path, '党员中心户', date '${sql.raw(String(year - 2))}-01-01' + abs(hashtext(m.id::text || 'p')) % 700
      from (select * from bench_duties_members where status = 'formal' order by abs(hashtext(id::text || 'ch')) limit ${nCentral}) m`);

  // 结对帮扶 / 结对共建: one per village, partner an enterprise, since last year
  await q(sql`insert into pairings (county_id, id, org_id, org_path, kind, partner_kind, partner_name, purpose, started_on)
    select ${c}, gen_random_uuid(), o.id, o.path, case when abs(hashtext(o.id::text)) % 2 = 0 then 'assistance' else 'coBuilding' end,
           'enterprise', '基准帮扶单位' || row_number() over (order by o.path), '党员志愿服务队', date '${sql.raw(String(year - 1))}-01-01'
      from orgs o join orgs p on p.county_id = ${c} and p.id = o.parent_id
     where o.county_id = ${c} and o.tier = 'village' and p.tier = 'township'`);

  // 志愿服务记录: served_on over last year and this one (up to yesterday), 1–4 h from 08:00 Shanghai
  const span = sql.raw(`(current_date - 1 - date '${year - 1}-01-01')`);
  await q(sql`insert into volunteer_records (county_id, id, member_id, member_org_path, org_id, org_path, served_on, starts_at, ends_at, minutes,
                                             place, content, state, source, reviewed_by, reviewed_at, created_by, created_by_name)
    select ${c}, gen_random_uuid(), m.id, m.org_path, m.org_id, m.org_path, d.day,
           (d.day::timestamp + interval '8 hours') at time zone 'Asia/Shanghai',
           (d.day::timestamp + interval '8 hours') at time zone 'Asia/Shanghai' + make_interval(mins => d.minutes),
           d.minutes, '村党员群众服务中心', '志愿服务',
           d.state, case when i % 3 = 0 then 'phone' else 'desk' end,
           case when d.state <> 'pending' then ${creator} end, case when d.state <> 'pending' then now() end, ${creator}, '基准'
      from generate_series(0, ${nRecords - 1}) i
      cross join lateral (select
          case when abs(hashtext(i::text || 'w')) % 100 < 80 then abs(hashtext(i::text || 'm')) % ${Math.max(1, cands)}
               else abs(hashtext(i::text || 'm')) % ${nMembers} end as k,
          date '${sql.raw(String(year - 1))}-01-01' + abs(hashtext(i::text || 'd')) % ${span} as day,
          60 + (abs(hashtext(i::text || 'n')) % 13) * 15 as minutes,
          case when abs(hashtext(i::text || 's')) % 100 < 85 then 'confirmed' when abs(hashtext(i::text || 's')) % 100 < 95 then 'pending' else 'rejected' end as state
        ) d
      join bench_duties_members m on m.k = d.k`);
  // corrections after confirmation: a new confirmed record names the old one (2 % of the confirmed)
  await q(sql`insert into volunteer_records (county_id, id, member_id, member_org_path, org_id, org_path, served_on, starts_at, ends_at, minutes,
                                             place, content, state, source, corrects_id, reviewed_by, reviewed_at, created_by, created_by_name)
    select county_id, gen_random_uuid(), member_id, member_org_path, org_id, org_path, served_on, starts_at, starts_at + interval '30 minutes', 30,
           place, '更正：' || content, 'confirmed', 'desk', id, reviewed_by, now(), created_by, created_by_name
      from volunteer_records where county_id = ${c} and state = 'confirmed' and abs(hashtext(id::text)) % 50 = 0`);

  // activities the rules count, this year up to today: central households monthly, pairings and townships quarterly
  const thisYear = sql.raw(`'${year}-01-01'`);
  await q(sql`insert into activities (county_id, id, org_id, org_path, kind, title, held_on, place, organizer, organizer_member_id, created_by)
    select ${c}, gen_random_uuid(), p.org_id, p.org_path, 'volunteerService', '党员中心户服务活动',
           ((date ${thisYear} + make_interval(months => mo))::timestamp + make_interval(days => abs(hashtext(p.id::text || mo::text)) % 28, hours => 9)) at time zone 'Asia/Shanghai',
           '村民小组活动室', '党员中心户', p.member_id, ${creator}
      from member_positions p cross join generate_series(0, 11) mo
     where p.county_id = ${c} and p.kind = 'centralHousehold' and abs(hashtext(p.id::text || 'a' || mo::text)) % 10 < 9
       and (date ${thisYear} + make_interval(months => mo))::date + 27 < current_date`);
  await q(sql`insert into activities (county_id, id, org_id, org_path, kind, title, held_on, place, organizer, pairing_id, created_by)
    select ${c}, gen_random_uuid(), p.org_id, p.org_path, 'volunteerService', '结对帮扶志愿服务',
           ((date ${thisYear} + make_interval(months => qu * 3))::timestamp + make_interval(days => abs(hashtext(p.id::text || qu::text)) % 80, hours => 9)) at time zone 'Asia/Shanghai',
           '村党员群众服务中心', p.partner_name, p.id, ${creator}
      from pairings p cross join generate_series(0, 3) qu
     where p.county_id = ${c} and abs(hashtext(p.id::text || 'q' || qu::text)) % 10 < 8
       and (date ${thisYear} + make_interval(months => qu * 3))::date + 80 < current_date`);
  await q(sql`insert into activities (county_id, id, org_id, org_path, kind, title, held_on, place, organizer, created_by)
    select ${c}, gen_random_uuid(), t.id, t.path, case when qu % 2 = 0 then 'groupDoorService' else 'orderedDoorService' end, '集中上门服务',
           ((date ${thisYear} + make_interval(months => qu * 3))::timestamp + make_interval(days => 20, hours => 9)) at time zone 'Asia/Shanghai',
           '各村', '乡镇党委', ${creator}
      from orgs t join orgs cty on cty.county_id = ${c} and cty.id = t.parent_id cross join generate_series(0, 3) qu
     where t.county_id = ${c} and t.tier = 'township' and cty.tier = 'county' and abs(hashtext(t.id::text || 'd' || qu::text)) % 4 < 3
       and (date ${thisYear} + make_interval(months => qu * 3))::date + 20 < current_date`);
  await q(sql`drop table bench_duties_members`);
  for (const tname of ['member_positions', 'pairings', 'volunteer_records', 'activities']) await q(sql.raw(`analyze ${tname}`));

  const [counts] = await q<DutiesCounts>(sql`select
      (select count(*)::int from member_positions where county_id = ${c} and kind = 'centralHousehold') as "centralHouseholds",
      (select count(*)::int from pairings where county_id = ${c}) as pairings,
      (select count(*)::int from volunteer_records where county_id = ${c}) as "volunteerRecords",
      (select count(*)::int from volunteer_records where county_id = ${c} and corrects_id is not null) as corrections,
      (select count(*)::int from activities where county_id = ${c}) as activities`);
  return counts!;
}

// ————————————————————————————————————————————————————————————————————— the benchmark

interface Target { database: 'pglite' | 'postgres'; opts: { dataDir?: string; databaseUrl?: string } }

async function measure(t: Target) {
  const tag = `  [${t.database}]`;
  const first = await startServer(t.opts, 300_000);
  await first.stop();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (t.opts.databaseUrl) env.DATABASE_URL = t.opts.databaseUrl;
  if (t.opts.dataDir) env.DATA_DIR = t.opts.dataDir;
  const tg = performance.now();
  const gen = await execFileP(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'gen.ts'), '--scale', 'county', '--duties'], { cwd: BENCH_DIR, env, maxBuffer: 64 * 1024 * 1024 });
  const genSeconds = (performance.now() - tg) / 1000;
  const dutiesLine = gen.stdout.split('\n').find((l) => l.includes('duties:')) ?? '';
  console.log(`${tag} bench:gen --scale county --duties: ${fmt(genSeconds)} s${dutiesLine ? `\n${tag} ${dutiesLine.trim()}` : ''}`);

  const { openDatabase, rowsOf } = await import('../apps/server/src/db/client.js');
  const { allRules } = await import('../apps/server/src/modules/duties/compliance.service.js');
  const database = await openDatabase(t.opts.databaseUrl ?? t.opts.dataDir!);
  const { db } = database;
  try {
    const [county] = rowsOf<{ id: string; path: string; members: number; records: number }>(await db.execute(sql`
      select o.id, o.path::text as path, (select count(*)::int from members m where m.county_id = o.id) as members,
             (select count(*)::int from volunteer_records r where r.county_id = o.id) as records
        from orgs o where o.parent_id is null and o.tier = 'county' order by 4 desc limit 1`));
    if (!county || county.records < 100_000) throw new Error(`generated county missing (${county?.records ?? 0} volunteer records)`);
    const actor = {
      userId: county.id, countyId: county.id, username: 'bench', displayName: '基准县管理员', role: 'countyAdmin' as const, orgId: county.id,
      departmentId: null, scope: [county.path], countyPath: county.path, sessionId: 'bench', ip: null,
    };
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    let last: Awaited<ReturnType<typeof allRules>> | null = null;
    for (let i = 0; i < WARMUP; i++) last = await allRules(db, actor, { year });
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await allRules(db, actor, { year });
      ms.push(performance.now() - t0);
    }
    // the floor: one hand-written aggregate over the same records (the year's confirmed hours per member)
    const floorSql = sql`select member_id, sum(minutes)::int as minutes from volunteer_records
      where county_id = ${county.id}::uuid and state = 'confirmed' and served_on >= ${`${year}-01-01`}::date and served_on <= ${`${year}-12-31`}::date
      group by member_id`;
    for (let i = 0; i < WARMUP; i++) await db.execute(floorSql);
    const floorMs: number[] = [];
    let floorRows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      floorRows = rowsOf(await db.execute(floorSql)).length;
      floorMs.push(performance.now() - t0);
    }
    const rules = Object.fromEntries(Object.entries(last!.rows).map(([k, v]) => [k, { rows: v.length, behind: v.filter((r) => r.status === 'behind').length, inProgress: v.filter((r) => r.status === 'inProgress').length }]));
    const s = summarize(ms);
    const f = summarize(floorMs);
    console.log(`${tag} all four lists: median ${fmt(s.median)} ms (min ${fmt(s.min)}, max ${fmt(s.max)}); floor aggregate median ${fmt(f.median)} ms (${floorRows} members); ratio ${fmt(s.median / f.median, 1)}`);
    return { database: t.database, genSeconds, members: county.members, records: county.records, ms: s, samples: ms, floor: { ms: f, samples: floorMs, rows: floorRows }, ratio: s.median / f.median, rules };
  } finally {
    await database.close();
  }
}

export async function benchDutiesCompliance() {
  console.log(`county scale from bench:gen --duties (18,000 members, 2,000 central households, 200 pairings, 500,000 volunteer records); ${WARMUP} warm-up + ${RUNS} runs of the four behind lists (in-process service, county admin, this year)`);
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  if (process.env.BENCH_DUTIES_PGLITE !== '0') {
    const dir = tempDir('jiceng-bench-duties-');
    try {
      results.push(await measure({ database: 'pglite', opts: { dataDir: dir } }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.BENCH_DUTIES_PG !== '0') {
    const pg = await postgresTarget();
    if ('skipped' in pg) console.log(`  [postgres] skipped: ${pg.skipped}`);
    else {
      try {
        results.push(await measure({ database: 'postgres', opts: { databaseUrl: pg.url } }));
      } finally {
        await pg.stop();
      }
    }
  }
  console.log();
  console.log(table(['database', 'members', 'volunteer records', 'lists median ms', 'min ms', 'max ms', 'floor median ms', 'ratio', 'hours behind / rows', 'central behind / rows', 'pairings behind / rows', 'townships behind / rows'], results.map((r) => [
    r.database, r.members.toLocaleString('en'), r.records.toLocaleString('en'), fmt(r.ms.median), fmt(r.ms.min), fmt(r.ms.max), fmt(r.floor.ms.median), fmt(r.ratio, 1),
    `${r.rules.volunteerHours!.behind} / ${r.rules.volunteerHours!.rows}`, `${r.rules.centralHouseholds!.behind} / ${r.rules.centralHouseholds!.rows}`,
    `${r.rules.pairings!.behind} / ${r.rules.pairings!.rows}`, `${r.rules.townships!.behind} / ${r.rules.townships!.rows}`,
  ])));
  const file = writeResult('duties-compliance', { runs: RUNS, warmup: WARMUP, results });
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
}
