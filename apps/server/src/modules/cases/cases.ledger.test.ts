// The ledger, its statistics and accountability as the people who use them see them (issue 16 points 8–10):
// the record names the unit and the person who held the case when it ran over (not the first responder), the
// review needs a reason, 办件统计 has a row for every unit that received or held cases (county departments too,
// no all-zero county branches), the ledger opens on a tab with something in it and finds a case by its number's
// tail, its tracking code, the requester's name or whole phone number.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountabilityView, CaseDetail, CaseList, CaseStats, CaseTabCounts } from '@jiceng/contract';
import { CASE_TABS, CASE_TAB_QUERY } from '@jiceng/contract/constants';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { sweepDeadlines } from './cases.deadlines.js';

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session;
let orgByCode: Map<string, { id: string; code: string; name: string; parentId: string | null; tier: string }>;
let mzId: string;

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  const orgs = (await call(t.app, county, 'GET', '/api/orgs')).body.items as { id: string; code: string; name: string; parentId: string | null; tier: string }[];
  orgByCode = new Map(orgs.map((o) => [o.code, o]));
  const depts = (await call(t.app, county, 'GET', '/api/departments')).body.items as { id: string; code: string }[];
  mzId = depts.find((d) => d.code === 'MZ')!.id;
});
afterAll(() => t.close());

const register = async (body: Record<string, unknown> = {}) => {
  const res = await call(t.app, village, 'POST', '/api/cases', { category: 'civilAffairs', title: '低保申请咨询', description: '村民咨询低保申请材料', channel: 'walkIn', ...body });
  expect(res.status).toBe(201);
  return res.body as CaseDetail;
};
const act = async (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const res = await call(t.app, s, 'POST', `/api/cases/${id}/${action}`, body);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body as CaseDetail;
};
const toTownship = (id: string) => act(village, id, 'forward', { to: { tier: 'township', orgId: orgByCode.get('SFX-QS')!.id }, note: '需乡镇审核' });
const toDepartment = (s: Session, id: string) => act(s, id, 'forward', { to: { tier: 'county', departmentId: mzId }, note: '需民政局审批' });
const tabs = async (s: Session) => (await call(t.app, s, 'GET', '/api/cases/tabs')).body as CaseTabCounts;
const list = async (s: Session, q: string) => (await call(t.app, s, 'GET', `/api/cases?queue=all&q=${encodeURIComponent(q)}`)).body as CaseList;

/** cases made by the tests below, by what happened to them */
const made: Record<'villageHeld' | 'townshipTook' | 'sentToDept' | 'searched', CaseDetail> = {} as never;

describe('the ledger (办件台账)', () => {
  it('asks for a session for its tab counts', async () => {
    expect((await call(t.app, null, 'GET', '/api/cases/tabs')).status).toBe(401);
  });

  it('opens the county on 全部 when nothing is overdue, a village on its own queue; each tab count is its list’s total', async () => {
    made.villageHeld = await register({ title: '村里自办', description: '村委会当场受理的救助咨询' });
    await act(village, made.villageHeld.id, 'accept', {});
    made.townshipTook = await register({ title: '转乡镇承办', description: '需要乡镇民政办入户调查' });
    await toTownship(made.townshipTook.id);
    await act(township, made.townshipTook.id, 'accept', {});
    made.sentToDept = await register({ title: '转县民政局', description: '需要县民政局审批的低保申请' });
    await toTownship(made.sentToDept.id);
    await toDepartment(township, made.sentToDept.id);

    const c = await tabs(county);
    expect(c.counts.mine).toBe(0);
    expect(c.counts.overdue).toBe(0);
    expect(c.opening).toBe('all');
    for (const k of CASE_TABS) {
      const qs = new URLSearchParams(Object.entries(CASE_TAB_QUERY[k]).map(([a, b]): [string, string] => [a, String(b)]));
      expect(c.counts[k], k).toBe(((await call(t.app, county, 'GET', `/api/cases?${qs}&limit=1`)).body as CaseList).total);
    }
    expect(c.counts.all).toBeGreaterThanOrEqual(3);
    const v = await tabs(village);
    expect(v.counts.mine).toBeGreaterThanOrEqual(1);
    expect(v.opening).toBe('mine');
    const d = await tabs(dept);
    expect(d.counts.mine).toBeGreaterThanOrEqual(1);
    expect(d.opening).toBe('mine');
  });

  it('finds a case by its number’s tail, its tracking code, the requester’s name and the whole phone number — never a partial phone', async () => {
    made.searched = await register({ title: '门前路灯不亮', description: '三组门前路灯坏了一个月', requesterName: '赵桂兰', requesterPhone: '13900001111' });
    const s = made.searched;
    const tail = s.number.split('-')[1]!;
    const found = (q: string) => list(township, q).then((r) => r.items.map((i) => i.id));
    expect(await found(tail)).toContain(s.id);
    expect(await found(tail.slice(-4))).toContain(s.id);
    expect(await found(s.number)).toContain(s.id);
    expect(await found(s.portalAccess!.trackingCode)).toContain(s.id);
    expect(await found(s.portalAccess!.trackingCode.toLowerCase())).toContain(s.id);
    expect(await found('赵桂兰')).toContain(s.id);
    expect(await found('13900001111')).toContain(s.id);
    expect(await found('139 0000 1111')).toContain(s.id);
    expect(await found('139-0000-1111')).toContain(s.id);
    expect(await found('1390000')).not.toContain(s.id);
    expect(await found('00001111')).not.toContain(s.id);
    expect(await found('13900002222')).not.toContain(s.id);
    // the list never carries the phone itself
    expect(JSON.stringify(await list(township, '13900001111'))).not.toContain('13900001111');
  });
});

