import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, ServiceItemView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { sweepDeadlines } from './cases.deadlines.js';
import { resumeDue } from './cases.service.js';

describe('pause arithmetic (等待群众补充 does not count)', () => {
  const at = (iso: string) => Date.parse(iso);
  it('moves the deadline by the working days paused: Friday → Monday costs one working day', () => {
    const due = at('2026-12-01T23:59:59.999+08:00');
    expect(new Date(resumeDue(due, at('2026-11-27T10:00:00+08:00'), at('2026-11-30T09:00:00+08:00'))).toISOString()).toBe(new Date('2026-12-02T23:59:59.999+08:00').toISOString());
  });
  it('skips the Spring Festival: paused 2-13, resumed 2-24 → 2 working days (2-14 make-up Saturday, 2-24)', () => {
    const due = at('2026-02-25T23:59:59.999+08:00');
    expect(new Date(resumeDue(due, at('2026-02-13T16:00:00+08:00'), at('2026-02-24T09:00:00+08:00'))).toISOString()).toBe(new Date('2026-02-27T23:59:59.999+08:00').toISOString());
  });
  it('a pause within the day moves nothing', () => {
    const due = at('2026-12-01T23:59:59.999+08:00');
    expect(resumeDue(due, at('2026-11-27T10:00:00+08:00'), at('2026-11-27T17:00:00+08:00'))).toBe(due);
  });
});

let t: TestContext;
let county: Session, township: Session, village: Session, grid: Session, dept: Session, shimen: Session;
let orgByCode: Map<string, { id: string; name: string }>;
let items: ServiceItemView[];
let mzId: string, rsId: string;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  grid = await login(t.app, 'demo-grid');
  dept = await login(t.app, 'demo-dept');
  const orgs = (await call(t.app, county, 'GET', '/api/orgs')).body.items as { id: string; code: string; name: string }[];
  orgByCode = new Map(orgs.map((o) => [o.code, o]));
  await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: orgByCode.get('SFX-QS-SM')!.id, password: 'Shi-Men-2026x' });
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');
  items = (await call(t.app, county, 'GET', '/api/catalog')).body.items;
  const depts = (await call(t.app, county, 'GET', '/api/departments')).body.items as { id: string; code: string }[];
  mzId = depts.find((d) => d.code === 'MZ')!.id;
  rsId = depts.find((d) => d.code === 'RS')!.id;
});
afterAll(() => t.close());

const villageItem = () => items.find((i) => i.tier === 'village')!;
const register = (s: Session, body: Record<string, unknown>) =>
  call(t.app, s, 'POST', '/api/cases', { title: '办理低保咨询', description: '村民咨询低保申请需要哪些材料', channel: 'walkIn', ...body });

