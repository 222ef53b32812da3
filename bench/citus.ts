// `citus` (issue 13, slow, by name only): the households list (page of 20 with the per-household resident count)
// and the must-visit list (必访, the lateral over visits inside the CTE) at county scale — 120,000 households from
// `bench:gen --scale county`, ~30 % tagged, ~1 visit per household over the last year — BEFORE and AFTER repeating
// `county_id = $county` inside the correlated subquery / lateral. The statements are the services' own
// (`listHouseholds`, `overdueVisits`, captured with the db client's statement hook); "before" is the same text with
// the repeated constant taken out (`x.county_id = $n::uuid and x.county_id = y.county_id` → `$n::uuid is not null and
// x.county_id = y.county_id`, the parameter list unchanged). 5 warm-up + BENCH_CITUS_RUNS (30) runs each, before and
// after alternating, median / p95. Run: `cd bench && DATABASE_URL=… npx tsx citus.ts`.
// DATABASE_URL: a PostgreSQL database, or a Citus coordinator (then distributed first with `jiceng citus distribute`).
// BENCH_CITUS_SKIP_GEN=1 reuses an already generated county.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, fmt, quantile, table, writeResult } from './lib.js';

const execFileP = promisify(execFile);
const RUNS = Number(process.env.BENCH_CITUS_RUNS ?? 30);
const WARMUP = 5;
const VISIT_TAGS = ['needy', 'emptyNest', 'leftBehindChild', 'disabled', 'floatingMember', 'unemployed'];

