import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { CalendarScheduleInput, CalendarScheduleResult, CalendarYearList, CalendarYearView } from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { calendarOverrides, calendarScheduleDays, calendarSchedules } from './calendar.tables.js';
import {
  addCalendarDays, dayInfo, isOfficialYear, packageCoversYear, packageYears, type CountyCalendar, type DaySource, type ScheduleDay,
} from './working-days.js';
import { appendAudit, byActor } from '../audit/audit.service.js';
import type { Actor } from '../access/access.js';
import { AppError, problemsError, type FieldProblem } from '../http/errors.js';
import { shanghaiToday } from './today.js';
import { notifyCalendarChange, type CalendarChangeResult } from './calendar.events.js';

// Per-process cache like the policy's: writes here clear it; other processes see changes within CACHE_MS.
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; calendar: CountyCalendar }>();

async function readCalendar(db: DbOrTx, countyId: string): Promise<CountyCalendar> {
  // one after another: inside a transaction there is one connection
  const overrides = await db.select({ day: calendarOverrides.day, workday: calendarOverrides.workday }).from(calendarOverrides).where(eq(calendarOverrides.countyId, countyId));
  const days = await db.select().from(calendarScheduleDays).where(eq(calendarScheduleDays.countyId, countyId));
  const years = await db.select({ year: calendarSchedules.year }).from(calendarSchedules).where(eq(calendarSchedules.countyId, countyId));
  const schedules = new Map<number, Map<string, ScheduleDay>>(years.map((y) => [y.year, new Map()]));
  for (const d of days) schedules.get(d.year)?.set(d.day, { workday: d.workday, name: d.name });
  return { overrides: new Map(overrides.map((r) => [r.day, r.workday])), schedules };
}

