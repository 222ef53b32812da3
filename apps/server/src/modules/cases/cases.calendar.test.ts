// Deadlines and the calendar (issue 9 D, 13–16): provisional years, official schedules loaded by a county that
// move open deadlines, 即办 on a non-working day, a pause on an overdue case, from > to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CaseDetail, ServiceItemView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { rowsOf } from '../../db/client.js';
import { sweepDeadlines } from './cases.deadlines.js';
import { machineContext } from './cases.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { dueDay, endOfShanghaiDay } from '../../platform/calendar/working-days.js';
import { calendarImportCommand } from '../../calendar.cli.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEDULE_2027 } from '../../../test/fixtures/calendar-2027.js';

let t: TestContext;
let county: Session, township: Session, village: Session;
let countyId: string;
let items: ServiceItemView[];

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  countyId = (await call(t.app, county, 'GET', '/api/me')).body.user.countyId;
  items = (await call(t.app, county, 'GET', '/api/catalog')).body.items;
});
afterAll(() => t.close());

const villageItem = () => items.find((i) => i.tier === 'village')!;
const register = async (body: Record<string, unknown> = {}): Promise<CaseDetail> => {
  const res = await call(t.app, village, 'POST', '/api/cases', { title: '办理低保咨询', description: '村民咨询低保申请需要哪些材料', channel: 'walkIn', itemId: villageItem().id, ...body });
  expect(res.status).toBe(201);
  return res.body;
};
const setTimes = (id: string, receivedAt: Date, dueAt: Date) =>
  t.database.db.execute(sql`update cases set received_at = ${receivedAt.toISOString()}::timestamptz, due_at = ${dueAt.toISOString()}::timestamptz
    where county_id = ${countyId} and id = ${id}`);


describe('deadlines past the official data (issue 9, 13)', () => {
  it('a 30-day item registered on 2026-12-02 counts New Year 2027 as a holiday (due 2027-01-14, not 01-13) and says it is provisional', async () => {
    const res = await call(t.app, null, 'GET', '/api/calendar/working-days/add?from=2026-12-02&days=30');
    expect(res.body).toEqual({ date: '2027-01-14', provisional: true });
    const inside = await call(t.app, null, 'GET', '/api/calendar/working-days/add?from=2026-03-02&days=30');
    expect(inside.body.provisional).toBe(false);
  });

  it('shows an open case whose deadline runs into a provisional year as provisional, in the ledger and the detail', async () => {
    const c = await register();
    expect(c.deadlineProvisional).toBe(false); // a few working days from today stay in the package's years
    await setTimes(c.id, new Date('2026-12-02T02:00:00Z'), endOfShanghaiDay('2027-01-14'));
    const detail = await call(t.app, village, 'GET', `/api/cases/${c.id}`);
    expect(detail.body.deadlineProvisional).toBe(true);
    const list = await call(t.app, village, 'GET', '/api/cases?state=open&limit=200');
    expect(list.body.items.find((x: CaseDetail) => x.id === c.id).deadlineProvisional).toBe(true);
  });
});

