import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhistleView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session, rs: Session;
let mzId: string, rsId: string, zjId: string;

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  const depts = (await call(t.app, county, 'GET', '/api/departments')).body.items as { id: string; code: string }[];
  [mzId, rsId, zjId] = ['MZ', 'RS', 'ZJ'].map((c) => depts.find((d) => d.code === c)!.id) as [string, string, string];
  await call(t.app, county, 'POST', '/api/users', { username: 'rs-handler', displayName: '人社局 孙', role: 'departmentHandler', departmentId: rsId, password: 'Ren-She-2026x' });
  rs = await login(t.app, 'rs-handler', 'Ren-She-2026x');
});
afterAll(() => t.close());

describe('whistles (吹哨报到)', () => {
  let w: WhistleView;
  it('a township whistles departments about a problem, linked to a case; a village may not', async () => {
    const c = (await call(t.app, village, 'POST', '/api/cases', { category: 'housing', title: '河道垃圾堆积', description: '青山河三组段垃圾堆积发臭', channel: 'phone' })).body;
    expect((await call(t.app, village, 'POST', '/api/whistles', { title: 'x', place: 'y', description: 'z', departmentIds: [mzId] })).status).toBe(403);
    const res = await call(t.app, township, 'POST', '/api/whistles', {
      title: '青山河三组段垃圾堆积', place: '青山村三组河段', description: '河道垃圾涉及水利、环保和民政，需要联合处置', departmentIds: [mzId, rsId], reportHours: 24, caseIds: [c.id],
    });
    expect(res.status).toBe(201);
    w = res.body;
    expect(w).toMatchObject({ state: 'open', reportHours: 24, number: expect.stringMatching(/^CS\d{4}-0001$/) });
    expect(w.reports.map((r) => r.departmentId).sort()).toEqual([mzId, rsId].sort());
    expect(w.cases.map((x) => x.id)).toEqual([c.id]);
    expect((await call(t.app, village, 'GET', `/api/cases/${c.id}`)).body.timeline.map((e: { kind: string }) => e.kind)).toContain('whistled');
    const notes = (await call(t.app, dept, 'GET', '/api/notifications')).body.items as { kind: string; whistleId: string }[];
    expect(notes.some((n) => n.kind === 'whistle' && n.whistleId === w.id)).toBe(true);
  });

  it('refuses a department of nowhere and names the field', async () => {
    const res = await call(t.app, township, 'POST', '/api/whistles', { title: 'x', place: 'y', description: 'z', departmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.departmentIds).toBe('请选择本县的职能部门');
  });

  it('each called department reports in order: acknowledge, arrive, report with a result', async () => {
    expect((await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'arrive' })).body.error.code).toBe('whistle.step');
    await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'acknowledge' });
    await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'arrive' });
    expect((await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'report' })).body.error.fields.result).toBeDefined();
    const done = (await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'report', result: '已协调清运，安排专人巡查' })).body as WhistleView;
    const mine = done.reports.find((r) => r.departmentId === mzId)!;
    expect(mine).toMatchObject({ result: '已协调清运，安排专人巡查', late: false, missing: false });
    expect(mine.acknowledgedAt! <= mine.arrivedAt! && mine.arrivedAt! <= mine.reportedAt!).toBe(true);
  });

  it('shows a department only the whistles that called it', async () => {
    const zj = await call(t.app, county, 'POST', '/api/users', { username: 'zj-handler', displayName: '住建局', role: 'departmentHandler', departmentId: zjId, password: 'Zhu-Jian-2026x' });
    expect(zj.status).toBe(201);
    const other = await login(t.app, 'zj-handler', 'Zhu-Jian-2026x');
    expect((await call(t.app, other, 'GET', '/api/whistles')).body.items).toEqual([]);
    expect((await call(t.app, other, 'GET', `/api/whistles/${w.id}`)).status).toBe(404);
    expect((await call(t.app, rs, 'GET', '/api/whistles')).body.items.map((x: { id: string }) => x.id)).toEqual([w.id]);
  });

  it('flags a missing report after the deadline and computes department figures', async () => {
    await t.database.db.execute(`update whistles set due_at = now() - interval '1 hour', created_at = now() - interval '25 hours'`);
    const got = await call(t.app, township, 'GET', `/api/whistles/${w.id}`);
    if (got.status !== 200) throw new Error(got.res.body);
    const view = got.body as WhistleView;
    expect(view.reports.find((r) => r.departmentId === rsId)).toMatchObject({ missing: true, late: true });
    const year = new Date().getFullYear();
    const st = await call(t.app, township, 'GET', `/api/whistles/stats?from=${year - 1}-01-01&to=${year + 1}-12-31`);
    if (st.status !== 200) throw new Error(st.res.body);
    const stats = st.body;
    const mz = stats.rows.find((r: { departmentId: string }) => r.departmentId === mzId);
    const rsRow = stats.rows.find((r: { departmentId: string }) => r.departmentId === rsId);
    expect(mz).toMatchObject({ called: 1, reported: 1, missing: 0 });
    expect(rsRow).toMatchObject({ called: 1, reported: 0, missing: 1, onTimeRate: 0 });
    expect(mz.avgHoursToReport).toBeGreaterThan(24);
  });

  it('is closed by the township with a summary; then no more reports', async () => {
    const closed = (await call(t.app, township, 'POST', `/api/whistles/${w.id}/close`, { summary: '河道已清理，建立长效保洁机制' })).body;
    expect(closed).toMatchObject({ state: 'closed', summary: '河道已清理，建立长效保洁机制' });
    expect((await call(t.app, rs, 'POST', `/api/whistles/${w.id}/report`, { step: 'acknowledge' })).status).toBe(409);
  });
});
