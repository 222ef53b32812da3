import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { DutyView, ThreeOnesRow, ThreeOnesView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { activities } from '../fieldwork/fieldwork.tables.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session, shimen: Session;
let byCode: (c: string) => { id: string; name: string; path: string; countyId: string };
const Y = Number(shanghaiToday().slice(0, 4));
const PDF = Buffer.from('%PDF-1.4\n%demo\n').toString('base64');
let zhang: string, li: string, plain: string, former: string, smSec: string;

const member = async (orgCode: string, name: string) =>
  (await call(t.app, county, 'POST', '/api/members', { orgId: byCode(orgCode).id, name, status: 'formal' })).body.id as string;
const position = async (memberId: string, orgCode: string, startedOn: string, endedOn?: string) => {
  const r = await call(t.app, county, 'POST', `/api/members/${memberId}/positions`, { kind: 'secretary', orgId: byCode(orgCode).id, startedOn, endedOn: endedOn ?? null });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
};
const report = (s: Session, body: Record<string, unknown>) =>
  call(t.app, s, 'POST', '/api/duties', {
    kind: 'annualReport', year: Y, reportedOn: `${Y}-01-15`, toUpper: true, toAssembly: true, reviews: { good: 30, fairlyGood: 10, average: 8, poor: 2 }, ...body,
  });
const table = async (s: Session, q = '') => (await call(t.app, s, 'GET', `/api/duties/three-ones?year=${Y}${q}`)).body as ThreeOnesView;
const rowOf = (v: ThreeOnesView, memberId: string) => v.rows.find((r) => r.memberId === memberId) as ThreeOnesRow;
const lecture = (memberId: string, orgCode: string, heldOn: string) =>
  t.database.db.insert(activities).values({
    countyId: byCode(orgCode).countyId, id: uuidv7(), orgId: byCode(orgCode).id, orgPath: byCode(orgCode).path,
    kind: 'partyLecture', title: '书记讲党课', heldOn: new Date(heldOn), place: '村党员活动室', organizer: '书记', organizerMemberId: memberId,
    memberIds: [], otherAttendees: 25, createdBy: uuidv7(),
  });

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode as unknown as typeof byCode;
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');
  zhang = await member('SFX-QS-QS-B1', '张德明');
  await position(zhang, 'SFX-QS-QS', '2020-01-01');
  li = await member('SFX-QS-QS-B1', '李春梅');
  await position(li, 'SFX-QS', '2021-03-01');
  plain = await member('SFX-QS-QS-B1', '王普通');
  former = await member('SFX-QS-QS-B2', '刘前任');
  await position(former, 'SFX-QS-QS-B2', '2015-01-01', `${Y - 1}-06-30`);
  smSec = await member('SFX-QS-SM', '周敏');
  await position(smSec, 'SFX-QS-SM', '2019-01-01');
});
afterAll(() => t.close());