describe('cases (受理 → 承办 → 回复 → 评价 → 办结)', () => {
  let c: CaseDetail;

  it('registers a case against a catalog item with the first responder, a deadline from the working-day calendar and a timeline', async () => {
    const item = villageItem();
    const res = await register(village, { itemId: item.id, requesterName: '王大妈', requesterPhone: '13812345678', files: [{ name: 'photo.png', mime: 'image/png', data: PNG }] });
    expect(res.status).toBe(201);
    c = res.body;
    expect(c).toMatchObject({ state: 'received', category: item.category, ownerTier: 'village', trips: 1, promisedDays: item.promisedDays });
    expect(c.firstResponderName).toBe('青山村书记 张德明');
    expect(c.number).toMatch(/^\d{4}-\d{6}$/);
    // the receipt's credentials in this answer only (issue 15, finding 3)
    expect(c.portalAccess).toMatchObject({ trackingCode: expect.stringMatching(/^[2-9A-Z]{8}$/), secret: expect.stringMatching(/^[2-9A-Z]{8}$/) });
    expect(c.timeline.map((e) => e.kind)).toEqual(['received']);
    expect(c.files).toHaveLength(1);
    expect(c.files[0]!.sha256).toHaveLength(64);
    // the deadline is the calendar's: N working days after the day of receipt, end of that day in Shanghai
    const day = new Date(Date.parse(c.receivedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const { date } = (await call(t.app, null, 'GET', `/api/calendar/working-days/add?from=${day}&days=${item.promisedDays}&countyId=${(await call(t.app, county, 'GET', '/api/me')).body.user.countyId}`)).body;
    expect(c.dueAt).toBe(new Date(`${date}T23:59:59.999+08:00`).toISOString());
    expect(c.actions).toEqual(expect.arrayContaining(['accept', 'forward', 'reply']));
  });

  it('refuses bad input field by field, in Chinese', async () => {
    const res = await call(t.app, village, 'POST', '/api/cases', { title: '', description: 'x', channel: 'gridReport', files: [{ name: 'a.png', mime: 'image/png', data: 'aGVsbG8=' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.title).toBeDefined();
    const res2 = await register(village, { channel: 'gridReport', files: [{ name: 'a.png', mime: 'image/png', data: 'aGVsbG8=' }] });
    expect(res2.status).toBe(422);
    expect(res2.body.error.fields).toMatchObject({ fieldReportKind: '网格上报(六报)请选择上报类别', 'files.0': expect.stringContaining('文件') });
    expect((await register(village, {})).body.error.fields.category).toBe('请选择事项或类别');
  });

  it('takes a grid report (六报) from a grid worker, held by the village', async () => {
    const res = await register(grid, { title: '三组桥栏杆损坏', description: '三组河边桥栏杆断了两根', channel: 'gridReport', fieldReportKind: 'facilityDamage', trips: 0 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ category: 'fieldReport', fieldReportKind: 'facilityDamage', ownerTier: 'village' });
    expect(res.body.actions).not.toContain('reply'); // the grid worker reports; the village handles
    expect((await call(t.app, village, 'GET', `/api/cases/${res.body.id}`)).body.actions).toContain('reply');
  });

  it('refuses a grid report on a grid of the village that is not the grid worker’s (issue 15)', async () => {
    const qs = orgByCode.get('SFX-QS-QS')!.id;
    const own = (await call(t.app, village, 'POST', '/api/grids', { orgId: qs, name: '本人网格', code: `W-OWN-${Date.now().toString(36)}`, partyGroupId: orgByCode.get('SFX-QS-QS-B1-G1')!.id })).body;
    const other = (await call(t.app, village, 'POST', '/api/grids', { orgId: qs, name: '他人网格', code: `W-OTHER-${Date.now().toString(36)}` })).body;
    expect((await call(t.app, grid, 'GET', `/api/grids/${other.id}`)).status).toBe(404);
    const body = { title: '他人网格巷道脏乱', description: '巷道垃圾堆积', channel: 'gridReport', fieldReportKind: 'uncleanAlley' };
    const refused = await register(grid, { ...body, gridId: other.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.gridId).toBe('所选网格不在受理单位辖区内');
    expect((await register(grid, { ...body, gridId: own.id })).status).toBe(201);
    // the village cadre may still name any grid of the village
    expect((await register(village, { ...body, gridId: other.id })).status).toBe(201);
  });

  it('pauses the clock while waiting on the resident and moves the deadline by the pause', async () => {
    const accepted = (await call(t.app, village, 'POST', `/api/cases/${c.id}/accept`, {})).body as CaseDetail;
    expect(accepted.state).toBe('inProgress');
    const waiting = (await call(t.app, village, 'POST', `/api/cases/${c.id}/wait`, { note: '请补充户口簿复印件' })).body as CaseDetail;
    expect(waiting.state).toBe('waitingOnResident');
    expect(waiting.pausedSince).not.toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    const resumed = (await call(t.app, village, 'POST', `/api/cases/${c.id}/resume`, { trip: true, note: '群众送来材料' })).body as CaseDetail;
    expect(resumed.state).toBe('inProgress');
    expect(resumed.dueAt).toBe(accepted.dueAt); // paused within one day: no working day lost
    expect(resumed.trips).toBe(2);
    expect((await call(t.app, village, 'POST', `/api/cases/${c.id}/wait`, {})).status).toBe(400);
  });

  it('forwards up to the township and then to a department, recomputing the due time; never down', async () => {
    const targets = (await call(t.app, village, 'GET', `/api/cases/${c.id}/forward-targets`)).body;
    expect(targets.townships.map((o: { name: string }) => o.name)).toEqual([orgByCode.get('SFX-QS')!.name]);
    const wrong = await call(t.app, village, 'POST', `/api/cases/${c.id}/forward`, { to: { tier: 'township', orgId: orgByCode.get('SFX-CG')!.id }, note: '转乡' });
    expect(wrong.status).toBe(422);
    const up = (await call(t.app, village, 'POST', `/api/cases/${c.id}/forward`, { to: { tier: 'township', orgId: targets.townships[0].id }, note: '需乡镇审核' })).body as CaseDetail;
    expect(up).toMatchObject({ state: 'received', ownerTier: 'township', forwards: 1, firstResponderName: '青山村书记 张德明' });
    // the village no longer holds it, but still sees it and can add notes
    const seen = (await call(t.app, village, 'GET', `/api/cases/${c.id}`)).body as CaseDetail;
    expect(seen.actions).not.toContain('reply');
    expect(seen.actions).toContain('note');
    const refused = await call(t.app, village, 'POST', `/api/cases/${c.id}/reply`, { mode: 'direct', text: '已办' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('青山乡');
    const toDept = (await call(t.app, township, 'POST', `/api/cases/${c.id}/forward`, { to: { tier: 'county', departmentId: mzId }, note: '需民政局审批' })).body as CaseDetail;
    expect(toDept).toMatchObject({ ownerTier: 'county', ownerDepartmentId: mzId, forwards: 2 });
    const down = await call(t.app, county, 'POST', `/api/cases/${c.id}/forward`, { to: { tier: 'township', orgId: targets.townships[0].id }, note: '退回' });
    expect(down.status).toBe(409);
    expect(down.body.error.code).toBe('case.forwardDown');
  });

  it('lets a department see only what was sent to it', async () => {
    const list = (await call(t.app, dept, 'GET', '/api/cases')).body;
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const rs = await call(t.app, county, 'POST', '/api/users', { username: 'rs-handler', displayName: '人社局 孙', role: 'departmentHandler', departmentId: rsId, password: 'Ren-She-2026x' });
    expect(rs.status).toBe(201);
    const other = await login(t.app, 'rs-handler', 'Ren-She-2026x');
    expect((await call(t.app, other, 'GET', '/api/cases')).body.items).toEqual([]);
    expect((await call(t.app, other, 'GET', `/api/cases/${c.id}`)).status).toBe(404);
  });

  it('is answered by the department, rated and closed; the timeline tells the whole story', async () => {
    const inbox = (await call(t.app, dept, 'GET', '/api/cases?queue=mine&state=open')).body;
    expect(inbox.items.map((x: { id: string }) => x.id)).toContain(c.id);
    // 承诺办理 is promised at 开始承办, with its date (issue 16 point 2)
    expect((await call(t.app, dept, 'POST', `/api/cases/${c.id}/accept`, { mode: 'promised', promisedDays: 5 })).body).toMatchObject({ handlingMode: 'promised' });
    const replied = (await call(t.app, dept, 'POST', `/api/cases/${c.id}/reply`, { mode: 'promised', text: '材料齐全，5个工作日内审批' })).body as CaseDetail;
    expect(replied).toMatchObject({ state: 'replied', mode: 'promised', reply: '材料齐全，5个工作日内审批' });
    expect((await call(t.app, village, 'POST', `/api/cases/${c.id}/rate`, { score: 5 })).status).toBe(403);
    const rated = (await call(t.app, dept, 'POST', `/api/cases/${c.id}/rate`, { score: 6 }));
    expect(rated.status).toBe(400);
    const closed = (await call(t.app, dept, 'POST', `/api/cases/${c.id}/close`, {})).body as CaseDetail;
    expect(closed.state).toBe('closed');
    expect(closed.timeline.map((e) => e.kind)).toEqual(['received', 'accepted', 'waiting', 'resumed', 'forwarded', 'forwarded', 'accepted', 'replied', 'closed']);
    expect(closed.actions).toEqual([]);
  });

  it('keeps villages apart: 石门村 never sees 青山村’s cases', async () => {
    expect((await call(t.app, shimen, 'GET', `/api/cases/${c.id}`)).status).toBe(404);
    const mine = await register(shimen, { category: 'civilAffairs', title: '石门村的事', description: '石门村村民反映路灯不亮' });
    expect(mine.status).toBe(201);
    const list = (await call(t.app, village, 'GET', '/api/cases?queue=all')).body.items as { id: string }[];
    expect(list.map((x) => x.id)).not.toContain(mine.body.id);
    expect((await call(t.app, township, 'GET', '/api/cases?queue=all')).body.items.map((x: { id: string }) => x.id)).toContain(mine.body.id);
  });

  it('hints at duplicates: a similar open case of the same household or wording', async () => {
    await register(village, { category: 'housing', title: '危房改造申请', description: '三组李四家房屋漏雨需要危房改造' });
    const hint = (await call(t.app, village, 'GET', `/api/cases/similar?text=${encodeURIComponent('李四家房屋漏雨 危房改造')}`)).body;
    expect(hint.items[0]).toMatchObject({ title: '危房改造申请' });
    expect(hint.items[0].similarity).toBeGreaterThan(0.3);
  });

  it('answers on the spot (直接办理) at intake', async () => {
    const res = await register(village, { category: 'proxy', title: '开具证明', description: '开具居住证明', reply: { mode: 'direct', text: '当场开具' } });
    expect(res.body).toMatchObject({ state: 'replied', mode: 'direct', late: false });
  });
});

describe('deadlines job', () => {
  it('marks due-soon and overdue cases once, escalates, raises accountability records that a township reviews', async () => {
    const res = await register(village, { category: 'civilAffairs', title: '超期测试', description: '用于超期的办件' });
    const id = res.body.id as string;
    const due = Date.parse(res.body.dueAt);
    const soon = await sweepDeadlines(t.database.db, new Date(due - 3_600_000));
    expect(soon!.dueSoon).toBeGreaterThanOrEqual(1);
    const late = new Date(due + 60_000);
    const [a, b] = await Promise.all([sweepDeadlines(t.database.db, late), sweepDeadlines(t.database.db, late)]);
    const total = (a?.overdue ?? 0) + (b?.overdue ?? 0);
    expect(total).toBeGreaterThanOrEqual(1);
    expect((await sweepDeadlines(t.database.db, late))!.overdue).toBe(0);
    const detail = (await call(t.app, village, 'GET', `/api/cases/${id}`)).body as CaseDetail;
    expect(detail.timeline.filter((e) => e.kind === 'overdue')).toHaveLength(1);
    expect(detail.timeline.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(detail.escalation).toBe(1);
    expect(detail.accountability).toHaveLength(1);
    const notes = (await call(t.app, township, 'GET', '/api/notifications')).body.items as { kind: string; caseId: string }[];
    expect(notes.some((n) => n.kind === 'escalated' && n.caseId === id)).toBe(true);
    const pending = (await call(t.app, township, 'GET', '/api/accountability?status=pending')).body.items as { id: string; caseId: string }[];
    const rec = pending.find((p) => p.caseId === id)!;
    expect((await call(t.app, village, 'GET', '/api/accountability')).status).toBe(403);
    expect((await call(t.app, township, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'dismissed' })).body.error.fields.reason).toBeDefined();
    const done = await call(t.app, township, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'dismissed', reason: '群众材料延误，非承办人过错' });
    expect(done.body).toMatchObject({ status: 'dismissed', reviewedByName: '青山乡党委 李春梅' });
    expect((await call(t.app, township, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'upheld' })).status).toBe(409);
  });
});

describe('statistics and ledger', () => {
  it('counts per child org for a period: received, answered, on time, rights, trips', async () => {
    const year = new Date().getFullYear();
    const s = (await call(t.app, township, 'GET', `/api/cases/stats?from=${year}-01-01&to=${year}-12-31`)).body;
    expect(s.total.received).toBeGreaterThanOrEqual(6);
    const qs = s.rows.find((r: { name: string }) => r.name === orgByCode.get('SFX-QS-QS')!.name);
    expect(qs.received).toBeGreaterThanOrEqual(4);
    expect(qs.answered).toBeGreaterThanOrEqual(2);
    expect(s.rows.find((r: { name: string }) => r.name === orgByCode.get('SFX-QS-SM')!.name).received).toBe(1);
    const villageView = (await call(t.app, village, 'GET', `/api/cases/stats?from=${year}-01-01&to=${year}-12-31`)).body;
    expect(villageView.total.received).toBe(qs.received);
  });

  it('does not name orgs to a department handler, who may not read them (issue 15)', async () => {
    const year = new Date().getFullYear();
    const period = `from=${year}-01-01&to=${year}-12-31`;
    for (const org of ['SFX-QS', 'SFX', 'SFX-QS-QS']) {
      const r = await call(t.app, dept, 'GET', `/api/cases/stats?orgId=${orgByCode.get(org)!.id}&${period}`);
      expect(r.status, org).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(orgByCode.get('SFX-QS-SM')!.name);
    }
    expect((await call(t.app, dept, 'GET', `/api/cases/stats?orgId=01900000-0000-7000-8000-000000000000&${period}`)).status).toBe(404);
    // its own figures, without org names
    const own = await call(t.app, dept, 'GET', `/api/cases/stats?${period}`);
    expect(own.status).toBe(200);
    expect(own.body.rows.every((r: { orgId: string | null }) => r.orgId === null)).toBe(true);
  });

  it('exports the ledger as .xlsx', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cases/export.xlsx?queue=all', headers: { cookie: township.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
