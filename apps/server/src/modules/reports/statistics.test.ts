// 工作统计: the figures equal 办件统计's and a plain recount of the records; periods; bad input; the Excel ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { CaseStats, CoverageView, OrgList, WorkStatistics } from '@jiceng/contract';
import { rowsOf } from '../../db/client.js';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/demo.seed.js';
import { customPeriod, periodOf, previousPeriod } from './statistics.rules.js';

/** a sheet (the first by default) of a downloaded .xlsx as rows of strings, and its frozen view */
async function readBook(payload: Buffer, sheetIndex = 0): Promise<{ rows: string[][]; views: Partial<ExcelJS.WorksheetView>[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[sheetIndex]!;
  const rows: string[][] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { rows, views: sheet.views };
}

describe('statistics periods', () => {
  it('month, quarter, year and the one before, across year ends and leap days', () => {
    expect(periodOf('month', '2026-12-02')).toMatchObject({ from: '2026-12-01', to: '2026-12-31', label: '2026年12月' });
    expect(periodOf('quarter', '2026-12-02')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', label: '2026年第四季度' });
    expect(periodOf('year', '2026-12-02')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: '2026年度' });
    expect(previousPeriod(periodOf('month', '2027-01-15'))).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousPeriod(periodOf('quarter', '2027-02-01'))).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('month', '2028-02-10').to).toBe('2028-02-29');
    expect(previousPeriod(periodOf('month', '2028-03-31'))).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(previousPeriod(customPeriod('2026-03-01', '2026-03-10'))).toMatchObject({ from: '2026-02-19', to: '2026-02-28' });
  });
});

