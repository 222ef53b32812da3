import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import type { ComplianceBehindList, ComplianceRow, ComplianceSummary, MemberDutiesView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { volunteerRecords } from './duties.tables.js';
import { getMyDuties } from './compliance.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import type { Actor } from '../../platform/access/access.js';

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session;
let byCode: (c: string) => { id: string; name: string; code: string; path?: string };
const today = shanghaiToday();
const CY = Number(today.slice(0, 4));
/** a year that is over whatever day the suite runs (and older than any demo data) */
const PY = CY - 2;
const daysIn = (y: number) => ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365);
const dayOfYear = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${d.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000);
const feb = (y: number) => (daysIn(y) === 366 ? 29 : 28);

async function member(s: Session, orgCode: string, name: string, fields: Record<string, unknown>): Promise<{ id: string }> {
  const r = await call(t.app, s, 'POST', '/api/members', { orgId: byCode(orgCode).id, name, ...fields });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** a volunteer record straight into the table (the volunteer routes are another part's; only the counting is tested here) */
async function record(memberId: string, servedOn: string, hours: number, state: 'pending' | 'confirmed' | 'rejected', correctsId: string | null = null): Promise<string> {
  const id = uuidv7();
  const qs = byCode('SFX-QS-QS') as { id: string; path: string };
  const startsAt = new Date(`${servedOn}T08:00:00+08:00`);
  await t.database.db.insert(volunteerRecords).values({
    countyId: countyId, id, memberId, memberOrgPath: qs.path, orgId: qs.id, orgPath: qs.path, servedOn, startsAt,
    endsAt: new Date(startsAt.getTime() + hours * 3_600_000), minutes: Math.round(hours * 60), place: '青山村党员群众服务中心', content: '值守服务大厅',
    state, source: 'desk', correctsId, createdBy: countyUserId, createdByName: '测试',
  });
  return id;
}

const activity = (s: Session, body: Record<string, unknown>) =>
  call(t.app, s, 'POST', '/api/activities', { kind: 'volunteerService', title: '党员志愿服务', place: '村党员群众服务中心', organizer: '村党支部', ...body });
const behind = async (s: Session, query: string) => {
  const r = await call(t.app, s, 'GET', `/api/compliance/behind?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as ComplianceBehindList;
};
const rowOf = (list: ComplianceBehindList, id: string): ComplianceRow | undefined => list.items.find((r) => r.subjectId === id);

let countyId: string, countyUserId: string;
let activist: { id: string }, formalMidYear: { id: string }, formalShort: { id: string }, probationaryNow: { id: string }, shimenActivist: { id: string };
let central: { id: string }, centralNow: { id: string };
let pairing: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode as typeof byCode;
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  const me = await call(t.app, county, 'GET', '/api/me');
  countyId = me.body.user.countyId;
  countyUserId = me.body.user.id;

  activist = await member(village, 'SFX-QS-QS-B1', '陈积极', { status: 'activist', activistOn: `${PY}-03-01` });
  formalMidYear = await member(village, 'SFX-QS-QS-B1', '王转正', { status: 'formal', activistOn: `${PY - 2}-05-01`, admittedOn: `${PY - 1}-07-01`, fullOn: `${PY}-07-01` });
  formalShort = await member(village, 'SFX-QS-QS-B1', '李差时', { status: 'formal', activistOn: `${PY - 2}-05-01`, admittedOn: `${PY - 1}-07-01`, fullOn: `${PY}-07-01` });
  probationaryNow = await member(village, 'SFX-QS-QS-B1', '赵预备', { status: 'probationary', activistOn: `${CY - 1}-01-01`, admittedOn: `${CY}-01-01` });
  shimenActivist = await member(county, 'SFX-QS-SM', '石门积极', { status: 'activist', activistOn: `${PY}-01-01` });
  central = await member(village, 'SFX-QS-QS-B1', '周中心', { status: 'formal' });
  centralNow = await member(village, 'SFX-QS-QS-B1', '吴楼栋', { status: 'formal' });
  expect((await call(t.app, village, 'POST', `/api/members/${central.id}/positions`, { kind: 'centralHousehold', startedOn: `${PY}-01-01`, endedOn: `${PY}-04-30` })).status).toBe(201);
  expect((await call(t.app, village, 'POST', `/api/members/${centralNow.id}/positions`, { kind: 'centralHousehold', startedOn: today })).status).toBe(201);
  const p = await call(t.app, county, 'POST', '/api/pairings', {
    orgId: byCode('SFX-QS-QS').id, kind: 'assistance', partnerKind: 'enterprise', partnerName: '宜昌测试帮扶公司', startedOn: `${PY}-01-01`,
  });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  pairing = p.body;
});
afterAll(() => t.close());

describe('compliance: access', () => {
  it('refuses anonymous callers, accounts without duty.read, and bad queries naming the field', async () => {
    expect((await call(t.app, null, 'GET', '/api/compliance/summary')).status).toBe(401);
    expect((await call(t.app, dept, 'GET', '/api/compliance/summary')).status).toBe(403);
    expect((await call(t.app, dept, 'GET', '/api/compliance/behind?rule=pairings')).status).toBe(403);
    expect((await call(t.app, village, 'GET', '/api/me/duties')).status).toBe(403);
    const bad = await call(t.app, county, 'GET', '/api/compliance/behind?rule=nonsense&year=1800');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['rule', 'year']));
  });
});

describe('compliance: volunteer hours (篇二 7, pro rata)', () => {
  it('counts only confirmed records not superseded by a confirmed correction, inside the activist period', async () => {
    const a = await record(activist.id, `${PY}-04-10`, 8, 'confirmed');
    const b = await record(activist.id, `${PY}-05-10`, 8, 'confirmed');
    await record(activist.id, `${PY}-05-10`, 6, 'confirmed', b); // confirmed correction: 6 h instead of 8
    await record(activist.id, `${PY}-05-20`, 8, 'pending');
    await record(activist.id, `${PY}-05-21`, 8, 'rejected');
    await record(activist.id, `${PY}-06-01`, 1, 'pending', a); // a pending correction changes nothing yet
    await record(activist.id, `${PY}-02-10`, 8, 'confirmed'); // before the activist period: in the year's hours, not in the requirement
    const list = await behind(county, `rule=volunteerHours&year=${PY}`);
    const row = rowOf(list, activist.id)!;
    const days = daysIn(PY) - dayOfYear(`${PY}-03-01`); // 1 March … 31 December: 306 (365-day year)
    const due = (100 * days) / daysIn(PY);
    expect(row).toMatchObject({ status: 'behind', done: 14, byWhen: `${PY}-12-31`, memberId: activist.id, villageId: byCode('SFX-QS-QS').id });
    expect(row.due).toBeCloseTo(due, 2);
    expect(row.shortBy).toBeCloseTo(due - 14, 1);
    expect(list.required).toBe(100);

    const file = await call(t.app, village, 'GET', `/api/members/${activist.id}/duties?year=${PY}`);
    expect(file.status).toBe(200);
    const v = file.body as MemberDutiesView;
    expect(v.current).toMatchObject({ year: PY, hours: 22, done: 14, periodFrom: `${PY}-03-01`, periodTo: `${PY}-12-31`, status: 'behind' });
    expect(v.recordsLink).toBe(`/volunteer?memberId=${activist.id}`);
    // every year with a requirement or records, newest first: the current year is still in progress
    expect(v.years[0]!.year).toBe(CY);
    expect(v.years.map((y) => y.year)).toEqual(expect.arrayContaining([PY, PY + 1, CY]));
    expect(v.years.find((y) => y.year === CY)!.status).toBe('inProgress');
  });

  it('ends a probationary period on the day the member became formal: met, or behind by 30 June', async () => {
    await record(formalMidYear.id, `${PY}-03-01`, 24, 'confirmed');
    await record(formalMidYear.id, `${PY}-03-02`, 24, 'confirmed');
    await record(formalMidYear.id, `${PY}-03-03`, 2, 'confirmed');
    await record(formalShort.id, `${PY}-03-01`, 10, 'confirmed');
    await record(formalShort.id, `${PY}-08-01`, 24, 'confirmed'); // after full_on: no longer in the period
    const all = await behind(county, `rule=volunteerHours&year=${PY}&all=true`);
    const days = 31 + feb(PY) + 31 + 30 + 31 + 30;
    const met = rowOf(all, formalMidYear.id)!;
    expect(met).toMatchObject({ status: 'met', done: 50, shortBy: 0, byWhen: `${PY}-06-30` });
    expect(met.due).toBeCloseTo((100 * days) / daysIn(PY), 2);
    expect(rowOf(all, formalShort.id)).toMatchObject({ status: 'behind', done: 10, byWhen: `${PY}-06-30` });
    // the default list holds the behind ones only
    const list = await behind(county, `rule=volunteerHours&year=${PY}`);
    expect(rowOf(list, formalMidYear.id)).toBeUndefined();
    expect(rowOf(list, formalShort.id)).toBeDefined();
  });

  it('shows the current year as in progress, never behind, with the shortfall the present pace projects', async () => {
    await record(probationaryNow.id, `${CY}-01-01`, 2, 'confirmed');
    const all = await behind(county, `rule=volunteerHours&year=${CY}&all=true`);
    const row = rowOf(all, probationaryNow.id)!;
    expect(row).toMatchObject({ status: 'inProgress', done: 2, byWhen: `${CY}-12-31` });
    expect(row.projectedShort).not.toBeNull();
    // the default list names those whose pace falls short by the period's end, still as in progress
    const listed = rowOf(await behind(county, `rule=volunteerHours&year=${CY}`), probationaryNow.id);
    if ((row.projectedShort ?? 0) > 0) expect(listed).toMatchObject({ status: 'inProgress' });
    else expect(listed).toBeUndefined();
  });

  it("answers a member's own login from their own record, whatever the scope", async () => {
    const actor: Actor = { userId: countyUserId, countyId, countyPath: '', displayName: '赵预备', role: 'member', orgId: null, departmentId: null, memberId: probationaryNow.id, scope: [] } as unknown as Actor;
    const v = await getMyDuties(t.database.db, actor, {});
    expect(v).toMatchObject({ memberId: probationaryNow.id, year: CY, current: { done: 2, status: 'inProgress' } });
    await expect(getMyDuties(t.database.db, { ...actor, memberId: null }, {})).rejects.toMatchObject({ status: 404 });
  });

  it('answers GET /api/me/duties through a real member login, and nothing of others', async () => {
    const opened = await call(t.app, village, 'POST', `/api/members/${probationaryNow.id}/account`, { username: 'zhao-yubei' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const password = 'Zhao-Yu-Bei-2026!';
    expect((await call(t.app, null, 'POST', '/api/auth/activate', { username: 'zhao-yubei', code: opened.body.activationCode, newPassword: password })).status).toBe(200);
    const me = await login(t.app, 'zhao-yubei', password);
    const own = await call(t.app, me, 'GET', `/api/me/duties?year=${CY}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ memberId: probationaryNow.id, current: { done: 2, status: 'inProgress' } });
    expect((await call(t.app, me, 'GET', `/api/members/${activist.id}/duties`)).status).toBe(403);
    expect((await call(t.app, me, 'GET', '/api/compliance/behind?rule=volunteerHours')).status).toBe(403);
  });
});

