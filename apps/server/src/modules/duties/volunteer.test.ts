import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { SyncResult, VolunteerRecordView } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { hashPassword } from '../../platform/auth/password.js';
import { countingVolunteerRecords } from './volunteer.service.js';

let t: TestContext;
let county: Session, township: Session, village: Session, village2: Session, shimen: Session, dept: Session, own: Session, samePhone: Session;
let byCode: (c: string) => { id: string; name: string; path?: string };
/** 青山村 activist (has her own login), 民政局 probationary member (its branch pairs with 青山村), 石门村 member */
let hong: { id: string }, ming: { id: string }, shi: { id: string }, gone: { id: string };
const HONG_PHONE = '13900001111';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

/** a Shanghai wall-clock instant `daysAgo` days before today */
const shDay = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const recordCount = async () => (await q<{ n: number }>(sql`select count(*)::int as n from volunteer_records`))[0]!.n;

const desk = (s: Session, body: Record<string, unknown>) => call(t.app, s, 'POST', '/api/volunteer-records', {
  orgId: byCode('SFX-QS-QS').id, place: '青山村党员群众服务中心', content: '协助代办医保缴费', ...body,
});
const sync = (s: Session, records: unknown[]) => call(t.app, s, 'POST', '/api/sync', { records });

async function account(username: string, displayName: string, orgCode: string, phone?: string): Promise<Session> {
  const password = 'Vol-Teer-2026x';
  const r = await call(t.app, county, 'POST', '/api/users', { username, displayName, role: 'villageCadre', orgId: byCode(orgCode).id, password, ...(phone ? { phone } : {}) });
  expect(r.status).toBe(201);
  return login(t.app, username, password);
}

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode as typeof byCode;
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  village2 = await account('qs-wei', '青山村副书记 魏兰', 'SFX-QS-QS');
  shimen = await account('sm-zhou', '石门村书记 周敏', 'SFX-QS-SM');
  // a cadre account with the activist's own phone: the same person, who may not confirm her own hours
  samePhone = await account('qs-hong', '青山村文书 王小红', 'SFX-QS-QS', HONG_PHONE);

  hong = (await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '王小红', status: 'activist', activistOn: '2026-03-01', phone: HONG_PHONE })).body;
  ming = (await call(t.app, county, 'POST', '/api/members', { orgId: byCode('SFX-JG-MZ').id, name: '李明', status: 'probationary', activistOn: '2024-05-01', admittedOn: '2026-06-01' })).body;
  shi = (await call(t.app, county, 'POST', '/api/members', { orgId: byCode('SFX-QS-SM').id, name: '赵石', status: 'activist', activistOn: '2026-01-05' })).body;
  gone = (await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '钱已转', status: 'activist', activistOn: '2025-01-05' })).body;
  expect((await call(t.app, village, 'PATCH', `/api/members/${gone.id}`, { archived: true })).status).toBe(200);
  for (const m of [hong, ming, shi]) expect(m.id).toBeTruthy();

  // 县民政局机关党支部 ↔ 青山村 (结对共建, as in the demo)
  const qs = (await q<{ path: string }>(sql`select path::text as path from orgs where id = ${byCode('SFX-QS-QS').id}::uuid`))[0]!;
  await t.database.db.execute(sql`insert into pairings (county_id, id, org_id, org_path, kind, partner_kind, partner_org_id, partner_name, started_on)
    select county_id, ${uuidv7()}::uuid, id, path, 'coBuilding', 'org', ${byCode('SFX-JG-MZ').id}::uuid, '县民政局机关党支部', '2024-03-01'::date from orgs where path = ${qs.path}::ltree`);

  // the activist's own login (role member), bound to her member record — made here directly (another part builds the activation)
  const [m] = await q<{ countyId: string; orgId: string; path: string }>(sql`select county_id as "countyId", org_id as "orgId", org_path::text as path from members where id = ${hong.id}::uuid`);
  const userId = uuidv7();
  await t.database.db.execute(sql`insert into users (county_id, id, username, display_name, role, member_id, org_id, org_path, password_hash)
    values (${m!.countyId}::uuid, ${userId}::uuid, 'wxh-self', '王小红', 'member', ${hong.id}::uuid, ${m!.orgId}::uuid, ${m!.path}::ltree, ${await hashPassword(DEMO_PASSWORD)})`);
  await t.database.db.execute(sql`insert into login_names (username, county_id, user_id) values ('wxh-self', ${m!.countyId}::uuid, ${userId}::uuid)`);
  own = await login(t.app, 'wxh-self');
});
afterAll(() => t.close());