describe('GET /api/statistics', () => {
  let t: TestContext;
  let county: Session;
  let township: Session;
  let orgs: OrgList['items'];
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);

  beforeAll(async () => {
    t = await createTestApp({}, { demo: false });
    await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
    county = await login(t.app, 'demo-county');
    township = await login(t.app, 'demo-township');
    orgs = ((await call(t.app, county, 'GET', '/api/orgs')).body as OrgList).items;
  }, 180_000);
  afterAll(() => t.close());

  it('the case figures are 办件统计’s for the same scope and period, child by child', async () => {
    const s = (await call(t.app, county, 'GET', `/api/statistics?period=year&date=${today}`)).body as WorkStatistics;
    expect(s.period).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31` });
    const cs = (await call(t.app, county, 'GET', `/api/cases/stats?from=${year}-01-01&to=${year}-12-31`)).body as CaseStats;
    expect(s.total).toMatchObject({ received: cs.total.received, answered: cs.total.answered, rights: cs.total.rights, proxy: cs.total.proxy, onTimeRate: cs.total.onTimeRate, oneTripRate: cs.total.oneTripRate });
    expect(s.total.received).toBeGreaterThan(0);
    for (const r of cs.rows) expect(s.rows.find((x) => x.orgId === r.orgId)).toMatchObject({ received: r.received, proxy: r.proxy, rights: r.rights });
    // the rows add up to the total
    for (const k of ['received', 'answered', 'proxy', 'rights', 'visits', 'households', 'householdsVisited'] as const) {
      expect(s.rows.reduce((a, r) => a + r[k], 0), k).toBe(s.total[k]);
    }
    expect(s.previous).toMatchObject({ from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` });
  });

  it('equals a plain recount of the records (cases, 代办, 维权, visits, households, volunteer minutes)', async () => {
    const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(s));
    const root = orgs.find((o) => !o.parentId)!;
    for (const [from, to] of [[`${year}-01-01`, `${year}-12-31`], [`${year}-03-01`, `${year}-05-31`], [`${Number(year) - 1}-07-01`, `${year}-06-30`]]) {
      const s = (await call(t.app, county, 'GET', `/api/statistics?period=custom&from=${from}&to=${to}`)).body as WorkStatistics;
      const [c] = await q<{ received: number; proxy: number; rights: number }>(sql`
        select count(*)::int as received, count(*) filter (where category = 'proxy')::int as proxy, count(*) filter (where category = 'rights')::int as rights
          from cases where county_id = ${root.id}::uuid and (received_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`);
      const [v] = await q<{ visits: number; households: number; visited: number }>(sql`
        select (select count(*) from visits where county_id = ${root.id}::uuid and (visited_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date)::int as visits,
               (select count(*) from households where county_id = ${root.id}::uuid and archived_at is null)::int as households,
               (select count(distinct v.household_id) from visits v join households h on h.county_id = v.county_id and h.id = v.household_id and h.archived_at is null
                 where v.county_id = ${root.id}::uuid and (v.visited_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date)::int as visited`);
      const [h] = await q<{ minutes: number }>(sql`
        select coalesce(sum(minutes), 0)::int as minutes from volunteer_records r
         where county_id = ${root.id}::uuid and state = 'confirmed' and served_on between ${from}::date and ${to}::date
           and id not in (select corrects_id from volunteer_records where county_id = ${root.id}::uuid and state = 'confirmed' and corrects_id is not null)`);
      expect(s.total).toMatchObject({ received: c!.received, proxy: c!.proxy, rights: c!.rights, visits: v!.visits, households: v!.households, householdsVisited: v!.visited });
      expect(s.total.volunteerHours).toBeCloseTo(h!.minutes / 60, 1);
    }
  });

  it('a township sees its own subtree; another township, a bad period or an impossible date are refused by field', async () => {
    const mine = orgs.find((o) => o.code === 'SFX-QS')!;
    const s = (await call(t.app, township, 'GET', '/api/statistics?period=month')).body as WorkStatistics;
    expect(s.scope.id).toBe(mine.id);
    const other = orgs.find((o) => o.tier === 'township' && o.code !== 'SFX-QS')!;
    expect((await call(t.app, township, 'GET', `/api/statistics?orgId=${other.id}`)).status).toBe(404);
    const bad = async (qs: string, field: string) => {
      const r = await call(t.app, county, 'GET', `/api/statistics?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(Object.keys((r.body as { error: { fields: Record<string, string> } }).error.fields), qs).toContain(field);
    };
    await bad('period=custom&from=2026-01-01', 'from');
    await bad('period=custom&from=2026-05-01&to=2026-04-01', 'from');
    await bad('period=custom&from=2024-01-01&to=2026-01-01', 'to');
    await bad('date=9999-12-31', 'date');
    await bad('period=decade', 'period');
    await bad('date=2026-02-30', 'date');
    expect((await call(t.app, await login(t.app, 'demo-grid'), 'GET', '/api/statistics')).status).toBe(403);
  });

  it('the Excel ledger holds the same rows, the totals and the previous period', async () => {
    const s = (await call(t.app, county, 'GET', `/api/statistics?period=year&date=${today}`)).body as WorkStatistics;
    const res = await t.app.inject({ method: 'GET', url: `/api/statistics/export.xlsx?period=year&date=${today}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    const { rows, views } = await readBook(res.rawPayload);
    expect(rows[0]![0]).toBe(`${s.scope.name}${s.period.label}基层服务型党组织工作统计表`);
    const header = rows.findIndex((r) => r[0] === '单位');
    expect(views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[0])).toEqual([...s.rows.map((r) => r.name), '合计', `上期合计（${s.previous.label}）`, `较上期（${s.previous.label}）增减`]);
    const total = body[s.rows.length]!;
    expect(total.slice(1, 5).map(Number)).toEqual([s.total.received, s.total.proxy, s.total.rights, s.total.answered]);
  });

  it('办件统计’s Excel ledger is GET /api/cases/stats of the same dates, row by row, with the total', async () => {
    const qs = `from=${today.slice(0, 4)}-01-01&to=${today}`;
    const stats = (await call(t.app, county, 'GET', `/api/cases/stats?${qs}`)).body as CaseStats;
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/stats/export.xlsx?${qs}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    const { rows, views } = await readBook(res.rawPayload);
    const header = rows.findIndex((r) => r[0] === '单位');
    expect(views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    const body = rows.slice(header + 1);
    const expected = [...stats.rows, { ...stats.total, name: '合计' }];
    expect(body.map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3]), Number(r[6]), Number(r[7]), Number(r[8])]))
      .toEqual(expected.map((r) => [r.name, r.received, r.answered, r.onTime, r.overdueOpen, r.rights, r.proxy]));
    // the same refusals as the table: a reversed range names its field
    expect((await call(t.app, county, 'GET', `/api/cases/stats/export.xlsx?from=${today}&to=2020-01-01`)).status).toBe(400);
  });

  it('部门响应统计’s Excel ledger is GET /api/whistles/stats of the same dates, with the total', async () => {
    const qs = `from=${today.slice(0, 4)}-01-01&to=${today}`;
    const stats = (await call(t.app, county, 'GET', `/api/whistles/stats?${qs}`)).body as { rows: { departmentName: string; called: number; reported: number; onTime: number }[] };
    expect(stats.rows.length).toBeGreaterThan(0);
    const res = await t.app.inject({ method: 'GET', url: `/api/whistles/stats/export.xlsx?${qs}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    const { rows } = await readBook(res.rawPayload);
    const body = rows.slice(rows.findIndex((r) => r[0] === '部门') + 1);
    const sum = (k: 'called' | 'reported' | 'onTime') => stats.rows.reduce((a, r) => a + r[k], 0);
    expect(body.map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3])]))
      .toEqual([...stats.rows.map((r) => [r.departmentName, r.called, r.reported, r.onTime]), ['合计', sum('called'), sum('reported'), sum('onTime')]]);
  });

  it('两走遍’s Excel ledger is GET /api/coverage of the same org and year: per org with the total, per account with who is missing', async () => {
    const year = today.slice(0, 4);
    const view = (await call(t.app, county, 'GET', `/api/coverage?year=${year}`)).body as CoverageView;
    expect(view.orgs.length).toBeGreaterThan(0);
    expect(view.orgs.some((o) => o.householdsVisited > 0)).toBe(true);
    const res = await t.app.inject({ method: 'GET', url: `/api/coverage/export.xlsx?year=${year}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    const { rows, views } = await readBook(res.rawPayload);
    expect(rows[0]![0]).toBe(`${view.orgName}${year}年两走遍进度`);
    const header = rows.findIndex((r) => r[0] === '组织');
    expect(views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    const sum = (k: 'groupsVisited' | 'groups' | 'householdsVisited' | 'households') => view.orgs.reduce((a, o) => a + o[k], 0);
    expect(rows.slice(header + 1).map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[4]), Number(r[5])])).toEqual([
      ...view.orgs.map((o) => [o.orgName, o.groupsVisited, o.groups, o.householdsVisited, o.households]),
      ['合计', sum('groupsVisited'), sum('groups'), sum('householdsVisited'), sum('households')],
    ]);
    const people = (await readBook(res.rawPayload, 1)).rows;
    expect(people.slice(1).map((r) => [r[0], r[1], Number(r[3]), Number(r[4]), r[6] ?? '']))
      .toEqual(view.people.map((p) => [p.name, p.orgName, p.visited, p.total, p.missing.map((m) => m.name).join('、')]));
    // the same refusals and scope as the page: a year out of range names its field; another township's org is not found
    const bad = await call(t.app, county, 'GET', '/api/coverage/export.xlsx?year=1999');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['year']);
  });
});