describe('accountability (过错责任追究) names the unit and the person who held the case', () => {
  let records: AccountabilityView[];

  it('raises one record per missed deadline: the holding unit, its holder, and the first responder apart', async () => {
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect((await sweepDeadlines(t.database.db, later))!.overdue).toBeGreaterThanOrEqual(3);
    records = ((await call(t.app, county, 'GET', '/api/accountability?status=pending')).body as { items: AccountabilityView[] }).items;
    const of = (c: CaseDetail) => records.filter((r) => r.caseId === c.id);
    for (const c of [made.villageHeld, made.townshipTook, made.sentToDept]) expect(of(c), c.title).toHaveLength(1);

    // held at the village: the village's own cadre, who is also the first responder
    expect(of(made.villageHeld)[0]).toMatchObject({
      ownerTier: 'village', ownerName: orgByCode.get('SFX-QS-QS')!.name, responsibleName: '青山村书记 张德明', firstResponderName: '青山村书记 张德明',
    });
    // taken up at the township: the township's cadre answers for the delay, the village's first responder to the resident
    expect(of(made.townshipTook)[0]).toMatchObject({
      ownerTier: 'township', ownerName: orgByCode.get('SFX-QS')!.name, responsibleName: '青山乡党委 李春梅', firstResponderName: '青山村书记 张德明',
    });
    // sent to 县民政局 and not taken up there: the department is named, no person of the township or village
    expect(of(made.sentToDept)[0]).toMatchObject({
      ownerTier: 'county', ownerName: '县民政局', responsibleUserId: null, responsibleName: null, firstResponderName: '青山村书记 张德明',
    });
    // the case's detail carries the same record
    const detail = (await call(t.app, county, 'GET', `/api/cases/${made.townshipTook.id}`)).body as CaseDetail;
    expect(detail.accountability[0]).toMatchObject({ ownerName: orgByCode.get('SFX-QS')!.name, responsibleName: '青山乡党委 李春梅' });
  });

  it('asks a reason for either outcome, and refuses a second review', async () => {
    const rec = records.find((r) => r.caseId === made.sentToDept.id)!;
    const noReason = await call(t.app, county, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'upheld' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields.reason).toContain('理由');
    expect((await call(t.app, county, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'upheld', reason: '   ' })).status).toBe(400);
    expect((await call(t.app, county, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'maybe', reason: 'x' })).status).toBe(400);
    const done = await call(t.app, county, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'upheld', reason: '县民政局未按期承办' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'upheld', reason: '县民政局未按期承办', reviewedByName: '县委组织部 王建国', ownerName: '县民政局' });
    expect((await call(t.app, county, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'dismissed', reason: '再审' })).status).toBe(409);
  });

  it('opens the county’s ledger on 已超期 once something is overdue', async () => {
    const c = await tabs(county);
    expect(c.counts.overdue).toBeGreaterThanOrEqual(3);
    expect(c.opening).toBe('overdue');
  });
});