describe('loading an official schedule moves the open deadlines it changes (issue 9, 13)', () => {
  let moved: CaseDetail;
  let untouched: CaseDetail;
  let oldDay: string;
  let newDay: string;

  it('lists 2027 as provisional and asks the county admin to load it', async () => {
    const years = await call(t.app, county, 'GET', '/api/calendar/years');
    expect(years.status).toBe(200);
    expect(years.body.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ status: 'package' });
    expect(years.body.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ status: 'provisional' });
    expect(years.body.toLoad).toContain(2027);
  });

  it('refuses the load to a township admin, and names bad input', async () => {
    expect((await call(t.app, township, 'PUT', '/api/calendar/years/2027', SCHEDULE_2027)).status).toBe(403);
    const far = await call(t.app, county, 'PUT', '/api/calendar/years/9999', SCHEDULE_2027);
    expect(far.status).toBe(400);
    expect(far.body.error.fields.year).toBeDefined();
    const outside = await call(t.app, county, 'PUT', '/api/calendar/years/2027', { ...SCHEDULE_2027, holidays: [{ name: '元旦', from: '2028-01-01' }] });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields['holidays.0.from']).toContain('2028-01-01');
    const weekday = await call(t.app, county, 'PUT', '/api/calendar/years/2027', { ...SCHEDULE_2027, workdays: [{ day: '2027-02-15', name: '调休' }] });
    expect(weekday.body.error.fields['workdays.0.day']).toBeDefined();
    const covered = await call(t.app, county, 'PUT', '/api/calendar/years/2026', { ...SCHEDULE_2027, holidays: [{ name: '元旦', from: '2026-01-01' }], workdays: [] });
    expect(covered.status).toBe(409);
  });

  it('moves a 50-day case across the Spring Festival, audits it and says why on its timeline; a case due in 2026 stays', async () => {
    moved = await register();
    untouched = await register();
    const before = await countyCalendar(t.database.db, countyId);
    oldDay = dueDay('2026-12-02', 50, before);
    await setTimes(moved.id, new Date('2026-12-02T02:00:00Z'), endOfShanghaiDay(oldDay));
    const res = await call(t.app, county, 'PUT', '/api/calendar/years/2027', SCHEDULE_2027);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, holidays: 3 + 9 + 3 + 5 + 3 + 3 + 7, workdays: 5 });
    const after = await countyCalendar(t.database.db, countyId);
    newDay = dueDay('2026-12-02', 50, after);
    expect(newDay).not.toBe(oldDay);
    expect(res.body.changes).toContainEqual({ caseId: moved.id, number: moved.number, from: oldDay, to: newDay });
    expect(res.body.changes.find((c: { caseId: string }) => c.caseId === untouched.id)).toBeUndefined();

    const detail = (await call(t.app, village, 'GET', `/api/cases/${moved.id}`)).body as CaseDetail;
    expect(detail.dueAt).toBe(endOfShanghaiDay(newDay).toISOString());
    expect(detail.deadlineProvisional).toBe(false);
    const ev = detail.timeline.find((e) => e.kind === 'deadlineMoved')!;
    expect(ev.note).toContain('2027 年官方节假日安排');
    expect(ev.note).toContain(`${oldDay} 调整为 ${newDay}`);
    expect((await call(t.app, village, 'GET', `/api/cases/${untouched.id}`)).body.dueAt).toBe(untouched.dueAt);

    const audit = await call(t.app, county, 'GET', '/api/audit?action=case.deadlinesMoved');
    expect(audit.body.items[0].detail).toMatchObject({ year: 2027, source: SCHEDULE_2027.source });
    expect(audit.body.items[0].detail.cases).toContainEqual({ id: moved.id, number: moved.number, from: oldDay, to: newDay });
    expect((await call(t.app, county, 'GET', '/api/audit?action=calendar.schedule')).body.items[0].detail).toMatchObject({ year: 2027, workdays: 5 });
  });

  it('shows 2027 as loaded by the county, its days in the month view, and counts with it', async () => {
    const years = await call(t.app, county, 'GET', '/api/calendar/years');
    expect(years.body.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ status: 'county', source: SCHEDULE_2027.source, workdays: 5 });
    expect(years.body.toLoad).not.toContain(2027);
    const feb = await call(t.app, county, 'GET', '/api/calendar?month=2027-02');
    const day = (d: string) => feb.body.days.find((x: { day: string }) => x.day === d);
    expect(day('2027-02-12')).toMatchObject({ workday: false, name: '春节', source: 'county', provisional: false });
    expect(day('2027-02-20')).toMatchObject({ workday: true, source: 'county' });
    const add = await call(t.app, null, 'GET', `/api/calendar/working-days/add?from=2026-12-02&days=50&countyId=${countyId}`);
    expect(add.body).toEqual({ date: newDay, provisional: false });
  });

  it('a county override of a day inside an open deadline moves it too, and says why', async () => {
    const res = await call(t.app, county, 'PUT', `/api/calendar/${newDay}`, { workday: false, note: '县庆放假' });
    expect(res.status).toBe(200);
    const expected = dueDay('2026-12-02', 50, await countyCalendar(t.database.db, countyId));
    expect(expected > newDay).toBe(true);
    const detail = (await call(t.app, village, 'GET', `/api/cases/${moved.id}`)).body as CaseDetail;
    expect(detail.dueAt).toBe(endOfShanghaiDay(expected).toISOString());
    expect(detail.timeline.filter((e) => e.kind === 'deadlineMoved').at(-1)!.note).toContain(`本县调整了 ${newDay} 的工作日安排`);
    await call(t.app, county, 'DELETE', `/api/calendar/${newDay}`);
    expect((await call(t.app, village, 'GET', `/api/cases/${moved.id}`)).body.dueAt).toBe(endOfShanghaiDay(newDay).toISOString());
  });

  it('reloading the same schedule moves nothing', async () => {
    const res = await call(t.app, county, 'PUT', '/api/calendar/years/2027', SCHEDULE_2027);
    expect(res.body.moved).toBe(0);
  });
});