describe('三个一: 述职评议', () => {
  it('refuses anonymous callers and accounts without duty rights', async () => {
    expect((await call(t.app, null, 'GET', '/api/duties/three-ones')).status).toBe(401);
    expect((await call(t.app, dept, 'GET', '/api/duties/three-ones')).status).toBe(403);
    expect((await report(dept, { memberId: zhang })).status).toBe(403);
  });

  it('refuses a member who was not a secretary that year, naming the field', async () => {
    const r = await report(village, { memberId: plain });
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ memberId: `该党员在 ${Y} 年未任书记` });
    // a secretary until last June was one last year, not this year
    expect((await report(village, { memberId: former })).body.error.fields.memberId).toBe(`该党员在 ${Y} 年未任书记`);
    expect((await report(village, { memberId: former, year: Y - 1, reportedOn: `${Y - 1}-03-01` })).status).toBe(201);
    const en = await call(t.app, village, 'POST', '/api/duties', { kind: 'contactPoint', memberId: plain, year: Y, contactOrgId: byCode('SFX-QS-BG').id }, { 'accept-language': 'en' });
    expect(en.body.error.fields).toEqual({ memberId: `This member was not a secretary in ${Y}` });
  });

  it('refuses a report date outside the year or in the future, no reviewers, fields of a contact point', async () => {
    const outside = await report(village, { memberId: zhang, reportedOn: `${Y - 1}-12-31` });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields.reportedOn).toBe(`述职日期须在 ${Y} 年内且不晚于今天`);
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    if (tomorrow.startsWith(String(Y))) expect((await report(village, { memberId: zhang, reportedOn: tomorrow })).body.error.fields.reportedOn).toBeTruthy();
    const none = await report(village, { memberId: zhang, reviews: { good: 0, fairlyGood: 0, average: 0, poor: 0 } });
    expect(none.body.error.fields).toEqual({ reviews: '请至少登记一名评议人的评议结果' });
    const negative = await report(village, { memberId: zhang, reviews: { good: -1, fairlyGood: 0, average: 0, poor: 0 } });
    expect(negative.status).toBe(400);
    const mixed = await report(village, { memberId: zhang, contactOrgId: byCode('SFX-QS-BG').id });
    expect(Object.keys(mixed.body.error.fields)).toEqual(['contactOrgId']);
    const future = await report(village, { memberId: zhang, year: Y + 1, reportedOn: `${Y + 1}-01-05` });
    expect(future.body.error.fields.year).toBe('年度不能晚于今年');
    expect((await table(county)).totals.annualReport).toBe(0);
  });

  let d: DutyView;
  it('records a report with its file and computes the satisfaction rate (好+较好)/all', async () => {
    const r = await report(village, { memberId: zhang, upperComment: '履职尽责', report: { name: '述职报告.pdf', mime: 'application/pdf', data: PDF } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    d = r.body;
    expect(d).toMatchObject({ kind: 'annualReport', memberName: '张德明', orgName: byCode('SFX-QS-QS').name, reviewers: 50, satisfactionRate: 0.8, satisfied: true, closed: false });
    expect(d.files.map((f) => f.name)).toEqual(['述职报告.pdf']);
    const file = await t.app.inject({ method: 'GET', url: `/api/duties/${d.id}/files/${d.files[0]!.id}`, headers: { cookie: county.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('latin1')).toBe(Buffer.from(PDF, 'base64').toString('latin1'));
    expect((await call(t.app, shimen, 'GET', `/api/duties/${d.id}/files/${d.files[0]!.id}`)).status).toBe(404);
    const row = rowOf(await table(village), zhang);
    expect(row.annualReport).toMatchObject({ done: true, dutyId: d.id, satisfactionRate: 0.8, reviewers: 50 });
  });

  it('refuses a second report of the same year', async () => {
    const r = await report(county, { memberId: zhang, reportedOn: `${Y}-02-01` });
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ year: `该书记 ${Y} 年的述职已登记` });
  });

  it('edits the tallies until the year ends, audited; a past year is closed', async () => {
    const r = await call(t.app, village, 'PATCH', `/api/duties/${d.id}`, { reviews: { good: 10, fairlyGood: 10, average: 15, poor: 5 }, upperComment: '需加强' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ satisfactionRate: 0.5, satisfied: false, upperComment: '需加强' });
    const audit = await call(t.app, county, 'GET', '/api/audit?action=secretaryDuty.update');
    expect(audit.body.items[0].detail).toMatchObject({ before: { reviews: { good: 30 } }, changes: { reviews: { good: 10 } } });
    const past = (await call(t.app, county, 'GET', `/api/duties/three-ones?year=${Y - 1}`)).body as ThreeOnesView;
    const old = rowOf(past, former).annualReport.dutyId!;
    const closed = await call(t.app, county, 'PATCH', `/api/duties/${old}`, { upperComment: '补记' });
    expect(closed.status).toBe(422);
    expect(closed.body.error.message).toBe(`${Y - 1} 年已结束，不能再修改`);
  });
});