export async function citusBench() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('citus bench: DATABASE_URL (PostgreSQL or a Citus coordinator) is required');
  const { openDatabase, rowsOf, setStatementHook } = await import('../apps/server/src/db/client.js');
  const { sql } = await import('drizzle-orm');
  const { listHouseholds } = await import('../apps/server/src/modules/grids/households.service.js');
  const { overdueVisits } = await import('../apps/server/src/modules/fieldwork/fieldwork.service.js');
  const { pathLabel } = await import('../apps/server/src/platform/access/access.js');
  const database = await openDatabase(url);
  const { db } = database;
  const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql> | string) => rowsOf<T>(await db.execute(typeof s === 'string' ? sql.raw(s) : s));
  try {
    const [citus] = await q<{ v: string }>(`select extversion as v from pg_extension where extname = 'citus'`);
    if (citus) {
      const { distribute } = await import('../apps/server/src/db/citus.js');
      await distribute(db);
    }
    if (process.env.BENCH_CITUS_SKIP_GEN !== '1') {
      const t0 = performance.now();
      await execFileP(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'gen.ts'), '--scale', 'county'], {
        cwd: BENCH_DIR, env: { ...process.env }, maxBuffer: 64 * 1024 * 1024,
      });
      console.log(`  bench:gen --scale county: ${fmt((performance.now() - t0) / 1000)} s`);
    }
    const [county] = await q<{ id: string; n: number }>(`select o.id, (select count(*)::int from households h where h.county_id = o.county_id) as n
      from orgs o where o.parent_id is null and o.tier = 'county' order by 2 desc limit 1`);
    if (!county || county.n < 100_000) throw new Error(`generated county missing (${county?.n ?? 0} households)`);
    const c = county.id;
    const [filled] = await q<{ n: number }>(sql`select count(*)::int as n from visits where county_id = ${c}::uuid`);
    if (!filled!.n) {
      const tags = `array['${VISIT_TAGS.join("','")}']`;
      await q(sql.raw(`update households h set visit_tags = case
          when abs(hashtext(h.id::text || 't')) % 100 >= 30 then '{}'::text[]
          else array[(${tags})[1 + abs(hashtext(h.id::text || 'a')) % 6]] end
        where h.county_id = '${c}'`));
      // 0–2 visits per household (≈ 1 on average), uniform over the last 365 days; one INSERT … SELECT (pushed down on Citus)
      await q(sql.raw(`insert into visits (county_id, id, visitor_id, visitor_name, household_id, org_id, org_path, visited_at, purpose)
        select h.county_id, gen_random_uuid(), h.county_id, '基准走访人', h.id, h.org_id, h.org_path,
               now() - (abs(hashtext(h.id::text || g::text)) % (365 * 86400)) * interval '1 second', '入户走访'
          from households h cross join lateral generate_series(1, abs(hashtext(h.id::text || 'n')) % 3) g
         where h.county_id = '${c}'`));
      await q('analyze households');
      await q('analyze visits');
      await q('analyze residents');
    }
    const [stats] = await q<{ households: number; tagged: number; visits: number; residents: number }>(sql`select
      (select count(*)::int from households where county_id = ${c}::uuid) as households,
      (select count(*)::int from households where county_id = ${c}::uuid and cardinality(visit_tags) > 0) as tagged,
      (select count(*)::int from residents where county_id = ${c}::uuid) as residents,
      (select count(*)::int from visits where county_id = ${c}::uuid) as visits`);
    console.log(`  county ${c}: ${JSON.stringify(stats)}${citus ? ` (Citus ${citus.v})` : ''}`);

    const actor = {
      userId: c, countyId: c, username: 'bench', displayName: 'bench', role: 'countyAdmin' as const, orgId: c, departmentId: null,
      scope: [pathLabel(c)], countyPath: pathLabel(c), sessionId: c, ip: null,
    };
    const capture = async (fn: () => Promise<unknown>, pick: RegExp) => {
      const seen: { query: string; params: unknown[] }[] = [];
      setStatementHook((query, params) => seen.push({ query, params }));
      try { await fn(); } finally { setStatementHook(null); }
      const hit = seen.find((s) => pick.test(s.query));
      if (!hit) throw new Error(`statement ${pick} not captured`);
      return hit;
    };
    const statements = {
      households: await capture(() => listHouseholds(db, actor as never, { page: 1, pageSize: 20 } as never), /select count\(\*\) from residents r/),
      mustVisit: await capture(() => overdueVisits(db, actor as never, { orgId: c }), /left join lateral/),
    };
    const before = (s: string) => s.replace(/(\w+)\.county_id = (\$\d+)::uuid and \1\.county_id = /g, '$2::uuid is not null and $1.county_id = ');
    const client = (db as unknown as { $client: { query(q: string, p: unknown[]): Promise<{ rows: unknown[] }> } }).$client;
    // before and after alternate, run by run, so that the machine's load drifts over both alike
    const time = async (texts: [string, string], params: unknown[]) => {
      for (let i = 0; i < WARMUP; i++) for (const text of texts) await client.query(text, params);
      const ms: [number[], number[]] = [[], []];
      for (let i = 0; i < RUNS; i++) {
        for (const k of [0, 1] as const) {
          const t0 = performance.now();
          await client.query(texts[k], params);
          ms[k].push(performance.now() - t0);
        }
      }
      return ms.map((m) => {
        const sorted = m.sort((a, b) => a - b);
        return { n: RUNS, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), samples: sorted };
      }) as [{ n: number; median: number; p95: number; samples: number[] }, { n: number; median: number; p95: number; samples: number[] }];
    };
    const tasks = async (text: string, params: unknown[]) => {
      if (!citus) return null;
      const plan = (await client.query(`explain ${text}`, params)).rows.map((r) => Object.values(r as object)[0]).join('\n');
      return [...plan.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1])).join('+');
    };
    const rows: (string | number)[][] = [];
    const out: Record<string, unknown> = {};
    for (const [name, s] of Object.entries(statements)) {
      const b = before(s.query);
      if (b === s.query) throw new Error(`${name}: no repeated county_id to take out`);
      const [tb, ta] = await time([b, s.query], s.params);
      const kb = await tasks(b, s.params);
      const ka = await tasks(s.query, s.params);
      out[name] = { before: tb, after: ta, tasksBefore: kb, tasksAfter: ka };
      rows.push([name, 'before', fmt(tb.median), fmt(tb.p95), kb ?? '–']);
      rows.push([name, 'after', fmt(ta.median), fmt(ta.p95), ka ?? '–']);
    }
    console.log(table(['statement', 'county_id inside', 'median ms', 'p95 ms', 'Citus tasks'], rows));
    console.log(`  results: ${writeResult(`citus-${citus ? 'citus' : 'postgres'}`, { database: citus ? `citus ${citus.v}` : 'postgres', stats, runs: RUNS, ...out })}`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  citusBench().catch((e: Error) => {
    console.error(e);
    process.exit(1);
  });
}
