import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, DashboardLink } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/demo.seed.js';

/** the API list behind a web route + query, and the count it shows (null: not a count list) */
async function listCount(t: TestContext, who: Session, l: DashboardLink): Promise<number | null> {
  const qs = new URLSearchParams(l.query).toString();
  const get = async (p: string) => {
    const r = await call(t.app, who, 'GET', `${p}${qs ? `?${qs}` : ''}`);
    expect(r.status, `${p}?${qs}`).toBe(200);
    return r.body;
  };
  if (l.to === '/cases') return (await get('/api/cases')).total;
  if (l.to === '/whistles') return (await get('/api/whistles')).items.length;
  if (l.to === '/visits/overdue') return (await get('/api/visits/overdue')).total;
  if (l.to === '/compliance' && l.query.rule) return (await get('/api/compliance/behind')).matched;
  return null;
}

/** every figure with a link to a count list: the dashboard's number equals the list's */
async function assertFiguresMatchLists(t: TestContext, who: Session, d: Dashboard): Promise<number> {
  let checked = 0;
  for (const c of d.cards) {
    if (!c.link || c.unit !== 'count') continue;
    const n = await listCount(t, who, c.link);
    if (n === null) continue;
    expect(n, `card ${c.key} ${JSON.stringify(c.link)}`).toBe(c.value);
    checked++;
  }
  for (const ch of d.charts) {
    for (const s of ch.series) {
      if (s.unit !== 'count') continue;
      for (let i = 0; i < s.values.length; i++) {
        const l = s.links[i];
        if (!l) continue;
        const n = await listCount(t, who, l);
        if (n === null) continue;
        expect(n, `chart ${ch.key}/${s.key}[${ch.categories[i]}] ${JSON.stringify(l)}`).toBe(s.values[i]);
        checked++;
      }
    }
  }
  for (const l of d.lists) {
    if (!l.link) continue;
    const n = await listCount(t, who, l.link);
    if (n === null) continue;
    expect(n, `list ${l.key}`).toBe(l.total);
    checked++;
  }
  return checked;
}

