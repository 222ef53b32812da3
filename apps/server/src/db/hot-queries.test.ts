// Issue 13: the SQL of the hot queries, as the API really sends it, obeys the Citus rule — every reference to a
// tenant table is constrained by county_id in its own SELECT (subqueries, laterals and CTEs repeat it), an INSERT …
// VALUES carries county_id, an UPDATE never SETs it. The statements are captured with the db client's statement
// hook while this file drives the API over the demo county, and read with a SQL parser (test/sql-scope.ts).
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../test/harness.js';
import { checkQuery, type Finding } from '../../test/sql-scope.js';
import { seedDemo } from '../modules/demo/demo.seed.js';
import { sweepDeadlines } from '../modules/cases/cases.deadlines.js';
import { rowsOf, setStatementHook } from './client.js';
import { REFERENCE_TABLES } from './schema.js';

/**
 * Statements that read every county on purpose, each with its reason. Nothing on a request path belongs here.
 */
const CROSS_COUNTY: { pattern: RegExp; why: string }[] = [
  { pattern: /from "?orgs"? .*"?parent_id"? is null/is, why: 'the deadlines job lists the counties once per tick' },
  { pattern: /select distinct county_id from sessions/i, why: 'the hourly session purge lists the counties that have sessions' },
];

let t: TestContext;
let tenant: Set<string>;
const captured: { query: string; params: unknown[]; during: string }[] = [];
let during = '';
const refused: string[] = [];

async function drive(s: Session, url: string, method: 'GET' | 'PATCH' | 'DELETE' | 'POST' = 'GET', payload?: unknown) {
  during = `${s.username} ${method} ${url}`;
  const r = await call(t.app, s, method, url, payload);
  if (r.status !== 200 && r.status !== 201) refused.push(`${during}: ${r.status} ${r.res.body.slice(0, 300)}`);
  return r.body;
}

beforeAll(async () => {
  t = await createTestApp({}, { demo: false });
  await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
  const tables = rowsOf<{ table_name: string }>(await t.database.db.execute(sql`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`));
  tenant = new Set(tables.map((r) => r.table_name).filter((n) => !(REFERENCE_TABLES as readonly string[]).includes(n)));
  // the test's own lookups, before capturing
  const [{ county_id: countyId, id: qs }] = rowsOf<{ county_id: string; id: string }>(await t.database.db.execute(sql`
    select county_id, id from orgs where code = 'SFX-QS'`)) as [{ county_id: string; id: string }];
  const [r] = rowsOf<{ id: string }>(await t.database.db.execute(sql`
    select r.id from residents r join members m on m.county_id = r.county_id and m.resident_id = r.id
     where r.county_id = ${countyId}::uuid and not r.is_head
     limit 1`));
  expect(r, 'a demo resident linked to a member').toBeTruthy();
  setStatementHook((query, params) => captured.push({ query, params, during }));

  during = 'login';
  const county = await login(t.app, 'demo-county');
  const township = await login(t.app, 'demo-township');
  const village = await login(t.app, 'demo-village');
  const grid = await login(t.app, 'demo-grid');
  const dept = await login(t.app, 'demo-dept');

  for (const s of [county, township, village, grid, dept]) await drive(s, '/api/me');
  // every role's home page
  for (const s of [county, township, village, grid, dept]) await drive(s, '/api/dashboard');
  for (const s of [county, township, village, dept]) {
    await drive(s, '/api/cases?limit=20');
    await drive(s, '/api/cases/stats?from=2026-01-01&to=2026-12-31');
    if (s !== village) await drive(s, '/api/whistles');
  }
  await drive(county, '/api/cases?state=open&overdue=true&q=%E8%B7%AF');
  for (const s of [county, township, village, grid]) {
    await drive(s, '/api/households?pageSize=20');
    await drive(s, '/api/visits/overdue');
    await drive(s, '/api/coverage');
    await drive(s, '/api/members?position=secretary');
  }
  await drive(county, '/api/households?q=%E5%BC%A0&tag=emptyNest');
  await drive(county, '/api/surveys/draws');
  const draw = await drive(township, '/api/surveys/draws', 'POST', { orgId: qs, level: 'township', title: '满意度抽样', sampleSize: 30, seed: 'hot-queries' });
  await drive(township, `/api/surveys/draws/${draw.id}`);

  // a resident changed and deleted (the delete unlinks a member first: members_resident_fk is ON DELETE NO ACTION)
  await drive(county, `/api/residents/${r!.id}`, 'PATCH', { phone: '13900001234' });
  await drive(county, `/api/residents/${r!.id}`, 'DELETE');

  during = 'deadlines job';
  await sweepDeadlines(t.database.db, new Date());
  setStatementHook(null);
}, 300_000);
afterAll(async () => {
  setStatementHook(null);
  await t?.close();
});