describe('compliance: scope', () => {
  it("gives a village cadre only its village's rows, and 404 for a member or org outside it", async () => {
    const county_ = await behind(county, `rule=volunteerHours&year=${PY}&all=true`);
    expect(rowOf(county_, shimenActivist.id)).toBeDefined();
    const own = await behind(village, `rule=volunteerHours&year=${PY}&all=true`);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((r) => r.villageId === byCode('SFX-QS-QS').id)).toBe(true);
    expect(rowOf(own, shimenActivist.id)).toBeUndefined();
    expect((await behind(village, `rule=townships&year=${PY}&all=true`)).items).toEqual([]);
    expect((await call(t.app, village, 'GET', `/api/members/${shimenActivist.id}/duties`)).status).toBe(404);
    expect((await call(t.app, village, 'GET', `/api/compliance/behind?rule=pairings&orgId=${byCode('SFX-QS-SM').id}`)).status).toBe(404);
    // ?orgId narrows the county's list
    const narrowed = await behind(county, `rule=volunteerHours&year=${PY}&all=true&orgId=${byCode('SFX-QS-SM').id}`);
    expect(narrowed.items.map((r) => r.subjectId)).toEqual([shimenActivist.id]);
  });
});

describe('activities: organizer member and pairing', () => {
  it('refuses an organizer outside the area or archived, and a pairing of another village or not active that day', async () => {
    const gone = await member(village, 'SFX-QS-QS-B1', '钱归档', { status: 'formal' });
    expect((await call(t.app, village, 'PATCH', `/api/members/${gone.id}`, { archived: true })).status).toBe(200);
    const r = await activity(village, { heldOn: `${PY}-05-01T10:00:00+08:00`, organizerMemberId: shimenActivist.id, pairingId: pairing.id });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.organizerMemberId).toBe('组织(主讲)党员须为本辖区在册党员');
    expect(r.body.error.fields.pairingId).toBeUndefined();
    expect((await activity(village, { heldOn: `${PY}-05-01T10:00:00+08:00`, organizerMemberId: gone.id })).body.error.fields.organizerMemberId).toBeTruthy();
    const early = await activity(village, { heldOn: `${PY - 1}-12-31T23:30:00+08:00`, pairingId: pairing.id });
    expect(early.status).toBe(422);
    expect(early.body.error.fields.pairingId).toBe('所选结对须为该村(社区)在活动当日有效的结对');
    const elsewhere = await activity(county, { orgId: byCode('SFX-QS-SM').id, heldOn: `${PY}-05-01T10:00:00+08:00`, pairingId: pairing.id });
    expect(elsewhere.status).toBe(422);
    expect(Object.keys(elsewhere.body.error.fields)).toEqual(['pairingId']);
  });

  it('records and lists them', async () => {
    const r = await activity(village, { heldOn: `${PY}-01-15T10:00:00+08:00`, organizerMemberId: central.id, organizer: '周中心' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ organizerMemberId: central.id, organizerMemberName: '周中心', pairingId: null });
    const list = await call(t.app, village, 'GET', `/api/activities?organizerMemberId=${central.id}`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([r.body.id]);
  });
});