describe('npm run jiceng -- calendar import <file> (CLI)', () => {
  it('loads a CSV for the county given by its code, and names a bad line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-cal-'));
    const good = path.join(dir, '2028年节假日安排.csv');
    fs.writeFileSync(good, '日期,类型,名称\n2028-01-01,休,元旦\n2028-01-25~2028-01-31,休,春节\n2028-01-23,班,春节调休上班\n');
    expect(await calendarImportCommand(t.database.db, good, { county: 'SFX' })).toBe(0);
    const years = await call(t.app, county, 'GET', '/api/calendar/years');
    expect(years.body.years.find((y: { year: number }) => y.year === 2028)).toMatchObject({ status: 'county', source: '2028年节假日安排.csv', holidays: 8, workdays: 1 });
    const audit = await call(t.app, county, 'GET', '/api/audit?action=calendar.schedule');
    expect(audit.body.items[0]).toMatchObject({ entityId: '2028', actorName: expect.stringContaining('（命令行）') });
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '2028-01-01,休,元旦\n2028-02-30,休,春节\n');
    expect(await calendarImportCommand(t.database.db, bad, { county: 'SFX' })).toBe(1);
    expect(await calendarImportCommand(t.database.db, good, { county: 'NOPE' })).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('即办 on a non-working day (issue 9, 14)', () => {
  it('a 0-day item received on Sunday 09:00 is due at the end of Monday; the job does not mark it overdue on Monday morning', async () => {
    const item = (await call(t.app, county, 'POST', '/api/catalog', {
      code: 'JB-0', name: '即办：开具居住证明', category: villageItem().category, tier: 'village', promisedDays: 0,
    })).body as ServiceItemView;
    const sunday = Date.parse('2026-11-29T09:00:00+08:00');
    const ctx = await machineContext(t.database.db, countyId, item.id, sunday);
    expect(new Date(ctx.dueFor({ tier: 'village', unitId: 'x' }, sunday)).toISOString()).toBe(new Date('2026-11-30T23:59:59.999+08:00').toISOString());
    // a Saturday before a make-up Sunday: the Sunday is a working day (2026-09-19 → 2026-09-20 调休上班)
    const saturday = Date.parse('2026-09-19T10:00:00+08:00');
    expect(new Date(ctx.dueFor({ tier: 'village', unitId: 'x' }, saturday)).toISOString()).toBe(new Date('2026-09-20T23:59:59.999+08:00').toISOString());

    const c = await register({ itemId: item.id, title: '开具居住证明' });
    await setTimes(c.id, new Date(sunday), new Date(ctx.dueFor({ tier: 'village', unitId: 'x' }, sunday)));
    await sweepDeadlines(t.database.db, new Date('2026-11-30T09:06:00+08:00'));
    const [r] = rowsOf<{ overdue_at: Date | null; n: number }>(await t.database.db.execute(sql`
      select overdue_at, (select count(*)::int from accountability_records a where a.county_id = c.county_id and a.case_id = c.id) as n
        from cases c where county_id = ${countyId} and id = ${c.id}`));
    expect(r).toMatchObject({ overdue_at: null, n: 0 });
  });
});