describe('hot queries on one shard (issue 13)', () => {
  it('captured the statements of the hot routes and the deadlines job', () => {
    expect(refused).toEqual([]);
    expect(captured.length).toBeGreaterThan(100);
    for (const d of ['demo-dept GET /api/cases/stats?from=2026-01-01&to=2026-12-31', 'demo-county GET /api/households?pageSize=20', 'demo-village GET /api/visits/overdue', 'deadlines job']) {
      expect(captured.some((c) => c.during === d), d).toBe(true);
    }
  });

  it('every reference to a tenant table is constrained by county_id; no UPDATE sets it; INSERTs carry it', () => {
    const offenders: { during: string; findings: Finding[]; query: string }[] = [];
    const unreadable: { during: string; query: string; error: string }[] = [];
    const seen = new Set<string>();
    for (const c of captured) {
      const key = `${c.query}\n${JSON.stringify(c.params.map((p) => p === null))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (CROSS_COUNTY.some((x) => x.pattern.test(c.query))) continue;
      try {
        const findings = checkQuery(c.query, tenant, c.params);
        if (findings.length) offenders.push({ during: c.during, findings, query: c.query.replace(/\s+/g, ' ').slice(0, 600) });
      } catch (e) {
        unreadable.push({ during: c.during, query: c.query.replace(/\s+/g, ' ').slice(0, 300), error: String((e as Error).message).split('\n')[0]! });
      }
    }
    if (process.env.HOT_QUERIES_DUMP) writeFileSync(process.env.HOT_QUERIES_DUMP, JSON.stringify({ unreadable, offenders, all: [...seen] }, null, 1));
    expect({ unreadable, offenders }).toEqual({ unreadable: [], offenders: [] });
  });

  // On a Citus cluster (TEST_CITUS=1): the planner agrees — every hot statement is one task (a router query)
  it.runIf(process.env.TEST_CITUS === '1')('EXPLAIN on Citus: every hot statement runs as one task', async () => {
    const client = (t.database.db as unknown as { $client: { query(q: string, p: unknown[]): Promise<{ rows: Record<string, string>[] }> } }).$client;
    const fanOut: { during: string; tasks: number[]; query: string }[] = [];
    const seen = new Set<string>();
    let explained = 0;
    for (const c of captured) {
      if (seen.has(c.query) || !/^\s*(select|with)\b/i.test(c.query) || /pg_(try_)?advisory|\bset\b\s+local/i.test(c.query)) continue;
      if (CROSS_COUNTY.some((x) => x.pattern.test(c.query))) continue;
      if (!/\b(from|join)\b/i.test(c.query)) continue;
      seen.add(c.query);
      const plan = (await client.query(`explain ${c.query}`, c.params)).rows.map((r) => Object.values(r)[0]).join('\n');
      explained++;
      const tasks = [...plan.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1]));
      if (tasks.some((n) => n > 1)) fanOut.push({ during: c.during, tasks, query: c.query.replace(/\s+/g, ' ').slice(0, 300) });
    }
    expect(explained).toBeGreaterThan(30);
    expect(fanOut).toEqual([]);
  });
});

// The statements that failed or fanned out on the Citus cluster (issue 13), as the code sent them before the fix,
// and as it sends them now: the check refuses the first and passes the second.
const TENANT = new Set(['cases', 'orgs', 'households', 'residents', 'visits', 'sessions', 'users', 'case_events', 'notifications', 'grids']);
const BEFORE_AFTER: { point: string; before: string; after: string; params?: unknown[] }[] = [
  {
    point: '3: the deadlines job, overdue lateral',
    before: `with hit as (update cases set overdue_at = $1 where county_id = $2 and overdue_at is null and due_at < $3
               returning county_id, id, owner_tier, owner_path, org_path),
             sup as (select h.*, s.id as sup_id from hit h left join lateral (
               select o.id from orgs o where o.county_id = h.county_id and o.path @> coalesce(h.owner_path, h.org_path)
                order by nlevel(o.path) limit 1) s on true)
             select count(*) from sup`,
    after: `with hit as (update cases set overdue_at = $1 where county_id = $2 and overdue_at is null and due_at < $3
               returning county_id, id, owner_tier, owner_path, org_path),
             sup as (select h.*, s.id as sup_id from hit h left join lateral (
               select o.id from orgs o where o.county_id = $2 and o.county_id = h.county_id and o.path @> coalesce(h.owner_path, h.org_path)
                order by nlevel(o.path) limit 1) s on true)
             select count(*) from sup`,
  },
  {
    point: '5: case statistics of a department (no org node: the join on parent_id = NULL)',
    before: `with base as (select cases.*, ch.id as bucket from cases
               left join orgs ch on ch.county_id = cases.county_id and ch.parent_id = $1::uuid and cases.org_path <@ ch.path
              where cases.county_id = $2 and $3::uuid = any(cases.department_ids))
             select bucket, count(*)::int from base group by grouping sets ((bucket), ())`,
    after: `with base as (select cases.*, null::uuid as bucket from cases
              where cases.county_id = $2 and $3::uuid = any(cases.department_ids))
             select bucket, count(*)::int from base group by grouping sets ((bucket), ())`,
    params: [null, 'c0c0c0c0-0000-0000-0000-000000000000', 'd0d0d0d0-0000-0000-0000-000000000000'],
  },
  {
    point: '6: households list, resident count',
    before: `select "households"."id", (select count(*) from residents r where r.county_id = "households"."county_id"
               and r.household_id = "households"."id")::int from "households" where "households"."county_id" = $1 limit $2`,
    after: `select "households"."id", (select count(*) from residents r where r.county_id = $3::uuid and r.county_id = "households"."county_id"
               and r.household_id = "households"."id")::int from "households" where "households"."county_id" = $1 limit $2`,
  },
  {
    point: '6: must-visit list, last visit lateral inside the CTE',
    before: `with due as (select h.id, lv.last_at from households h left join lateral (
               select max(v.visited_at) as last_at from visits v where v.county_id = h.county_id and v.household_id = h.id) lv on true
              where h.county_id = $1::uuid and cardinality(h.visit_tags) > 0)
             select * from due where last_at is null or last_at < now() - make_interval(days => 30)`,
    after: `with due as (select h.id, lv.last_at from households h left join lateral (
               select max(v.visited_at) as last_at from visits v where v.county_id = $1::uuid and v.county_id = h.county_id and v.household_id = h.id) lv on true
              where h.county_id = $1::uuid and cardinality(h.visit_tags) > 0)
             select * from due where last_at is null or last_at < now() - make_interval(days => 30)`,
  },
  {
    point: '4: PATCH /api/residents/:id',
    before: `update "residents" set "county_id" = $1, "name" = $2, "updated_at" = $3 where ("residents"."county_id" = $4 and "residents"."id" = $5)`,
    after: `update "residents" set "name" = $2, "updated_at" = $3 where ("residents"."county_id" = $4 and "residents"."id" = $5)`,
  },
  {
    point: '7: the session lookup by token hash',
    before: `select "sessions"."id", "users"."id" from "sessions" inner join "users" on ("users"."county_id" = "sessions"."county_id"
               and "users"."id" = "sessions"."user_id") where "sessions"."token_hash" = $1`,
    after: `select "sessions"."id", "users"."id" from "sessions" inner join "users" on ("users"."county_id" = "sessions"."county_id"
               and "users"."id" = "sessions"."user_id") where ("sessions"."county_id" = $1 and "sessions"."token_hash" = $2)`,
  },
];

describe('the check refuses the statements that failed on Citus (issue 13)', () => {
  for (const x of BEFORE_AFTER) {
    it(x.point, () => {
      expect(checkQuery(x.before, TENANT, x.params ?? []).length, 'before').toBeGreaterThan(0);
      expect(checkQuery(x.after, TENANT, x.params ?? []), 'after').toEqual([]);
    });
  }
});