describe('volunteer records: access', () => {
  it('answers 401 without a session and 403 without the permission', async () => {
    expect((await call(t.app, null, 'GET', '/api/volunteer-records')).status).toBe(401);
    expect((await call(t.app, dept, 'GET', '/api/volunteer-records')).status).toBe(403);
    expect((await call(t.app, dept, 'POST', '/api/volunteer-records', {})).status).toBe(403);
    // a member's own login: its own routes only
    expect((await call(t.app, own, 'GET', '/api/volunteer-records')).status).toBe(403);
    expect((await call(t.app, village, 'GET', '/api/me/volunteer-records')).status).toBe(403);
    expect((await call(t.app, own, 'POST', `/api/volunteer-records/${uuidv7()}/confirm`)).status).toBe(403);
  });
});

describe('volunteer records: logging', () => {
  it('logs a record for a member; hours are derived and the day is the Shanghai day', async () => {
    const day = shDay(3);
    const r = await desk(village, { memberId: hong.id, startsAt: at(day, '08:30'), endsAt: at(day, '11:00'), photos: [{ name: 'a.png', mime: 'image/png', data: PNG }] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      memberId: hong.id, memberName: '王小红', memberStatus: 'activist', orgId: byCode('SFX-QS-QS').id, servedOn: day, minutes: 150, hours: 2.5,
      state: 'pending', source: 'desk', pairingId: null, counts: false, superseded: false, canReview: false, createdByName: expect.any(String),
    });
    expect(r.body.photos).toHaveLength(1);
    const file = await t.app.inject({ url: `/api/volunteer-records/${r.body.id}/photos/${r.body.photos[0].id}`, headers: { cookie: village2.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await t.app.inject({ url: `/api/volunteer-records/${r.body.id}/photos/${r.body.photos[0].id}`, headers: { cookie: shimen.cookie } })).statusCode).toBe(404);
    // her own login sees her photo; the audit log has the entry
    expect((await t.app.inject({ url: `/api/me/volunteer-records/${r.body.id}/photos/${r.body.photos[0].id}`, headers: { cookie: own.cookie } })).statusCode).toBe(200);
    const [audit] = await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'volunteer.create' and entity_id = ${r.body.id}`);
    expect(audit!.n).toBe(1);
    // found by the initials of her name
    expect((await call(t.app, village, 'GET', '/api/volunteer-records?q=wxh')).body.items.map((x: VolunteerRecordView) => x.id)).toContain(r.body.id);
    // the creator cannot review it; another cadre of the village can
    const seen = await call(t.app, village2, 'GET', `/api/volunteer-records/${r.body.id}`);
    expect(seen.body.canReview).toBe(true);
  });

  it('names each broken rule in the user’s language and stores nothing', async () => {
    const day = shDay(5);
    expect((await desk(village, { memberId: hong.id, startsAt: at(day, '08:00'), endsAt: at(day, '12:00') })).status).toBe(201);
    const before = await recordCount();
    const fields = async (s: Session, body: Record<string, unknown>, lang = 'zh-CN') => {
      const r = await call(t.app, s, 'POST', '/api/volunteer-records', { orgId: byCode('SFX-QS-QS').id, place: '服务中心', content: '值守', ...body }, { 'accept-language': lang });
      expect(r.status).toBe(422);
      return r.body.error.fields as Record<string, string>;
    };
    const future = new Date(Date.now() + 2 * 3_600_000);
    expect(await fields(village, { memberId: hong.id, startsAt: future.toISOString(), endsAt: new Date(future.getTime() + 3_600_000).toISOString() }))
      .toMatchObject({ startsAt: '服务时间不能晚于现在' });
    expect(await fields(village, { memberId: hong.id, startsAt: at(shDay(6), '10:00'), endsAt: at(shDay(6), '09:00') })).toEqual({ endsAt: '结束时间须晚于开始时间，一次服务不超过 24 小时' });
    expect(await fields(village, { memberId: hong.id, startsAt: at(shDay(8), '10:00'), endsAt: at(shDay(7), '10:30') })).toEqual({ endsAt: '结束时间须晚于开始时间，一次服务不超过 24 小时' });
    // overlapping her 08:00–12:00 record of that day
    expect(await fields(village, { memberId: hong.id, startsAt: at(day, '11:00'), endsAt: at(day, '13:00') })).toEqual({ startsAt: `与该党员 ${day} 08:00–12:00 的另一条志愿服务记录时间重叠` });
    expect((await fields(village, { memberId: hong.id, startsAt: at(day, '11:00'), endsAt: at(day, '13:00') }, 'en')).startsAt).toContain('Overlaps another record');
    // more than 24 h on one day, with no overlap: 08–12 and 12:00–20:00 stand, then 20:00 → next day 10:00 (14 h)
    expect((await desk(village, { memberId: hong.id, startsAt: at(day, '12:00'), endsAt: at(day, '20:00') })).status).toBe(201);
    expect(await fields(village, { memberId: hong.id, startsAt: at(day, '20:00'), endsAt: at(shDay(4), '10:00') })).toEqual({ endsAt: `该党员 ${day} 的志愿服务合计将超过 24 小时` });
    const counted = await recordCount();
    expect(counted).toBe(before + 1);
    const ok = { startsAt: at(shDay(9), '09:00'), endsAt: at(shDay(9), '10:00') };
    expect(await fields(village, { memberId: gone.id, ...ok })).toEqual({ memberId: '该党员已归档（出党、去世或转出），不能登记志愿服务' });
    // not the member's village nor a pairing village of hers; not a village at all
    expect(await fields(village, { memberId: hong.id, ...ok, orgId: byCode('SFX-QS-SM').id })).toEqual({ orgId: '服务地点须为该党员所在村(社区)或其当日的结对帮扶村(社区)' });
    expect((await fields(village, { memberId: hong.id, ...ok, orgId: byCode('SFX-QS').id })).orgId).toContain('服务地点');
    // a member outside the caller's area
    expect(await fields(shimen, { memberId: hong.id, ...ok, orgId: byCode('SFX-QS-SM').id })).toEqual({ memberId: '请选择本辖区在册的党员' });
    // an activity of another village
    const elsewhere = await call(t.app, county, 'POST', '/api/activities', {
      orgId: byCode('SFX-QS-SM').id, kind: 'volunteerService', title: '石门村志愿服务', heldOn: new Date(Date.now() - 86_400_000).toISOString(), place: '石门村', organizer: '周敏',
    });
    expect(elsewhere.status).toBe(201);
    expect(await fields(village, { memberId: hong.id, ...ok, activityId: elsewhere.body.id })).toEqual({ activityId: '所选活动不是该村(社区)的活动' });
    // correcting a record that is not confirmed
    const pending = (await desk(village, { memberId: hong.id, ...ok })).body as VolunteerRecordView;
    expect(await fields(village, { memberId: hong.id, startsAt: at(shDay(10), '09:00'), endsAt: at(shDay(10), '10:00'), correctsId: pending.id }))
      .toEqual({ correctsId: '只能更正该党员已确认的记录' });
    expect(await recordCount()).toBe(counted + 1);
    // malformed input is a 400 naming the field
    const bad = await call(t.app, village, 'POST', '/api/volunteer-records', { orgId: byCode('SFX-QS-QS').id, memberId: hong.id, ...ok, place: '', content: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.place).toBeTruthy();
  });

  it('takes a pairing village for a member of the pairing unit and records the pairing', async () => {
    const day = shDay(12);
    const r = await desk(county, { memberId: ming.id, startsAt: at(day, '14:00'), endsAt: at(day, '17:30'), place: '青山村便民服务室', content: '低保政策宣讲' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ minutes: 210, hours: 3.5, pairingId: expect.any(String), pairingName: '县民政局机关党支部', orgName: byCode('SFX-QS-QS').name });
    // the village's cadres see it (the place is theirs) and may confirm it
    const list = await call(t.app, village2, 'GET', `/api/volunteer-records?memberId=${ming.id}`);
    expect(list.body.items.map((x: VolunteerRecordView) => x.id)).toContain(r.body.id);
    // the pairing is not with 石门村
    expect((await desk(county, { memberId: ming.id, startsAt: at(day, '08:00'), endsAt: at(day, '09:00'), orgId: byCode('SFX-QS-SM').id })).body.error.fields.orgId).toContain('结对帮扶');
  });
});

describe('volunteer records: review', () => {
  let rec: VolunteerRecordView;
  beforeAll(async () => {
    const day = shDay(15);
    rec = (await desk(village, { memberId: hong.id, startsAt: at(day, '09:00'), endsAt: at(day, '11:30') })).body;
  });

  it('keeps another village’s records out of sight: 404', async () => {
    expect((await call(t.app, shimen, 'GET', `/api/volunteer-records/${rec.id}`)).status).toBe(404);
    expect((await call(t.app, shimen, 'POST', `/api/volunteer-records/${rec.id}/confirm`)).status).toBe(404);
    expect((await call(t.app, shimen, 'POST', `/api/volunteer-records/${rec.id}/reject`, { reason: '不实' })).status).toBe(404);
    const list = await call(t.app, shimen, 'GET', '/api/volunteer-records');
    expect(list.body.items.map((x: VolunteerRecordView) => x.memberId)).not.toContain(hong.id);
  });

  it('refuses self-confirmation: the account that logged it, and a cadre who is that member', async () => {
    const byCreator = await call(t.app, village, 'POST', `/api/volunteer-records/${rec.id}/confirm`);
    expect(byCreator.status).toBe(403);
    expect(byCreator.body.error.code).toBe('volunteer.ownRecord');
    const byHerself = await call(t.app, samePhone, 'POST', `/api/volunteer-records/${rec.id}/confirm`);
    expect(byHerself.status).toBe(403);
    expect(byHerself.body.error.code).toBe('volunteer.ownRecord');
    expect((await call(t.app, samePhone, 'GET', `/api/volunteer-records/${rec.id}`)).body.canReview).toBe(false);
    // her own login logs one: no cadre bound to her can confirm it, the other cadre can
    const day = shDay(16);
    const mine = await call(t.app, own, 'POST', '/api/me/volunteer-records', { orgId: byCode('SFX-QS-QS').id, startsAt: at(day, '09:00'), endsAt: at(day, '10:00'), place: '服务中心', content: '打扫卫生' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ source: 'phone', createdByName: '王小红', state: 'pending' });
    expect((await call(t.app, samePhone, 'POST', `/api/volunteer-records/${mine.body.id}/confirm`)).status).toBe(403);
    expect((await call(t.app, village2, 'POST', `/api/volunteer-records/${mine.body.id}/confirm`)).body.state).toBe('confirmed');
  });

  it('confirms a pending record once; rejecting needs a reason; reviewed records are 409', async () => {
    const queue = await call(t.app, village2, 'GET', '/api/volunteer-records?toConfirm=true&pageSize=200');
    expect(queue.body.items.every((x: VolunteerRecordView) => x.canReview && x.state === 'pending')).toBe(true);
    expect(queue.body.items.map((x: VolunteerRecordView) => x.id)).toContain(rec.id);
    expect((await call(t.app, village, 'GET', '/api/volunteer-records?toConfirm=true&pageSize=200')).body.items.map((x: VolunteerRecordView) => x.id)).not.toContain(rec.id);

    const ok = await call(t.app, village2, 'POST', `/api/volunteer-records/${rec.id}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'confirmed', reviewerName: '青山村副书记 魏兰', counts: true, canReview: false });
    const again = await call(t.app, township, 'POST', `/api/volunteer-records/${rec.id}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('volunteer.notPending');
    expect((await call(t.app, township, 'POST', `/api/volunteer-records/${rec.id}/reject`, { reason: '重复' })).status).toBe(409);

    const day = shDay(17);
    const other = (await desk(village, { memberId: hong.id, startsAt: at(day, '09:00'), endsAt: at(day, '10:00') })).body as VolunteerRecordView;
    const noReason = await call(t.app, township, 'POST', `/api/volunteer-records/${other.id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toBeTruthy();
    const rejected = await call(t.app, township, 'POST', `/api/volunteer-records/${other.id}/reject`, { reason: '当日未到岗' });
    expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: '当日未到岗', counts: false });
    // a rejected record no longer blocks its time slot
    expect((await desk(village, { memberId: hong.id, startsAt: at(day, '09:00'), endsAt: at(day, '10:00') })).status).toBe(201);
  });

  it('only a cadre of the place confirms: the member’s own cadres see the record but cannot confirm it', async () => {
    // 青山村 ↔ 石门村 (强村带弱村): 青山村's members may serve at 石门村
    const pairingId = uuidv7();
    await t.database.db.execute(sql`insert into pairings (county_id, id, org_id, org_path, kind, partner_kind, partner_org_id, partner_name, started_on)
      select county_id, ${pairingId}::uuid, id, path, 'coBuilding', 'org', ${byCode('SFX-QS-SM').id}::uuid, '中共石门村支部委员会', '2025-01-01'::date
        from orgs where id = ${byCode('SFX-QS-QS').id}::uuid`);
    const day = shDay(18);
    const r = await desk(village, { memberId: hong.id, orgId: byCode('SFX-QS-SM').id, startsAt: at(day, '09:00'), endsAt: at(day, '10:00'), place: '石门村便民服务室' });
    expect(r.status).toBe(201);
    expect(r.body.pairingId).toBe(pairingId);
    const byOwnCadre = await call(t.app, village2, 'POST', `/api/volunteer-records/${r.body.id}/confirm`);
    expect(byOwnCadre.status).toBe(403);
    expect(byOwnCadre.body.error.code).toBe('volunteer.reviewScope');
    // 石门村's cadre sees it in the queue (the place is theirs) and confirms it
    const queue = await call(t.app, shimen, 'GET', '/api/volunteer-records?toConfirm=true');
    expect(queue.body.items.map((x: VolunteerRecordView) => x.id)).toEqual([r.body.id]);
    expect((await call(t.app, shimen, 'POST', `/api/volunteer-records/${r.body.id}/confirm`)).body.state).toBe('confirmed');
    // but not her other records
    expect((await call(t.app, shimen, 'GET', `/api/volunteer-records?memberId=${hong.id}`)).body.items.map((x: VolunteerRecordView) => x.id)).toEqual([r.body.id]);
  });
});