describe('home dashboard on the demo county', () => {
  let t: TestContext;
  const sessions: Record<string, Session> = {};
  const boards: Record<string, Dashboard> = {};

  beforeAll(async () => {
    t = await createTestApp({}, { demo: false });
    await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
    for (const u of ['demo-county', 'demo-township', 'demo-village', 'demo-grid', 'demo-dept', 'demo-evaluator', 'demo-member']) sessions[u] = await login(t.app, u);
    // a case held by a county department now (the demo's forwards to departments are all answered): village →
    // its township → the first department the township may send to
    const created = await call(t.app, sessions['demo-village']!, 'POST', '/api/cases', { category: 'civilAffairs', title: '低保申请咨询', description: '村民咨询低保申请材料', channel: 'walkIn' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const up = (await call(t.app, sessions['demo-village']!, 'GET', `/api/cases/${id}/forward-targets`)).body;
    expect((await call(t.app, sessions['demo-village']!, 'POST', `/api/cases/${id}/forward`, { to: { tier: 'township', orgId: up.townships[0].id }, note: '需乡镇审核' })).status).toBe(200);
    const on = (await call(t.app, sessions['demo-township']!, 'GET', `/api/cases/${id}/forward-targets`)).body;
    expect((await call(t.app, sessions['demo-township']!, 'POST', `/api/cases/${id}/forward`, { to: { tier: 'county', departmentId: on.departments[0].id }, note: '需部门审批' })).status).toBe(200);
    for (const u of Object.keys(sessions)) {
      const r = await call(t.app, sessions[u]!, 'GET', '/api/dashboard');
      expect(r.status, u).toBe(200);
      boards[u] = r.body as Dashboard;
    }
  }, 180_000);
  afterAll(() => t.close());

  it('needs a login', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(r.statusCode).toBe(401);
  });

  it('county: cards, 12 months of cases, overdue by township, visits by township — each equal to its list', async () => {
    const d = boards['demo-county']!;
    expect(d.kind).toBe('area');
    const keys = d.cards.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['casesOpen', 'casesOverdue', 'casesDueSoon', 'whistlesOpen', 'visitsOverdue', 'volunteerCompliance', 'volunteerBehind']));
    const months = d.charts.find((c) => c.key === 'casesByMonth')!;
    expect(months.categories).toHaveLength(12);
    // the demo county has cases: the chart is not empty
    expect(months.series[0]!.values.some((v) => (v ?? 0) > 0)).toBe(true);
    // one grouped statement, the same figures as 办件统计 of each month's dates (received and the on-time rate)
    for (const [i, link] of months.series[0]!.links.entries()) {
      const q = new URLSearchParams(link!.query as Record<string, string>);
      const stats = (await call(t.app, sessions['demo-county']!, 'GET', `/api/cases/stats?from=${q.get('from')}&to=${q.get('to')}`)).body;
      expect(months.series[0]!.values[i]).toBe(stats.total.received);
      expect(months.series[1]!.values[i]).toBe(stats.total.onTimeRate === null ? null : Math.round(stats.total.onTimeRate * 1000) / 10);
    }
    const byUnit = d.charts.find((c) => c.key === 'casesByUnit')!;
    expect(byUnit.categories.length).toBeGreaterThan(1);
    // the county departments holding open cases are units of the chart too (their figures' links: below)
    const depts = (await call(t.app, sessions['demo-county']!, 'GET', '/api/departments')).body.items as { id: string; name: string }[];
    let holding = 0;
    for (const dep of depts) {
      const open = (await call(t.app, sessions['demo-county']!, 'GET', `/api/cases?state=open&holderDepartmentId=${dep.id}&limit=1`)).body.total as number;
      expect(byUnit.categories.includes(dep.name), dep.name).toBe(open > 0);
      if (open > 0) holding++;
    }
    expect(holding).toBeGreaterThan(0);
    expect(keys).toContain('threeOnes');
    // the demo county's round: its progress and grade distribution, as the round page shows them
    const progress = d.charts.find((c) => c.key === 'evaluationProgress')!;
    const roundId = progress.link!.to.split('/').pop()!;
    const round = (await call(t.app, sessions['demo-county']!, 'GET', `/api/evaluation/rounds/${roundId}`)).body;
    expect(progress.series[0]!.values[0]).toBe(round.progress.targets);
    expect(progress.series[0]!.values[0]).toBeGreaterThan(0);
    const grades = d.charts.find((c) => c.key === 'evaluationGrades')!;
    expect(Object.fromEntries(grades.categories.map((g, i) => [g, grades.series[0]!.values[i]]))).toEqual({ advanced: 0, good: 0, average: 0, lagging: 0, ...round.progress.grades });
    // 三个一: the 三个一 page's totals
    const three = (await call(t.app, sessions['demo-county']!, 'GET', '/api/duties/three-ones')).body;
    expect(d.cards.find((c) => c.key === 'threeOnes')!.detail).toBe(`${three.totals.allDone} / ${three.totals.secretaries}`);
    // 志愿服务 compliance: the compliance page's totals (one computation of the rule serves both cards)
    const hours = (await call(t.app, sessions['demo-county']!, 'GET', '/api/compliance/summary')).body.totals.volunteerHours;
    expect(d.cards.find((c) => c.key === 'volunteerCompliance')!.detail).toBe(`${hours.met} / ${hours.total}`);
    expect(await assertFiguresMatchLists(t, sessions['demo-county']!, d)).toBeGreaterThan(20);
  }, 120_000);

  it('township: its villages, each figure equal to its list, and nothing above the township', async () => {
    const d = boards['demo-township']!;
    expect(d.kind).toBe('area');
    expect(d.scopeName).toContain('青山');
    const byUnit = d.charts.find((c) => c.key === 'casesByUnit')!;
    const county = boards['demo-county']!.charts.find((c) => c.key === 'casesByUnit')!;
    expect(byUnit.categories).not.toEqual(county.categories);
    const open = (k: string, b: Dashboard) => b.cards.find((c) => c.key === k)!.value;
    expect(open('casesOpen', d)).toBeLessThanOrEqual(open('casesOpen', boards['demo-county']!));
    expect(await assertFiguresMatchLists(t, sessions['demo-township']!, d)).toBeGreaterThan(5);
  }, 120_000);

  it('village, grid worker, department: their queues and lists, each equal to its list', async () => {
    const v = boards['demo-village']!;
    expect(v.kind).toBe('village');
    expect(v.cards.map((c) => c.key)).toEqual(expect.arrayContaining(['myQueue', 'myOverdue', 'visitsOverdue', 'volunteerBehind']));
    expect(await assertFiguresMatchLists(t, sessions['demo-village']!, v)).toBeGreaterThanOrEqual(4);

    const g = boards['demo-grid']!;
    expect(g.kind).toBe('grid');
    expect(g.cards.map((c) => c.key)).toEqual(expect.arrayContaining(['todayMustVisits', 'myReportsMonth']));
    expect(await assertFiguresMatchLists(t, sessions['demo-grid']!, g)).toBeGreaterThanOrEqual(2);

    const dept = boards['demo-dept']!;
    expect(dept.kind).toBe('department');
    expect(dept.cards.map((c) => c.key)).toEqual(expect.arrayContaining(['myQueue', 'whistlesOpen']));
    expect(dept.lists.find((l) => l.key === 'reportDeadlines')).toBeTruthy();
    expect(await assertFiguresMatchLists(t, sessions['demo-dept']!, dept)).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('other roles get a small dashboard, not an error', async () => {
    const e = boards['demo-evaluator']!;
    expect(e.kind).toBe('evaluator');
    const rounds = (await call(t.app, sessions['demo-evaluator']!, 'GET', '/api/evaluation/rounds')).body.items as { can: { score: boolean } }[];
    expect(e.cards.find((c) => c.key === 'roundsToScore')!.value).toBe(rounds.filter((r) => r.can.score).length);
    await assertFiguresMatchLists(t, sessions['demo-evaluator']!, e);

    // a member: their own hours, as 我的义务 shows them
    const m = boards['demo-member']!;
    expect(m.kind).toBe('member');
    const mine = (await call(t.app, sessions['demo-member']!, 'GET', '/api/me/duties')).body;
    expect(m.cards.find((c) => c.key === 'myHours')!.value).toBe(mine.current.hours);
  });
});