describe('办件统计 has a row for every unit that received, held or answered cases', () => {
  const year = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
  const period = () => `from=${year()}-01-01&to=${year()}-12-31`;

  it('lists the townships, the township halls and county departments that held cases sent on to them, and no county branch with nothing', async () => {
    const s = (await call(t.app, county, 'GET', `/api/cases/stats?${period()}`)).body as CaseStats;
    const root = [...orgByCode.values()].find((o) => !o.parentId)!;
    const townships = [...orgByCode.values()].filter((o) => o.parentId === root.id && o.tier === 'township');
    expect(s.rows.filter((r) => r.orgId && townships.some((x) => x.id === r.orgId))).toHaveLength(townships.length);
    const branches = [...orgByCode.values()].filter((o) => o.parentId === root.id && o.tier === 'county');
    expect(branches.length).toBeGreaterThan(0);
    expect(s.rows.filter((r) => branches.some((b) => b.id === r.orgId))).toEqual([]);
    // the rows by where cases were received add up to the total
    expect(s.rows.reduce((a, r) => a + r.received, 0)).toBe(s.total.received);
    const qs = s.rows.find((r) => r.orgId === orgByCode.get('SFX-QS')!.id)!;
    expect(qs.received).toBeGreaterThanOrEqual(4);
    expect(s.rows.every((r) => r.basis === 'received')).toBe(true);
    // 县民政局 received nothing from residents and held what was forwarded to it
    const mz = s.holders.find((d) => d.departmentId === mzId)!;
    expect(mz).toMatchObject({ name: '县民政局', orgId: null, basis: 'held', received: 0, forwarded: 0 });
    expect(mz.held).toBeGreaterThanOrEqual(1);
    expect(mz.open).toBe(mz.held);
    expect(mz.overdueOpen).toBeGreaterThanOrEqual(1);
    // 青山乡's hall held (and took up) the case the village sent it
    const hall = s.holders.find((d) => d.orgId === orgByCode.get('SFX-QS')!.id)!;
    expect(hall).toMatchObject({ name: `${orgByCode.get('SFX-QS')!.name}（本级）`, departmentId: null, basis: 'held', received: 0 });
    expect(hall.held).toBeGreaterThanOrEqual(1);
  });

  it('shows the township each village’s received cases and, apart, what its own hall and the departments held', async () => {
    const s = (await call(t.app, township, 'GET', `/api/cases/stats?${period()}`)).body as CaseStats;
    // the hall registered nothing itself: no 本级 row among the received, a row among the holders
    expect(s.rows.find((r) => r.orgId === orgByCode.get('SFX-QS')!.id)).toBeUndefined();
    const hall = s.holders.find((r) => r.orgId === orgByCode.get('SFX-QS')!.id)!;
    expect(hall.held).toBeGreaterThanOrEqual(1);
    expect(hall.answered).toBe(0);
    expect(hall.open).toBe(hall.held);
    const qs = s.rows.find((r) => r.orgId === orgByCode.get('SFX-QS-QS')!.id)!;
    expect(qs.received).toBeGreaterThanOrEqual(4);
    // sent on to the township or the department: held by them, not by the village
    expect(qs.held).toBe(qs.received - 2);
    expect(s.holders.map((d) => d.name)).toEqual([`${orgByCode.get('SFX-QS')!.name}（本级）`, '县民政局']);
  });

  it('exports the holders on a sheet of their own, with the same figures', async () => {
    const s = (await call(t.app, county, 'GET', `/api/cases/stats?${period()}`)).body as CaseStats;
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/stats/export.xlsx?${period()}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheetRows = (i: number) => {
      const rows: string[][] = [];
      book.worksheets[i]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const main = sheetRows(0);
    const header = main.findIndex((r) => r[0] === '单位');
    const heldAt = main[header]!.indexOf('承办（件）');
    expect(heldAt).toBeGreaterThan(0);
    expect(main.slice(header + 1).map((r) => [r[0], Number(r[heldAt])])).toEqual([...s.rows, { ...s.total, name: '合计' }].map((r) => [r.name, r.held]));
    const depts = sheetRows(1);
    const dh = depts.findIndex((r) => r[0] === '单位');
    expect(depts.slice(dh + 1).map((r) => [r[0], r[1], Number(r[heldAt])])).toEqual(s.holders.map((d) => [d.name, '—', d.held]));
  });
});
