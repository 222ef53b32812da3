import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotationView, TrainingCourseView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { addYears } from './training.service.js';

let t: TestContext;
let county: Session, village: Session, dept: Session, shimen: Session;
let byCode: (c: string) => { id: string; name: string };
const today = shanghaiToday();
const dayOffset = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let zhang: string, zhou: string, hd: string, chen: string, plain: string;

const member = async (orgCode: string, name: string) =>
  (await call(t.app, county, 'POST', '/api/members', { orgId: byCode(orgCode).id, name, status: 'formal' })).body.id as string;
const secretary = async (orgCode: string, name: string) => {
  const id = await member(orgCode, name);
  expect((await call(t.app, county, 'POST', `/api/members/${id}/positions`, { kind: 'secretary', startedOn: '2018-01-01' })).status).toBe(201);
  return id;
};
const course = async (s: Session, body: Record<string, unknown>) =>
  call(t.app, s, 'POST', '/api/training-courses', { kind: 'secretaryRotation', title: '书记轮训班', startsOn: dayOffset(body.endsOn as string ?? today, -2), hours: 24, ...body });
const attend = (s: Session, id: string, memberIds: string[]) => call(t.app, s, 'PUT', `/api/training-courses/${id}/attendees`, { memberIds });
const rotationOf = async (s: Session, q = '') => (await call(t.app, s, 'GET', `/api/training/rotation${q}`)).body as RotationView;

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode;
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');
  zhang = await secretary('SFX-QS-QS-B1', '张德明');
  zhou = await secretary('SFX-QS-SM', '周敏');
  hd = await secretary('SFX-HK-HD', '宏达书记');
  chen = await secretary('SFX-QS-BG', '陈白果');
  plain = await member('SFX-QS-QS-B2', '王普通');
});
afterAll(() => t.close());

describe('training courses', () => {
  it('refuses anonymous callers and accounts without duty rights', async () => {
    expect((await call(t.app, null, 'GET', '/api/training-courses')).status).toBe(401);
    expect((await call(t.app, dept, 'GET', '/api/training/rotation')).status).toBe(403);
    expect((await course(dept, { endsOn: today })).status).toBe(403);
  });

  it('refuses an organizer outside the caller’s area and dates out of order, naming the field', async () => {
    const outside = await course(village, { orgId: byCode('SFX-QS-SM').id, endsOn: today });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields).toEqual({ orgId: '主办组织须在您的管辖范围内' });
    const order = await course(village, { startsOn: today, endsOn: dayOffset(today, -1) });
    expect(order.status).toBe(400);
    expect(Object.keys(order.body.error.fields)).toEqual(['endsOn']);
    expect((await call(t.app, county, 'GET', '/api/training-courses')).body.items).toEqual([]);
  });

  let qs: TrainingCourseView;
  it('creates a course of the caller’s org, edits it (audited) and refuses an edit that puts the dates out of order', async () => {
    const r = await course(village, { kind: 'reserveCadre', title: '青山村后备干部培训', endsOn: dayOffset(today, -10), place: '村党员活动室' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    qs = r.body;
    expect(qs).toMatchObject({ orgName: byCode('SFX-QS-QS').name, kind: 'reserveCadre', ended: true, attendeeCount: 0, hours: 24 });
    const bad = await call(t.app, village, 'PATCH', `/api/training-courses/${qs.id}`, { startsOn: today });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ startsOn: '结束日期不能早于开始日期' });
    const ok = await call(t.app, village, 'PATCH', `/api/training-courses/${qs.id}`, { hours: 16, note: '结业考试合格' });
    expect(ok.body).toMatchObject({ hours: 16, note: '结业考试合格' });
    expect((await call(t.app, county, 'GET', '/api/audit?action=training.update')).body.items[0].detail.before.hours).toBe(24);
  });

  it('refuses attendees outside the organizer’s area, listing their names, and changes nothing', async () => {
    const c = (await course(county, { orgId: byCode('SFX-QS').id, title: '青山乡书记轮训', endsOn: dayOffset(today, -30) })).body as TrainingCourseView;
    const r = await attend(county, c.id, [zhang, hd]);
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ memberIds: '以下学员不在主办组织范围内：宏达书记' });
    expect((await call(t.app, county, 'GET', `/api/training-courses/${c.id}`)).body.attendeeCount).toBe(0);
    // a member the caller cannot see is named by id only
    const hidden = await attend(village, qs.id, [plain, zhou]);
    expect(hidden.status).toBe(422);
    expect(hidden.body.error.message).not.toContain('周敏');
    expect((await attend(village, qs.id, [plain, zhang])).body.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['张德明', '王普通'].sort());
  });

  it('shows a village the county course its members attended, with its own attendees only, but not to edit', async () => {
    const c = (await course(county, { title: '全县书记轮训', endsOn: dayOffset(today, -1) })).body as TrainingCourseView;
    expect((await attend(county, c.id, [zhang, zhou])).status).toBe(200);
    const list = (await call(t.app, village, 'GET', `/api/training-courses?year=${today.slice(0, 4)}&kind=secretaryRotation`)).body.items as TrainingCourseView[];
    expect(list.map((x) => x.title)).toContain('全县书记轮训');
    const detail = (await call(t.app, village, 'GET', `/api/training-courses/${c.id}`)).body as TrainingCourseView;
    expect(detail.attendeeCount).toBe(2);
    expect(detail.attendees.map((a) => a.name)).toEqual(['张德明']);
    expect((await call(t.app, village, 'PATCH', `/api/training-courses/${c.id}`, { hours: 1 })).status).toBe(404);
    expect((await attend(village, c.id, [])).status).toBe(404);
    expect((await call(t.app, shimen, 'GET', `/api/training-courses/${qs.id}`)).status).toBe(404);
  });
});