describe('volunteer records: corrections', () => {
  it('a correction references the old record, which stays unchanged and stops counting once the correction is confirmed', async () => {
    const day = shDay(20);
    const old = (await desk(village, { memberId: hong.id, startsAt: at(day, '09:00'), endsAt: at(day, '11:00') })).body as VolunteerRecordView;
    await call(t.app, village2, 'POST', `/api/volunteer-records/${old.id}/confirm`);
    const rowBefore = (await q<Record<string, unknown>>(sql`select * from volunteer_records where id = ${old.id}::uuid`))[0];
    // the same shift, 3 h instead of 2 (it overlaps the record it corrects: allowed)
    const fix = await desk(village, { memberId: hong.id, startsAt: at(day, '09:00'), endsAt: at(day, '12:00'), correctsId: old.id, content: '协助代办医保缴费（更正时长）' });
    expect(fix.status).toBe(201);
    expect(fix.body).toMatchObject({ correctsId: old.id, state: 'pending', minutes: 180 });
    // one correction at a time
    const second = await desk(village, { memberId: hong.id, startsAt: at(day, '09:00'), endsAt: at(day, '12:30'), correctsId: old.id });
    expect(second.status).toBe(422);
    expect(second.body.error.fields).toMatchObject({ correctsId: '该记录已有待审核或已确认的更正记录' });

    let a = (await call(t.app, village2, 'GET', `/api/volunteer-records/${old.id}`)).body;
    expect(a).toMatchObject({ correctedById: fix.body.id, superseded: false, counts: true, canCorrect: false });
    expect(a.correctedBy.map((x: VolunteerRecordView) => x.id)).toEqual([fix.body.id]);
    const totals = async () => (await call(t.app, village2, 'GET', `/api/volunteer-records?memberId=${hong.id}&from=${day}&to=${day}`)).body.totals;
    expect(await totals()).toEqual({ confirmedHours: 2, pendingHours: 3 });

    expect((await call(t.app, village2, 'POST', `/api/volunteer-records/${fix.body.id}/confirm`)).body.counts).toBe(true);
    a = (await call(t.app, village2, 'GET', `/api/volunteer-records/${old.id}`)).body;
    expect(a).toMatchObject({ state: 'confirmed', superseded: true, counts: false, minutes: 120 });
    const b = (await call(t.app, village2, 'GET', `/api/volunteer-records/${fix.body.id}`)).body;
    expect(b.corrects).toMatchObject({ id: old.id, superseded: true });
    expect(await totals()).toEqual({ confirmedHours: 3, pendingHours: 0 });
    expect((await q<Record<string, unknown>>(sql`select * from volunteer_records where id = ${old.id}::uuid`))[0]).toEqual(rowBefore);
    // the shared counting rule gives the same answer
    const [counted] = await q<{ minutes: number }>(sql`select coalesce(sum(v.minutes), 0)::int as minutes from ${countingVolunteerRecords(rowBefore!.county_id as string)} v
      where v.member_id = ${hong.id}::uuid and v.served_on = ${day}::date`);
    expect(counted!.minutes).toBe(180);
  });
});