describe('compliance: central households (monthly, Asia/Shanghai)', () => {
  it('counts each month the position was held; 23:30 on 31 March is March, 00:30 on 1 April is April', async () => {
    // (January has the activity of the previous test)
    expect((await activity(village, { heldOn: `${PY}-03-31T15:30:00Z`, organizerMemberId: central.id })).status).toBe(201);
    expect((await activity(village, { heldOn: `${PY}-03-31T16:30:00Z`, organizerMemberId: central.id })).status).toBe(201);
    const list = await behind(village, `rule=centralHouseholds&year=${PY}`);
    const row = rowOf(list, central.id)!;
    expect(row.periods.map((p) => [p.key, p.done, p.status])).toEqual([
      [`${PY}-01`, 1, 'met'], [`${PY}-02`, 0, 'behind'], [`${PY}-03`, 1, 'met'], [`${PY}-04`, 1, 'met'],
    ]);
    expect(row).toMatchObject({ status: 'behind', done: 3, due: 4, shortBy: 1, byWhen: `${PY}-02-${feb(PY)}` });
    expect(row.periods[2]!.activityIds).toHaveLength(1);
  });

  it('keeps the current month in progress, not behind', async () => {
    const all = await behind(village, `rule=centralHouseholds&year=${CY}&all=true`);
    const row = rowOf(all, centralNow.id)!;
    expect(row.status).toBe('inProgress');
    expect(row.periods).toHaveLength(1);
    expect(rowOf(await behind(village, `rule=centralHouseholds&year=${CY}`), centralNow.id)).toBeUndefined();
  });
});