describe('三个一: 联系点 and 党课', () => {
  it('refuses the secretary’s own org or an unknown org as contact point', async () => {
    const own = await call(t.app, village, 'POST', '/api/duties', { kind: 'contactPoint', memberId: zhang, year: Y, contactOrgId: byCode('SFX-QS-QS').id });
    expect(own.status).toBe(422);
    expect(own.body.error.fields).toEqual({ contactOrgId: '联系点须为本县的其他党组织（不能是书记本人所在组织）' });
    const unknown = await call(t.app, village, 'POST', '/api/duties', { kind: 'contactPoint', memberId: zhang, year: Y, contactOrgId: uuidv7() });
    expect(unknown.body.error.fields.contactOrgId).toBeTruthy();
    const withTallies = await call(t.app, village, 'POST', '/api/duties', { kind: 'contactPoint', memberId: zhang, year: Y, contactOrgId: byCode('SFX-QS-BG').id, reviews: { good: 1, fairlyGood: 0, average: 0, poor: 0 } });
    expect(Object.keys(withTallies.body.error.fields)).toEqual(['reviews']);
  });

  it('counts a contact point only with a visit or activity of the secretary there during the year', async () => {
    const p = await call(t.app, township, 'POST', '/api/duties', { kind: 'contactPoint', memberId: li, year: Y, contactOrgId: byCode('SFX-QS-SM').id });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body.records).toEqual([]);
    expect(rowOf(await table(township), li).contactPoint).toMatchObject({ done: false, count: 0 });
    // demo-township is “青山乡党委 李春梅”: her visit to a 石门村 group is a record of the contact point
    const group = (await demoOrgs(t.app)).orgs.find((o) => o.code === 'SFX-QS-SM-G1')!;
    const v = await call(t.app, township, 'POST', '/api/visits', { groupOrgId: group.id, visitedAt: new Date().toISOString(), purpose: '联系点调研' });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const row = rowOf(await table(township), li);
    expect(row.contactPoint).toMatchObject({ done: true, count: 1 });
    expect(row.contactPoint.points[0]!.visitIds).toEqual([v.body.id]);
    expect((await call(t.app, township, 'GET', `/api/duties/${p.body.id}`)).body.records.map((x: { id: string }) => x.id)).toEqual([v.body.id]);
  });

  it('counts a contact point’s records in their Asia/Shanghai year; a contact point has no review', async () => {
    const group = (await demoOrgs(t.app)).orgs.find((o) => o.code === 'SFX-QS-SM-G2')!;
    const before = rowOf(await table(township), li).contactPoint.points[0]!.visitIds;
    // 23:30 on 31 Dec of last year (15:30 UTC, the same UTC day): last year's record, not this year's
    const late = await call(t.app, township, 'POST', '/api/visits', { groupOrgId: group.id, visitedAt: `${Y - 1}-12-31T23:30:00+08:00`, purpose: '年末走访' });
    expect(late.status).toBe(201);
    expect(rowOf(await table(township), li).contactPoint.points[0]!.visitIds).toEqual(before);
    const old = await call(t.app, township, 'POST', '/api/duties', { kind: 'contactPoint', memberId: li, year: Y - 1, contactOrgId: byCode('SFX-QS-SM').id });
    expect(old.status).toBe(201);
    expect(old.body.records.map((x: { id: string }) => x.id)).toEqual([late.body.id]);
    const p = rowOf(await table(township), li).contactPoint.points[0]!;
    const r = await call(t.app, township, 'PATCH', `/api/duties/${p.dutyId}`, { reviews: { good: 1, fairlyGood: 0, average: 0, poor: 0 } });
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ reviews: '只有述职评议记录才有评议结果' });
  });

  it('counts an activity there that the secretary attended', async () => {
    const p = await call(t.app, village, 'POST', '/api/duties', { kind: 'contactPoint', memberId: zhang, year: Y, contactOrgId: byCode('SFX-QS-BG').id, note: '联系白果村' });
    expect(p.status).toBe(201);
    expect(rowOf(await table(county), zhang).contactPoint.done).toBe(false);
    const a = await call(t.app, township, 'POST', '/api/activities', {
      orgId: byCode('SFX-QS-BG').id, kind: 'studyMeeting', title: '联系点党员学习会', heldOn: new Date().toISOString(), place: '白果村村委会', organizer: '白果村党支部', memberIds: [zhang],
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const row = rowOf(await table(county), zhang);
    expect(row.contactPoint).toMatchObject({ done: true, count: 1 });
    expect(row.contactPoint.points[0]!.activityIds).toEqual([a.body.id]);
  });

  it('counts a 党课 in its Asia/Shanghai year: 23:30 on 31 Dec is the old year, 00:30 on 1 Jan the new one', async () => {
    await lecture(zhang, 'SFX-QS-QS', `${Y - 1}-12-31T23:30:00+08:00`);
    expect(rowOf((await call(t.app, county, 'GET', `/api/duties/three-ones?year=${Y - 1}`)).body, zhang).partyLecture).toMatchObject({ done: true, count: 1 });
    expect(rowOf(await table(county), zhang).partyLecture).toMatchObject({ done: false, count: 0 });
    await lecture(zhang, 'SFX-QS-QS', `${Y}-01-01T00:30:00+08:00`);
    const row = rowOf(await table(county), zhang);
    expect(row.partyLecture).toMatchObject({ done: true, count: 1 });
    expect(row.partyLecture.lectures[0]).toMatchObject({ heldOn: new Date(`${Y}-01-01T00:30:00+08:00`).toISOString(), attendance: 25 });
    expect(row.doneCount).toBe(3);
    expect(rowOf((await call(t.app, county, 'GET', `/api/duties/three-ones?year=${Y - 1}`)).body, zhang).partyLecture.count).toBe(1);
  });
});