describe('rotation coverage (书记轮训)', () => {
  it('counts a rotation course ended within the window; 3 years and 1 day ago is not covered; a planned course is not', async () => {
    const windowStart = addYears(today, -3);
    const old = (await course(county, { title: '三年前轮训', endsOn: dayOffset(windowStart, -1) })).body as TrainingCourseView;
    expect((await attend(county, old.id, [chen])).status).toBe(200);
    const edge = (await course(county, { title: '窗口首日轮训', endsOn: windowStart })).body as TrainingCourseView;
    expect((await attend(county, edge.id, [hd])).status).toBe(200);
    const planned = (await course(county, { title: '下月轮训', startsOn: dayOffset(today, 20), endsOn: dayOffset(today, 25) })).body as TrainingCourseView;
    expect(planned.ended).toBe(false);
    expect((await attend(county, planned.id, [chen])).status).toBe(200);
    // another kind does not count as rotation
    const other = (await course(county, { kind: 'nonPublicSecretary', title: '非公书记培训', endsOn: dayOffset(today, -5) })).body as TrainingCourseView;
    expect((await attend(county, other.id, [chen])).status).toBe(200);

    const v = await rotationOf(county);
    expect(v).toMatchObject({ rotationYears: 3, windowStart });
    const by = (id: string) => v.secretaries.find((s) => s.memberId === id)!;
    expect(by(chen)).toMatchObject({ covered: false, lastTrainedOn: dayOffset(windowStart, -1), dueBy: addYears(dayOffset(windowStart, -1), 3) });
    expect(by(hd)).toMatchObject({ covered: true, lastTrainedOn: windowStart });
    expect(by(zhang)).toMatchObject({ covered: true, lastTrainedOn: dayOffset(today, -1) });
    expect(by(zhou).covered).toBe(true);
    expect(v.notTrained.map((s) => s.name)).toEqual(['陈白果']);
    expect(v.total).toEqual({ secretaries: 4, covered: 3, coverage: 0.75 });
    expect(v.sectors).toEqual([
      { sector: 'rural', secretaries: 3, covered: 2, coverage: 0.667 },
      { sector: 'private', secretaries: 1, covered: 1, coverage: 1 },
    ]);
    expect((await rotationOf(county, '?sector=private')).secretaries.map((s) => s.name)).toEqual(['宏达书记']);
  });

  it('counts current secretaries only and follows the policy window', async () => {
    const gone = await secretary('SFX-QS-CY', '茶园前书记');
    const pos = (await call(t.app, county, 'GET', `/api/members/${gone}`)).body.positions[0].id as string;
    expect((await call(t.app, county, 'PATCH', `/api/positions/${pos}`, { endedOn: dayOffset(today, -1) })).status).toBe(200);
    expect((await rotationOf(county)).secretaries.map((s) => s.name)).not.toContain('茶园前书记');
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'training.rotationYears': 4 } })).status).toBe(200);
    const v = await rotationOf(county);
    expect(v.rotationYears).toBe(4);
    expect(v.notTrained).toEqual([]);
  });

  it('shows 石门村’s cadre their own secretary only, 404 for 青山村', async () => {
    const v = await rotationOf(shimen);
    expect(v.secretaries.map((s) => s.name)).toEqual(['周敏']);
    expect((await call(t.app, shimen, 'GET', `/api/training/rotation?orgId=${byCode('SFX-QS-QS').id}`)).status).toBe(404);
  });

  it('exports both lists as .xlsx', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/training/rotation/export.xlsx', headers: { cookie: county.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