describe('volunteer records: a member’s own login and the phone outbox', () => {
  const payload = (daysAgo: number, over: Record<string, unknown> = {}) => ({
    orgId: byCode('SFX-QS-QS').id, startsAt: at(shDay(daysAgo), '15:00'), endsAt: at(shDay(daysAgo), '16:30'), place: '青山村党员群众服务中心', content: '陪护空巢老人', ...over,
  });

  it('syncs a record once: the same id again is a duplicate, with other content a conflict', async () => {
    const id = uuidv7();
    const rec = { id, type: 'volunteerRecord', payload: payload(25) };
    const first = await sync(own, [rec]);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([{ id, status: 'created' }]);
    expect((await sync(own, [rec])).body.results).toEqual([{ id, status: 'duplicate' }]);
    const changed = (await sync(own, [{ ...rec, payload: payload(25, { content: '另一件事' }) }])).body.results[0] as SyncResult;
    expect(changed.status).toBe('conflict');
    expect((await q<{ n: number }>(sql`select count(*)::int as n from volunteer_records where id = ${id}::uuid`))[0]!.n).toBe(1);
    const seen = await call(t.app, village2, 'GET', `/api/volunteer-records/${id}`);
    expect(seen.body).toMatchObject({ memberId: hong.id, source: 'phone', minutes: 90, content: '陪护空巢老人' });
  });

  it('refuses a member logging for someone else or sending field work; names the fields of a bad record', async () => {
    const [other] = (await sync(own, [{ id: uuidv7(), type: 'volunteerRecord', payload: payload(26, { memberId: shi.id }) }])).body.results as SyncResult[];
    expect(other!.status).toBe('invalid');
    expect(other!.fields).toEqual({ memberId: '请选择本辖区在册的党员' });
    const [visit] = (await sync(own, [{ id: uuidv7(), type: 'visit', payload: {} }])).body.results as SyncResult[];
    expect(visit!.status).toBe('invalid');
    const [overlap] = (await sync(own, [{ id: uuidv7(), type: 'volunteerRecord', payload: payload(25) }])).body.results as SyncResult[];
    expect(overlap!.status).toBe('invalid');
    expect(Object.keys(overlap!.fields ?? {})).toEqual(['startsAt']);
    // a cadre's phone logs for a member of the area
    const [byCadre] = (await sync(village, [{ id: uuidv7(), type: 'volunteerRecord', payload: payload(27, { memberId: hong.id }) }])).body.results as SyncResult[];
    expect(byCadre!.status).toBe('created');
  });

  it('shows the member her own records and the year’s confirmed and pending hours', async () => {
    const year = Number(shDay(0).slice(0, 4));
    const mine = await call(t.app, own, 'GET', `/api/me/volunteer-records?year=${year}`);
    expect(mine.status).toBe(200);
    expect(mine.body.memberName).toBe('王小红');
    expect(mine.body.items.length).toBeGreaterThan(3);
    expect(mine.body.items.every((x: VolunteerRecordView) => x.memberId === hong.id)).toBe(true);
    const sum = (state: string) => mine.body.items.filter((x: VolunteerRecordView) => (state === 'counts' ? x.counts : x.state === state))
      .reduce((s: number, x: VolunteerRecordView) => s + x.minutes, 0) / 60;
    expect(mine.body.totals.confirmedHours).toBeCloseTo(sum('counts'), 2);
    expect(mine.body.totals.pendingHours).toBeCloseTo(sum('pending'), 2);
    // a correction of her own confirmed record from her phone
    expect(mine.body.items.some((x: VolunteerRecordView) => x.canCorrect)).toBe(true);
  });
});