describe('三个一: the table, scope and export', () => {
  it('lists every secretary of the year with totals, filtered by org and sector', async () => {
    const v = await table(county);
    expect(v.rows.map((r) => r.memberName).sort()).toEqual(['周敏', '张德明', '李春梅'].sort());
    expect(v.required).toMatchObject({ annualReports: 1, contactPoints: 1, partyLectures: 1, satisfiedPercent: 80 });
    expect(v.totals).toMatchObject({ secretaries: 3, annualReport: 1, contactPoint: 2, partyLecture: 1, allDone: 1 });
    expect((await table(county, `&orgId=${byCode('SFX-QS-SM').id}`)).rows.map((r) => r.memberName)).toEqual(['周敏']);
    expect((await table(county, '&sector=private')).rows).toEqual([]);
  });

  it('shows 石门村’s cadre no 青山村 rows, answers 404 for their records and refuses their secretaries', async () => {
    const v = await table(shimen);
    expect(v.rows.map((r) => r.memberName)).toEqual(['周敏']);
    const zhangDuty = rowOf(await table(county), zhang).annualReport.dutyId!;
    expect((await call(t.app, shimen, 'GET', `/api/duties/${zhangDuty}`)).status).toBe(404);
    expect((await call(t.app, shimen, 'PATCH', `/api/duties/${zhangDuty}`, { upperComment: 'x' })).status).toBe(404);
    expect((await report(shimen, { memberId: zhang })).body.error.fields.memberId).toBe(`该党员在 ${Y} 年未任书记`);
    expect((await call(t.app, shimen, 'GET', `/api/duties/three-ones?orgId=${byCode('SFX-QS-QS').id}`)).status).toBe(404);
  });

  it('exports the table as .xlsx', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/duties/three-ones/export.xlsx?year=${Y}`, headers: { cookie: county.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