describe('compliance: pairing units and townships (quarterly, Asia/Shanghai)', () => {
  it("counts a pairing's activities at its village per quarter", async () => {
    expect((await activity(village, { heldOn: `${PY}-03-31T15:30:00Z`, pairingId: pairing.id })).status).toBe(201);
    expect((await activity(village, { heldOn: `${PY}-03-31T16:30:00Z`, pairingId: pairing.id })).status).toBe(201);
    const row = rowOf(await behind(township, `rule=pairings&year=${PY}`), pairing.id)!;
    expect(row.periods.map((p) => [p.key, p.done, p.status])).toEqual([
      [`${PY}-Q1`, 1, 'met'], [`${PY}-Q2`, 1, 'met'], [`${PY}-Q3`, 0, 'behind'], [`${PY}-Q4`, 0, 'behind'],
    ]);
    expect(row).toMatchObject({ subjectName: '宜昌测试帮扶公司', detail: 'assistance', shortBy: 2, byWhen: `${PY}-09-30` });
    const acts = await call(t.app, village, 'GET', `/api/activities?pairingId=${pairing.id}`);
    expect(acts.body.items).toHaveLength(2);
  });

  it("counts a township's 组团式/订单式 services inside it per quarter", async () => {
    expect((await activity(township, { orgId: byCode('SFX-QS-SM').id, kind: 'groupDoorService', heldOn: `${PY}-03-31T15:30:00Z` })).status).toBe(201);
    expect((await activity(township, { orgId: byCode('SFX-QS-QS').id, kind: 'orderedDoorService', heldOn: `${PY}-06-30T16:30:00Z` })).status).toBe(201);
    expect((await activity(township, { orgId: byCode('SFX-QS-QS').id, kind: 'studyMeeting', heldOn: `${PY}-05-01T10:00:00+08:00` })).status).toBe(201);
    const list = await behind(township, `rule=townships&year=${PY}&all=true`);
    expect(list.items.map((r) => r.subjectId)).toEqual([byCode('SFX-QS').id]);
    expect(list.items[0]!.periods.map((p) => [p.key, p.done, p.status])).toEqual([
      [`${PY}-Q1`, 1, 'met'], [`${PY}-Q2`, 0, 'behind'], [`${PY}-Q3`, 1, 'met'], [`${PY}-Q4`, 0, 'behind'],
    ]);
    const countyList = await behind(county, `rule=townships&year=${PY}`);
    expect(countyList.items.map((r) => r.subjectId)).toEqual(expect.arrayContaining([byCode('SFX-QS').id, byCode('SFX-CG').id, byCode('SFX-HK').id]));
  });
});

