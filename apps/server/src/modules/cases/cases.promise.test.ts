// Issue 16 points 1–3: the promise made to the resident (承诺办结日期) and each holder's own deadline are two dates,
// counted by one computation (machineContext) and shown as such: the intake preview is what is saved, a forward
// moves the holder's deadline and not the promise, 承诺办理 at 开始承办 names its date, waiting on the resident moves
// both, and the resident's page says where the case went (a unit) and why the promise moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { serviceItems } from '../catalog/catalog.tables.js';
import { serviceRoomsOf } from '../catalog/catalog.rooms.js';
import type { CaseDetail, IntakeDates, PortalStatus } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import fc from 'fast-check';
import { CASE_MODES, applyCaseAction, newCase, promiseBroken, type CaseAction, type CaseSnapshot, type MachineContext, type Tier } from './cases.machine.js';
import { residentUnitName, resumeDue } from './cases.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { endOfShanghaiDay, shanghaiDay } from '../../platform/calendar/working-days.js';

const DAY = 86_400_000;
const ctxAt = (now: number): MachineContext => ({
  now, dueFor: (o, from) => from + ({ village: 3, township: 5, county: 10 })[o.tier] * DAY, promiseFor: (_o, from) => from + 5 * DAY,
});
const ok = (r: ReturnType<typeof applyCaseAction>): CaseSnapshot => {
  if (!r.ok) throw new Error(r.code);
  return r.next;
};