describe('volunteer records: the Asia/Shanghai day', () => {
  it('a shift starting 23:30 Shanghai on 31 Dec counts on 31 Dec (the server runs in UTC)', async () => {
    const last = Number(shDay(0).slice(0, 4)) - 1;
    // 赵石 is 石门村's (logged by the county); 15:30 UTC on 31 Dec
    const made = await desk(county, { memberId: shi.id, orgId: byCode('SFX-QS-SM').id, startsAt: `${last}-12-31T15:30:00Z`, endsAt: `${last + 1}-01-01T01:30:00+08:00` });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ servedOn: `${last}-12-31`, minutes: 120 });
    const inYear = await call(t.app, county, 'GET', `/api/volunteer-records?memberId=${shi.id}&year=${last}`);
    expect(inYear.body.items.map((x: VolunteerRecordView) => x.id)).toEqual([made.body.id]);
    expect((await call(t.app, county, 'GET', `/api/volunteer-records?memberId=${shi.id}&year=${last + 1}`)).body.total).toBe(0);
    expect((await call(t.app, county, 'GET', `/api/volunteer-records?memberId=${shi.id}&from=${last}-12-31&to=${last}-12-31`)).body.total).toBe(1);
  });
});

describe('volunteer records: Excel', () => {
  it('exports the filtered list with hours as numbers', async () => {
    const res = await t.app.inject({ url: `/api/volunteer-records/export.xlsx?memberId=${ming.id}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('志愿服务记录台账');
    expect(ws.getRow(1).getCell(4).value).toBe('时长（小时）');
    const hours = [];
    for (let i = 2; i <= ws.rowCount; i++) hours.push(ws.getRow(i).getCell(4).value);
    expect(hours).toEqual([3.5]);
    expect(ws.getRow(2).getCell(5).value).toBe('李明');
  });
});