describe('compliance: summary and export', () => {
  it('pages a long list and says how many rows it holds', async () => {
    const full = await behind(county, `rule=volunteerHours&year=${PY}&all=true`);
    const first = await behind(county, `rule=volunteerHours&year=${PY}&all=true&limit=1`);
    const second = await behind(county, `rule=volunteerHours&year=${PY}&all=true&limit=1&offset=1`);
    expect(first.matched).toBe(full.items.length);
    expect([...first.items, ...second.items].map((r) => r.subjectId)).toEqual(full.items.slice(0, 2).map((r) => r.subjectId));
    expect((await call(t.app, county, 'GET', '/api/compliance/behind?rule=volunteerHours&limit=0')).status).toBe(400);
  });

  it('sums per township and village', async () => {
    const r = await call(t.app, township, 'GET', `/api/compliance/summary?year=${PY}`);
    expect(r.status).toBe(200);
    const s = r.body as ComplianceSummary;
    const qs = s.units.find((u) => u.orgId === byCode('SFX-QS-QS').id)!;
    expect(qs.rules.volunteerHours).toMatchObject({ behind: 2, met: 1 });
    expect(qs.rules.centralHouseholds.behind).toBe(1);
    expect(qs.rules.pairings.behind).toBe(1);
    const tw = s.units.find((u) => u.orgId === byCode('SFX-QS').id)!;
    expect(tw.rules.townships).toMatchObject({ total: 1, behind: 1 });
    expect(tw.rules.volunteerHours.behind).toBe(3); // 青山村's two and 石门村's one
    expect(s.units.some((u) => u.orgId === byCode('SFX-CG').id)).toBe(false);
  });

  it('exports a behind list to Excel and audits it', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/compliance/behind/export.xlsx?rule=volunteerHours&year=${PY}`, headers: { cookie: county.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(1).values.map(String);
    expect(names).toEqual(expect.arrayContaining(['陈积极', '李差时']));
    const audit = await call(t.app, county, 'GET', '/api/audit?action=export.compliance');
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
  });
});