describe('a pause on an overdue case (issue 9, 15)', () => {
  it('keeps the case overdue while waiting and after resuming, with one accountability record', async () => {
    const c = await register({ title: '超期后请群众补充材料' });
    await call(t.app, village, 'POST', `/api/cases/${c.id}/accept`, {});
    const now = Date.now();
    await setTimes(c.id, new Date(now - 10 * 86_400_000), new Date(now - 2 * 86_400_000));
    await sweepDeadlines(t.database.db, new Date(now));
    const records = async () => (await call(t.app, county, 'GET', '/api/accountability?limit=500')).body.items.filter((a: { caseId: string }) => a.caseId === c.id);
    expect(await records()).toHaveLength(1);

    const waiting = await call(t.app, village, 'POST', `/api/cases/${c.id}/wait`, { note: '请补充户口簿复印件' });
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ state: 'waitingOnResident', overdue: true, late: true });
    const overdueList = await call(t.app, village, 'GET', '/api/cases?overdue=true&limit=200');
    expect(overdueList.body.items.map((x: CaseDetail) => x.id)).toContain(c.id);

    const resumed = await call(t.app, village, 'POST', `/api/cases/${c.id}/resume`, { note: '材料已补齐' });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ state: 'inProgress', overdue: true, dueAt: new Date(now - 2 * 86_400_000).toISOString() });
    await sweepDeadlines(t.database.db, new Date(now + 60_000));
    await sweepDeadlines(t.database.db, new Date(now + 5 * 86_400_000));
    expect(await records()).toHaveLength(1);
  });
});

describe('date ranges (issue 9, 16 and issue 15, 1)', () => {
  it('refuses from > to with the field named, in Chinese', async () => {
    for (const url of [
      '/api/cases/stats?from=2026-12-01&to=2026-01-01',
      '/api/cases?from=2026-12-01&to=2026-01-01',
      '/api/cases/export.xlsx?from=2026-12-01&to=2026-01-01',
      '/api/audit?from=2026-12-01&to=2026-01-01',
      '/api/whistles?from=2026-12-01&to=2026-01-01',
      '/api/visits?from=2026-12-01&to=2026-01-01',
    ]) {
      const res = await call(t.app, county, 'GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.fields.from, url).toBe('开始日期不能晚于结束日期');
    }
    expect((await call(t.app, county, 'GET', '/api/cases/stats?from=2026-01-01&to=2026-01-01')).status).toBe(200);
  });

  it('answers GET /api/calendar/working-days/add?from=9999-12-31&days=5 with a 400 (it once spun forever), and stops at 2100-12-31', async () => {
    const res = await call(t.app, null, 'GET', '/api/calendar/working-days/add?from=9999-12-31&days=5');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.from).toBe('日期须在 2000-01-01 至 2100-12-31 之间');
    const edge = await call(t.app, null, 'GET', '/api/calendar/working-days/add?from=2100-12-30&days=5');
    expect(edge.status).toBe(400);
    expect(edge.body.error.code).toBe('date.outOfRange');
    expect((await call(t.app, county, 'GET', '/api/calendar?month=9999-12')).status).toBe(400);
    expect((await call(t.app, county, 'PUT', '/api/calendar/10000-01-01', { workday: true, note: 'x' })).status).toBe(400);
    expect((await call(t.app, county, 'GET', '/api/cases/stats?from=1999-12-31&to=2026-01-01')).body.error.fields.from).toBeDefined();
  });
});