/** A county's calendar: its overrides and the official schedules it loaded (a county has a few dozen rows). */
export async function countyCalendar(db: DbOrTx, countyId: string): Promise<CountyCalendar> {
  const hit = cache.get(countyId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
  const calendar = await readCalendar(db, countyId);
  cache.set(countyId, { at: Date.now(), calendar });
  return calendar;
}

/** A county's overrides of the official calendar. */
export async function countyOverrides(db: DbOrTx, countyId: string): Promise<CountyCalendar['overrides']> {
  return (await countyCalendar(db, countyId)).overrides;
}

export interface CalendarDay {
  day: string;
  workday: boolean;
  official: boolean;
  name: string | null;
  override: { workday: boolean; note: string } | null;
  source: DaySource;
  provisional: boolean;
}

export async function calendarMonth(db: Db, actor: Actor, month: string): Promise<CalendarDay[]> {
  const first = `${month}-01`;
  const next = addCalendarDays(`${month}-28`, 4).slice(0, 7);
  const last = addCalendarDays(`${next}-01`, -1);
  const cal = await countyCalendar(db, actor.countyId);
  const rows = await db
    .select()
    .from(calendarOverrides)
    .where(and(eq(calendarOverrides.countyId, actor.countyId), gte(calendarOverrides.day, first), lte(calendarOverrides.day, last)))
    .orderBy(asc(calendarOverrides.day));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: CalendarDay[] = [];
  for (let d = first; d <= last; d = addCalendarDays(d, 1)) {
    const o = byDay.get(d);
    const info = dayInfo(d, { overrides: new Map(o ? [[d, o.workday]] : []), schedules: cal.schedules });
    out.push({
      day: d, workday: info.workday, official: info.baseWorkday, name: info.name, override: o ? { workday: o.workday, note: o.note } : null,
      source: info.source, provisional: info.provisional,
    });
  }
  return out;
}

async function afterChange(tx: Tx, actor: Actor, before: CountyCalendar, firstChanged: string, reason: { year: number; source: string } | { day: string }): Promise<CalendarChangeResult> {
  const after = await readCalendar(tx, actor.countyId);
  cache.delete(actor.countyId);
  return notifyCalendarChange(tx, { actor, countyId: actor.countyId, before, after, firstChanged, reason });
}

export async function setOverride(db: Db, actor: Actor, day: string, value: { workday: boolean; note: string } | null): Promise<void> {
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new AppError('validation.failed', 400, {}, { day: 'validation.failed' });
  await db.transaction(async (tx) => {
    const beforeCal = await readCalendar(tx, actor.countyId);
    const [before] = await tx.select().from(calendarOverrides).where(and(eq(calendarOverrides.countyId, actor.countyId), eq(calendarOverrides.day, day)));
    if (value === null) {
      await tx.delete(calendarOverrides).where(and(eq(calendarOverrides.countyId, actor.countyId), eq(calendarOverrides.day, day)));
    } else {
      await tx
        .insert(calendarOverrides)
        .values({ countyId: actor.countyId, day, workday: value.workday, note: value.note, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: [calendarOverrides.countyId, calendarOverrides.day], set: { workday: value.workday, note: value.note, updatedBy: actor.userId, updatedAt: new Date() } });
    }
    await appendAudit(tx, byActor(actor, {
      action: 'calendar.override', entity: 'calendar', entityId: day,
      detail: { before: before ? { workday: before.workday, note: before.note } : null, after: value },
    }));
    await afterChange(tx, actor, beforeCal, day, { day });
  });
  cache.delete(actor.countyId);
}

// ---------------------------------------------------------------------------------------------------------
// Official schedules of a year, loaded by the county

/** The listed days of a schedule, checked: every day in the year, none twice, make-up days on weekends. */
export function scheduleDays(year: number, input: CalendarScheduleInput): Map<string, ScheduleDay> {
  const problems: FieldProblem[] = [];
  const days = new Map<string, ScheduleDay>();
  const put = (field: string, day: string, v: ScheduleDay) => {
    if (!day.startsWith(`${year}-`)) problems.push({ field, code: 'calendar.dayOutsideYear', params: { day, year } });
    else if (days.has(day)) problems.push({ field, code: 'calendar.dayTwice', params: { day } });
    else days.set(day, v);
  };
  input.holidays.forEach((h, i) => {
    const to = h.to ?? h.from;
    if (to < h.from) return problems.push({ field: `holidays.${i}.to`, code: 'calendar.rangeOrder' });
    if (!h.from.startsWith(`${year}-`) || !to.startsWith(`${year}-`)) {
      return problems.push({ field: `holidays.${i}.from`, code: 'calendar.dayOutsideYear', params: { day: h.from.startsWith(`${year}-`) ? to : h.from, year } });
    }
    for (let d = h.from; d <= to; d = addCalendarDays(d, 1)) put(`holidays.${i}.from`, d, { workday: false, name: h.name });
  });
  input.workdays.forEach((w, i) => {
    const dow = new Date(`${w.day}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) problems.push({ field: `workdays.${i}.day`, code: 'calendar.workdayNotWeekend', params: { day: w.day } });
    else put(`workdays.${i}.day`, w.day, { workday: true, name: w.name });
  });
  if (problems.length > 0) throw problemsError(problems);
  return days;
}

/**
 * Loads (or replaces) the official schedule of a year for the caller's county and, in the same transaction,
 * moves the due dates of the open cases it changes (each move audited and on the case's timeline).
 */
export async function loadSchedule(db: Db, actor: Actor, year: number, input: CalendarScheduleInput): Promise<CalendarScheduleResult> {
  if (packageCoversYear(year)) throw new AppError('calendar.yearCovered', 409, { year }, { year: 'calendar.yearCovered' });
  const days = scheduleDays(year, input);
  const holidays = [...days.values()].filter((d) => !d.workday).length;
  const workdays = days.size - holidays;
  const result = await db.transaction(async (tx) => {
    // one loader at a time per county: the recompute reads the calendar it replaces
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${actor.countyId}::text, 11))`);
    const before = await readCalendar(tx, actor.countyId);
    await tx.delete(calendarSchedules).where(and(eq(calendarSchedules.countyId, actor.countyId), eq(calendarSchedules.year, year)));
    await tx.insert(calendarSchedules).values({ countyId: actor.countyId, year, source: input.source, holidays, workdays, loadedBy: actor.userId });
    await tx.insert(calendarScheduleDays).values([...days].map(([day, v]) => ({ countyId: actor.countyId, day, year, workday: v.workday, name: v.name })));
    await appendAudit(tx, byActor(actor, {
      action: 'calendar.schedule', entity: 'calendar', entityId: String(year),
      detail: { year, source: input.source, holidays, workdays, replaced: before.schedules.has(year) },
    }));
    return afterChange(tx, actor, before, `${year}-01-01`, { year, source: input.source });
  });
  cache.delete(actor.countyId);
  return { year, holidays, workdays, moved: result.moved, changes: result.changes.slice(0, 100) };
}

/** Which years are official (package / county) and which provisional, around today and where deadlines run. */
export async function calendarYears(db: Db, actor: Actor): Promise<CalendarYearList> {
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [loaded, deadlines] = await Promise.all([
    db.select({ s: calendarSchedules, loadedByName: sql<string | null>`u.display_name` }).from(calendarSchedules)
      .leftJoin(sql`users u`, sql`u.county_id = ${calendarSchedules.countyId} and u.id = ${calendarSchedules.loadedBy}`)
      .where(eq(calendarSchedules.countyId, actor.countyId)),
    db.execute(sql`
      select extract(year from (due_at at time zone 'Asia/Shanghai'))::int as year, count(*)::int as n
        from cases where county_id = ${actor.countyId} and state in ('received', 'inProgress', 'waitingOnResident')
       group by 1`).then((r) => rowsOf<{ year: number; n: number }>(r)),
  ]);
  const byYear = new Map(loaded.map((l) => [l.s.year, l]));
  const open = new Map(deadlines.map((d) => [d.year, d.n]));
  const years = new Set<number>([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, ...byYear.keys(), ...open.keys()]);
  const cal = { overrides: new Map(), schedules: new Map([...byYear.keys()].map((y) => [y, new Map()])) };
  const views: CalendarYearView[] = [...years].sort((a, b) => a - b).map((year) => {
    const l = byYear.get(year);
    return {
      year, status: l ? 'county' : packageCoversYear(year) ? 'package' : 'provisional',
      source: l?.s.source ?? (packageCoversYear(year) ? 'chinese-days' : null), loadedAt: l?.s.loadedAt.toISOString() ?? null,
      loadedByName: l?.loadedByName ?? null, holidays: l?.s.holidays ?? null, workdays: l?.s.workdays ?? null, openDeadlines: open.get(year) ?? 0,
    };
  });
  const toLoad = views.filter((v) => v.status === 'provisional' && !isOfficialYear(v.year, cal) && (v.openDeadlines > 0 || v.year === thisYear + 1 || v.year === thisYear)).map((v) => v.year);
  const pkg = packageYears();
  return { years: views, packageUntil: pkg[pkg.length - 1] ?? 0, toLoad };
}