describe('the machine: a promise apart from each holder’s deadline', () => {
  it('a forward gives the new holder its own deadline and keeps the promise', () => {
    const c = newCase('cadre', { tier: 'village', unitId: 'v' }, ctxAt(0));
    expect(c).toMatchObject({ dueAt: 3 * DAY, promisedAt: 5 * DAY, handlingMode: null });
    const up = ok(applyCaseAction(c, { type: 'forward', to: { tier: 'township', unitId: 't' } }, ctxAt(2 * DAY)));
    expect(up).toMatchObject({ dueAt: 7 * DAY, promisedAt: 5 * DAY, handlingMode: null });
    expect(promiseBroken(up, 6 * DAY)).toBe(true);
  });

  it('承诺办理 needs its date, within the holder’s deadline; the date becomes the promise and the deadline', () => {
    const c = newCase('cadre', { tier: 'village', unitId: 'v' }, ctxAt(0));
    expect(applyCaseAction(c, { type: 'accept', mode: 'promised' }, ctxAt(0))).toEqual({ ok: false, code: 'case.promiseRequired' });
    expect(applyCaseAction(c, { type: 'accept', mode: 'direct', promiseDue: DAY }, ctxAt(0))).toEqual({ ok: false, code: 'case.promiseRequired' });
    expect(applyCaseAction(c, { type: 'accept', mode: 'promised', promiseDue: 4 * DAY }, ctxAt(0))).toEqual({ ok: false, code: 'case.promiseAfterDue' });
    expect(ok(applyCaseAction(c, { type: 'accept', mode: 'promised', promiseDue: 2 * DAY }, ctxAt(0)))).toMatchObject({ state: 'inProgress', handlingMode: 'promised', promisedAt: 2 * DAY, dueAt: 2 * DAY });
    expect(ok(applyCaseAction(c, { type: 'accept', mode: 'explained' }, ctxAt(0)))).toMatchObject({ handlingMode: 'explained', promisedAt: 5 * DAY, dueAt: 3 * DAY });
    expect(ok(applyCaseAction(c, { type: 'accept' }, ctxAt(0)))).toMatchObject({ handlingMode: null });
  });

  it('waiting on the resident moves the promise too, unless it had already passed', () => {
    let c = ok(applyCaseAction(newCase('cadre', { tier: 'village', unitId: 'v' }, ctxAt(0)), { type: 'accept' }, ctxAt(0)));
    c = ok(applyCaseAction(c, { type: 'wait' }, ctxAt(DAY)));
    c = ok(applyCaseAction(c, { type: 'resume' }, ctxAt(3 * DAY)));
    expect(c).toMatchObject({ dueAt: 5 * DAY, promisedAt: 7 * DAY });
    c = ok(applyCaseAction(c, { type: 'wait' }, ctxAt(8 * DAY)));
    c = ok(applyCaseAction(c, { type: 'resume' }, ctxAt(9 * DAY)));
    expect(c.promisedAt).toBe(7 * DAY);
  });

  it('model test: over random sequences the promise moves only by 承诺办理 or a resume, never by a forward, and a promise is never after the holder’s deadline', () => {
    const owner = fc.record({ tier: fc.constantFrom<Tier>('village', 'township', 'county'), unitId: fc.constantFrom('a', 'b', 'c') });
    const action: fc.Arbitrary<CaseAction> = fc.oneof(
      fc.constant({ type: 'accept' as const }),
      fc.record({ mode: fc.constantFrom(...CASE_MODES), days: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }) })
        .map(({ mode, days }) => ({ type: 'accept' as const, mode, promiseDue: days })),
      owner.map((to) => ({ type: 'forward' as const, to })),
      fc.constant({ type: 'wait' as const }),
      fc.constant({ type: 'resume' as const }),
      fc.constantFrom(...CASE_MODES).map((mode) => ({ type: 'reply' as const, mode })),
      fc.constant({ type: 'close' as const }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(action, fc.integer({ min: 0, max: 3 * DAY })), { maxLength: 30 }), (steps) => {
        let now = 0;
        let c = newCase('first', { tier: 'village', unitId: 'v' }, ctxAt(now));
        for (const [raw, dt] of steps) {
          now += dt;
          // promiseDue as working days from now (the service's inWorkdays)
          const a: CaseAction = raw.type === 'accept' && raw.promiseDue !== undefined ? { ...raw, promiseDue: now + raw.promiseDue * DAY } : raw;
          const r = applyCaseAction(c, a, ctxAt(now));
          if (!r.ok) continue;
          const next = r.next;
          if (a.type === 'forward') {
            expect(next.promisedAt).toBe(c.promisedAt);
            expect(next.handlingMode).toBeNull();
          }
          if (a.type === 'accept' && a.mode === 'promised') {
            expect(next.promisedAt).toBe(a.promiseDue);
            expect(next.dueAt).toBe(a.promiseDue);
            expect(a.promiseDue!).toBeLessThanOrEqual(c.dueAt);
          }
          if (a.type !== 'resume' && !(a.type === 'accept' && a.mode === 'promised')) expect(next.promisedAt).toBe(c.promisedAt);
          if (a.type === 'resume') expect(next.promisedAt).toBeGreaterThanOrEqual(c.promisedAt);
          c = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names units as residents know them', () => {
    expect(residentUnitName('township', '中共青山乡委员会')).toBe('青山乡便民服务中心');
    expect(residentUnitName('village', '中共青山村支部委员会')).toBe('青山村便民服务室');
    expect(residentUnitName('county', '县民政局', true)).toBe('县民政局');
    expect(residentUnitName('township', '中共城东街道工作委员会')).toBe('城东街道便民服务中心');
  });
});

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session;
let countyId: string;
let item: { id: string; name: string; promisedDays: number };
let townshipOrg: { id: string; name: string };
let mzId: string;

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  countyId = (await call(t.app, county, 'GET', '/api/me')).body.user.countyId;
  // 临时救助申请: township, 5 working days (read from the table: the catalog's own routes are not under test here)
  const [row] = await t.database.db.select({ id: serviceItems.id, name: serviceItems.name, promisedDays: serviceItems.promisedDays }).from(serviceItems)
    .where(and(eq(serviceItems.countyId, countyId), eq(serviceItems.code, 'MZ-02')));
  item = row!;
  const orgs = (await call(t.app, county, 'GET', '/api/orgs')).body.items as { id: string; code: string; name: string }[];
  townshipOrg = orgs.find((o) => o.code === 'SFX-QS')!;
  mzId = ((await call(t.app, county, 'GET', '/api/departments')).body.items as { id: string; code: string }[]).find((d) => d.code === 'MZ')!.id;
});
afterAll(() => t.close());

/** The one computation, asked independently: N working days from `day` on the county's calendar, end of that day. */
const inWorkdays = async (day: string, n: number) =>
  endOfShanghaiDay((await call(t.app, null, 'GET', `/api/calendar/working-days/add?from=${day}&days=${n}&countyId=${countyId}`)).body.date).toISOString();
const today = () => shanghaiDay(new Date());
const track = async (code: string, secret: string) => (await call(t.app, null, 'GET', `/api/portal/requests/${code}?secret=${secret}`)).body as PortalStatus;

