import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays, addWorkdays, dueAt, isWorkday, workdaysBetween } from './working-days.js';
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
    expect(official.body).toEqual({ date: '2026-10-13' });
    const local = await call(t.app, null, 'GET', `/api/calendar/working-days/add?from=2026-09-30&days=5&countyId=${me.body.user.countyId}`);
    expect(local.body).toEqual({ date: '2026-10-14' });
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
