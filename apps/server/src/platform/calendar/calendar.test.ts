import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays, addWorkdays, dayInfo, dueAt, isOfficialYear, isWorkday, packageCoversYear, spansProvisional, workdaysBetween } from './working-days.js';
import { statutoryHolidays } from './statutory-holidays.js';
import { parseScheduleFile } from '@jiceng/contract';
import { countyOverrides } from './calendar.service.js';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

describe('working days on the official calendar', () => {
  it('knows the 2026 Spring Festival: holidays 2-15…2-23, make-up working days 2-14 (Sat) and 2-28 (Sat)', () => {
    expect(isWorkday('2026-02-14')).toBe(true);
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addCalendarDays(d, 1)) expect(isWorkday(d), d).toBe(false);
    expect(isWorkday('2026-02-24')).toBe(true);
    expect(isWorkday('2026-02-28')).toBe(true);
    expect(isWorkday('2026-03-01')).toBe(false);
  });

  it('counts a deadline across the Spring Festival: received Fri 2-13, 3 working days → 2-14, 2-24, 2-25', () => {
    expect(addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkdays('2026-02-13', 3)).toBe('2026-02-25');
    expect(workdaysBetween('2026-02-13', '2026-02-25')).toBe(3);
  });

  it('counts a deadline across National Day: received 9-30, 5 working days → 10-8, 10-9, 10-10 (Sat, make-up), 10-12, 10-13', () => {
    expect(isWorkday('2026-09-20')).toBe(true); // make-up Sunday before the holiday
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addCalendarDays(d, 1)) expect(isWorkday(d), d).toBe(false);
    expect(addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkdays('2026-09-30', 5)).toBe('2026-10-13');
  });

  it('applies county overrides on top (a local holiday, an opened Saturday)', () => {
    const overrides = new Map([['2026-03-10', false], ['2026-03-14', true]]);
    expect(addWorkdays('2026-03-09', 1, overrides)).toBe('2026-03-11');
    expect(addWorkdays('2026-03-13', 1, overrides)).toBe('2026-03-14');
  });

  it('dues fall at the end of the day in Asia/Shanghai', () => {
    // received 2026-02-13 22:30 Beijing time (14:30 UTC), 3 working days
    expect(dueAt(new Date('2026-02-13T14:30:00Z'), 3).toISOString()).toBe('2026-02-25T15:59:59.999Z');
    // received just after midnight Beijing time counts from that day
    expect(dueAt(new Date('2026-02-12T16:10:00Z'), 1).toISOString()).toBe('2026-02-14T15:59:59.999Z');
  });

  it('properties: the result is a working day, exactly n working days later, and monotonic in n', () => {
    const day = fc.integer({ min: 0, max: 730 }).map((i) => addCalendarDays('2025-06-01', i));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const due = addWorkdays(d, n);
        expect(isWorkday(due)).toBe(true);
        expect(workdaysBetween(d, due)).toBe(n);
        expect(addWorkdays(d, n + 1) > due).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a negative or fractional number of working days', () => {
    expect(() => addWorkdays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => addWorkdays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('years without official data: provisional statutory holidays (issue 9, 13)', () => {
  it('knows which years chinese-days covers: up to 2026, not 2027', () => {
    expect(packageCoversYear(2026)).toBe(true);
    expect(packageCoversYear(2027)).toBe(false);
    expect(isOfficialYear(2027)).toBe(false);
    expect(isOfficialYear(2027, { overrides: new Map(), schedules: new Map([[2027, new Map()]]) })).toBe(true);
  });

  it('the 2027 Spring Festival 2-05 (除夕)…2-08 is provisional and not working days; 2-09 is', () => {
    for (let d = '2027-02-05'; d <= '2027-02-08'; d = addCalendarDays(d, 1)) {
      expect(isWorkday(d), d).toBe(false);
      expect(dayInfo(d)).toMatchObject({ source: 'provisional', provisional: true, name: '春节' });
    }
    expect(isWorkday('2027-02-09')).toBe(true);
  });

  it('takes every statutory holiday of the 办法 from the lunar calendar and the solar terms (2027)', () => {
    const h = statutoryHolidays(2027);
    expect([...h.keys()].sort()).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02',
      '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    // the same rules reproduce the dates of the official 2026 notice (除夕 2-16, 清明 4-05, 端午 6-19, 中秋 9-25)
    const h26 = statutoryHolidays(2026);
    for (const d of ['2026-02-16', '2026-02-19', '2026-04-05', '2026-06-19', '2026-09-25']) expect(h26.has(d), d).toBe(true);
    for (const d of h26.keys()) expect(isWorkday(d), d).toBe(false);
  });

  it('a deadline counted into 2027 says it is provisional; one inside 2026 does not', () => {
    expect(addWorkdays('2026-12-02', 30)).toBe('2027-01-14');
    expect(spansProvisional('2026-12-02', '2027-01-14')).toBe(true);
    expect(spansProvisional('2026-03-02', '2026-04-14')).toBe(false);
  });

  it('a 0-day promise received on a Sunday falls due at the end of Monday (issue 9, 14)', () => {
    expect(dueAt(new Date('2026-11-29T01:06:00Z'), 0).toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(dueAt(new Date('2026-11-30T01:06:00Z'), 0).toISOString()).toBe('2026-11-30T15:59:59.999Z');
  });

  it('every loop over days is bounded: past 2100-12-31 a RangeError, never a spin (issue 15, 1)', () => {
    expect(() => addWorkdays('9999-12-31', 5)).toThrow(RangeError);
    expect(() => addWorkdays('2100-12-30', 5)).toThrow(RangeError);
    expect(() => workdaysBetween('2026-01-01', '+010000-01-01')).toThrow(RangeError);
    expect(() => dayInfo('1999-12-31')).toThrow(RangeError);
  });
});

describe('schedule files (JSON or CSV)', () => {
  it('reads a CSV with a header, ranges, 休/班 and comments', () => {
    const f = parseScheduleFile('日期,类型,名称\n# 2027\n2027-01-01~2027-01-03,休,元旦\n2027-02-14,班,春节调休上班\n', '2027.csv');
    expect(f).toEqual({ year: 2027, source: '2027.csv', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [{ day: '2027-02-14', name: '春节调休上班' }] });
  });
  it('names the line of a bad row', () => {
    expect(() => parseScheduleFile('2027-01-01,休,元旦\n2027-13-01,休,x')).toThrow('第 2 行');
    expect(() => parseScheduleFile('2027-01-01,放风,元旦')).toThrow('类型');
  });
});

describe('county calendar API', () => {
  let t: TestContext;
  let county: Session;
  beforeAll(async () => {
    t = await createTestApp();
    county = await login(t.app, 'demo-county');
  });
  afterAll(() => t.close());

  it('shows a month with official names and lets the county admin override a day, audited', async () => {
    const feb = await call(t.app, county, 'GET', '/api/calendar?month=2026-02');
    expect(feb.body.days).toHaveLength(28);
    expect(feb.body.days.find((d: { day: string }) => d.day === '2026-02-14')).toMatchObject({ workday: true, name: '春节' });
    expect((await call(t.app, county, 'PUT', '/api/calendar/2026-03-10', { workday: false, note: '县庆放假' })).status).toBe(200);
    const mar = await call(t.app, county, 'GET', '/api/calendar?month=2026-03');
    expect(mar.body.days.find((d: { day: string }) => d.day === '2026-03-10')).toMatchObject({ workday: false, official: true, override: { note: '县庆放假' } });
    const me = await call(t.app, county, 'GET', '/api/me');
    expect(addWorkdays('2026-03-09', 1, await countyOverrides(t.database.db, me.body.user.countyId))).toBe('2026-03-11');
    const audit = await call(t.app, county, 'GET', '/api/audit?action=calendar.override');
    expect(audit.body.items[0].detail.after).toEqual({ workday: false, note: '县庆放假' });
    expect((await call(t.app, county, 'DELETE', '/api/calendar/2026-03-10')).status).toBe(200);
  });

  it('answers the N-th working day publicly, with a county’s overrides when asked', async () => {
    const me = await call(t.app, county, 'GET', '/api/me');
    await call(t.app, county, 'PUT', '/api/calendar/2026-10-12', { workday: false, note: '县庆放假' });
    const official = await call(t.app, null, 'GET', '/api/calendar/working-days/add?from=2026-09-30&days=5');
    expect(official.body).toEqual({ date: '2026-10-13', provisional: false });
    const local = await call(t.app, null, 'GET', `/api/calendar/working-days/add?from=2026-09-30&days=5&countyId=${me.body.user.countyId}`);
    expect(local.body).toEqual({ date: '2026-10-14', provisional: false });
    expect((await call(t.app, null, 'GET', '/api/calendar/working-days/add?from=2026-09-30&days=-1')).body.error.fields.days).toBeDefined();
    await call(t.app, county, 'DELETE', '/api/calendar/2026-10-12');
  });

  it('lets others read but not change it, and names bad input', async () => {
    const township = await login(t.app, 'demo-township');
    expect((await call(t.app, township, 'GET', '/api/calendar?month=2026-10')).status).toBe(200);
    expect((await call(t.app, township, 'PUT', '/api/calendar/2026-03-10', { workday: false, note: 'x' })).status).toBe(403);
    expect((await call(t.app, county, 'GET', '/api/calendar?month=2026-13')).body.error.fields.month).toBeDefined();
    expect((await call(t.app, county, 'PUT', '/api/calendar/2026-02-30', { workday: true, note: 'x' })).status).toBe(400);
    expect((await call(t.app, county, 'PUT', '/api/calendar/2026-03-10', { workday: true, note: '' })).body.error.fields.note).toBeDefined();
  });
});