describe('one promised date, shown everywhere (issue 16 points 1–3)', () => {
  let c: CaseDetail;
  let access: { trackingCode: string; secret: string };

  it('the intake preview is what intake saves: the item’s promise from receipt and the village’s own deadline', async () => {
    const preview = await call(t.app, village, 'GET', `/api/cases/intake-dates?itemId=${item.id}`);
    expect(preview.status).toBe(200);
    const p = preview.body as IntakeDates;
    expect(p).toMatchObject({ promisedDays: 5, fromItem: true, holderDays: 3, holderTier: 'village', promisedAt: await inWorkdays(today(), 5), dueAt: await inWorkdays(today(), 3) });
    const res = await call(t.app, village, 'POST', '/api/cases', {
      itemId: item.id, title: item.name, description: '家中失火，申请临时救助', channel: 'walkIn', requesterName: '赵大爷', requesterPhone: '13800001111',
      materialsReceived: ['申请书', '身份证'],
    });
    expect(res.status).toBe(201);
    c = res.body;
    access = c.portalAccess!;
    // the 受理回执's room: the registering village's service room as the guide lists it (its name and phone)
    const room = (await serviceRoomsOf(t.database.db, countyId, c.orgId))!.find((r) => r.orgId === c.orgId)!;
    expect(c).toMatchObject({
      promisedAt: p.promisedAt, dueAt: p.dueAt, promiseBroken: false, handlingMode: null, materialsReceived: ['申请书', '身份证'],
      orgServiceName: room.name ?? '青山村便民服务室', contactPhone: room.phone,
    });
    expect(c.timeline[0]!.detail).toMatchObject({ promisedAt: p.promisedAt, dueAt: p.dueAt, unit: '青山村便民服务室' });
    const seen = await track(access.trackingCode, access.secret);
    expect(seen).toMatchObject({ promisedAt: p.promisedAt, ownerName: '青山村便民服务室', promiseChanges: [] });
    expect(seen).not.toHaveProperty('dueAt');
    // a bad item or a unit outside the caller's scope is refused by field
    expect((await call(t.app, village, 'GET', `/api/cases/intake-dates?itemId=${c.id}`)).body.error.fields.itemId).toBeDefined();
  });

  it('a forward tells where it went and the new holder’s deadline; the promise stays and the resident sees the unit', async () => {
    const fwd = await call(t.app, village, 'POST', `/api/cases/${c.id}/forward`, { to: { tier: 'township', orgId: townshipOrg.id }, note: '需乡镇审核' });
    expect(fwd.status).toBe(200);
    const after = fwd.body as CaseDetail;
    const due = await inWorkdays(today(), item.promisedDays);
    expect(after).toMatchObject({ state: 'received', dueAt: due, promisedAt: c.promisedAt, handlingMode: null });
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'forwarded', detail: { to: townshipOrg.name, toTier: 'township', unit: '青山乡便民服务中心', dueAt: due, promisedAt: c.promisedAt } });
    const seen = await track(access.trackingCode, access.secret);
    expect(seen.ownerName).toBe('青山乡便民服务中心');
    expect(seen.promisedAt).toBe(c.promisedAt);
    expect(seen.timeline.map((e) => [e.kind, e.unitName])).toEqual([['received', '青山村便民服务室'], ['forwarded', '青山乡便民服务中心']]);
    c = after;
  });

  it('开始承办 offers the mode; 承诺办理 needs its working days, within the holder’s deadline, and the resident is told why the date moved', async () => {
    const none = await call(t.app, township, 'POST', `/api/cases/${c.id}/accept`, { mode: 'promised' });
    expect(none.status).toBe(422);
    expect(none.body.error.fields.promisedDays).toBeDefined();
    const late = await call(t.app, township, 'POST', `/api/cases/${c.id}/accept`, { mode: 'promised', promisedDays: 30 });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'case.promiseAfterDue' });
    expect(late.body.error.message).toContain(shanghaiDay(new Date(c.dueAt)));
    const wrongMode = await call(t.app, township, 'POST', `/api/cases/${c.id}/accept`, { mode: 'direct', promisedDays: 2 });
    expect(wrongMode.status).toBe(422);
    expect(wrongMode.body.error.fields.mode).toBeDefined();
    const res = await call(t.app, township, 'POST', `/api/cases/${c.id}/accept`, { mode: 'promised', promisedDays: 2, note: '已与申请人约定' });
    expect(res.status).toBe(200);
    const two = await inWorkdays(today(), 2);
    expect(res.body).toMatchObject({ state: 'inProgress', handlingMode: 'promised', promisedAt: two, dueAt: two });
    expect(res.body.promiseChanges).toEqual([{ at: expect.any(String), reason: 'promised', from: shanghaiDay(new Date(c.promisedAt)), to: shanghaiDay(new Date(two)), unitName: null }]);
    const seen = await track(access.trackingCode, access.secret);
    expect(seen.promisedAt).toBe(two);
    expect(seen.promiseChanges.map((p) => p.reason)).toEqual(['promised']);
    c = res.body;
  });

  it('waiting on the resident moves the promise and the deadline by the working days waited, and says so', async () => {
    await call(t.app, township, 'POST', `/api/cases/${c.id}/wait`, { note: '请补交户口簿' });
    // the pause began three calendar days ago (as if the resident took the weekend)
    const since = new Date(Date.now() - 3 * DAY);
    await t.database.db.execute(sql`update cases set paused_since = ${since.toISOString()}::timestamptz where county_id = ${countyId} and id = ${c.id}`);
    const res = await call(t.app, township, 'POST', `/api/cases/${c.id}/resume`, { note: '已补齐', trip: true });
    const cal = await countyCalendar(t.database.db, countyId);
    const moved = new Date(resumeDue(Date.parse(c.promisedAt), since.getTime(), Date.now(), cal)).toISOString();
    expect(res.body).toMatchObject({ promisedAt: moved, dueAt: moved });
    const seen = await track(access.trackingCode, access.secret);
    expect(seen.promisedAt).toBe(moved);
    if (moved !== c.promisedAt) expect(seen.promiseChanges.map((p) => p.reason)).toEqual(['promised', 'waiting']);
  });

  it('a reply as 承诺办理 needs a promise made at 开始承办', async () => {
    const other = (await call(t.app, village, 'POST', '/api/cases', { category: 'civilAffairs', title: '咨询', description: '咨询高龄津贴', channel: 'phone' })).body as CaseDetail;
    const bad = await call(t.app, village, 'POST', `/api/cases/${other.id}/reply`, { mode: 'promised', text: '三天内办好' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.mode).toBeDefined();
    expect((await call(t.app, township, 'POST', `/api/cases/${c.id}/reply`, { mode: 'promised', text: '临时救助金已审批' })).body).toMatchObject({ state: 'replied', mode: 'promised', promiseBroken: false });
  });

  it('a county day off inside the promise moves the promise and the deadline, and the resident is told why', async () => {
    const x = (await call(t.app, village, 'POST', '/api/cases', { itemId: item.id, title: item.name, description: '申请临时救助（日历）', channel: 'walkIn' })).body as CaseDetail;
    const day1 = (await call(t.app, null, 'GET', `/api/calendar/working-days/add?from=${today()}&days=1&countyId=${countyId}`)).body.date as string;
    const off = await call(t.app, county, 'PUT', `/api/calendar/${day1}`, { workday: false, note: '县庆放假' });
    expect(off.status).toBe(200);
    try {
      const moved = (await call(t.app, village, 'GET', `/api/cases/${x.id}`)).body as CaseDetail;
      expect(moved.promisedAt).toBe(await inWorkdays(today(), 5));
      expect(moved.dueAt).toBe(await inWorkdays(today(), 3));
      expect(moved.promisedAt).not.toBe(x.promisedAt);
      expect(moved.promiseChanges).toEqual([{ at: expect.any(String), reason: 'calendar', from: shanghaiDay(new Date(x.promisedAt)), to: shanghaiDay(new Date(moved.promisedAt)), unitName: null }]);
      const ev = moved.timeline.find((e) => e.kind === 'deadlineMoved')!;
      expect(ev.note).toContain('办理期限由');
      expect(ev.note).toContain('承诺办结日期由');
      const seen = await track(x.portalAccess!.trackingCode, x.portalAccess!.secret);
      expect(seen).toMatchObject({ promisedAt: moved.promisedAt, promiseChanges: [expect.objectContaining({ reason: 'calendar' })] });
    } finally {
      await call(t.app, county, 'DELETE', `/api/calendar/${day1}`);
    }
  });

  it('to a department: the department’s own deadline, the promise unchanged', async () => {
    const x = (await call(t.app, village, 'POST', '/api/cases', { itemId: item.id, title: item.name, description: '申请临时救助', channel: 'walkIn' })).body as CaseDetail;
    await call(t.app, village, 'POST', `/api/cases/${x.id}/forward`, { to: { tier: 'township', orgId: townshipOrg.id }, note: '转乡' });
    const d = (await call(t.app, township, 'POST', `/api/cases/${x.id}/forward`, { to: { tier: 'county', departmentId: mzId }, note: '转民政局' })).body as CaseDetail;
    expect(d).toMatchObject({ ownerTier: 'county', promisedAt: x.promisedAt, dueAt: await inWorkdays(today(), 10) });
    expect(d.timeline.at(-1)!.detail).toMatchObject({ unit: d.ownerName, toTier: 'county' });
    expect((await call(t.app, dept, 'GET', `/api/cases/${x.id}`)).body).toMatchObject({ promisedAt: x.promisedAt, dueAt: d.dueAt });
  });
});
