// Working-day arithmetic. Which calendar answers for a day, first match wins:
//   1. the county's override of that day (a local holiday, a Saturday the service hall opens);
//   2. the official schedule of that year the county loaded (State Council notice: holidays and make-up
//      working days; every other day Mon–Fri);
//   3. chinese-days' official data (the State Council's notices up to the last year it ships);
//   4. beyond them: PROVISIONAL — Mon–Fri minus the statutory holidays of 《全国年节及纪念日放假办法》
//      (statutory-holidays.ts), with no make-up days, because the notice is not out yet.
// Dates are YYYY-MM-DD on the Asia/Shanghai calendar, within DATE_BOUNDS: every loop here is bounded by it and
// throws a RangeError past it (answered as a 400), never spins (issue 15.1).
import chineseDays from 'chinese-days';
import { DATE_BOUNDS, MAX_YEAR, MIN_YEAR } from '@jiceng/contract';
import { statutoryHolidays } from './statutory-holidays.js';

export type Overrides = ReadonlyMap<string, boolean>;
export interface ScheduleDay {
  workday: boolean;
  name: string;
}
/** A year's official schedule as a county loaded it: the listed days (holidays and make-up working days). */
export type YearSchedule = ReadonlyMap<string, ScheduleDay>;
export interface CountyCalendar {
  overrides: Overrides;
  schedules: ReadonlyMap<number, YearSchedule>;
}
/** Either a county's whole calendar or just overrides (the official calendar alone when empty). */
export type CalendarInput = CountyCalendar | Overrides;

export type DaySource = 'override' | 'county' | 'package' | 'provisional';

const EMPTY: CountyCalendar = { overrides: new Map(), schedules: new Map() };
const asCalendar = (c: CalendarInput | undefined): CountyCalendar =>
  !c ? EMPTY : c instanceof Map ? { overrides: c as Overrides, schedules: EMPTY.schedules } : (c as CountyCalendar);

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Refuses a day outside DATE_BOUNDS (or not a day at all) before any loop runs over it. */
export function assertDay(day: string, what = 'date'): void {
  if (!DAY_RE.test(day) || Number.isNaN(toUtc(day)) || day < DATE_BOUNDS.min || day > DATE_BOUNDS.max) {
    throw new RangeError(`${what} ${day} is outside the supported range ${DATE_BOUNDS.min}…${DATE_BOUNDS.max}`);
  }
}

export const addCalendarDays = (day: string, n: number) => fromUtc(toUtc(day) + n * DAY_MS);
const yearOf = (day: string) => Number(day.slice(0, 4));
const weekday = (day: string) => {
  const d = new Date(toUtc(day)).getUTCDay();
  return d >= 1 && d <= 5;
};

const packageYearCache = new Map<number, boolean>();
/** Whether chinese-days ships the State Council's schedule for this year (it has holidays listed for it). */
export function packageCoversYear(year: number): boolean {
  let hit = packageYearCache.get(year);
  if (hit === undefined) {
    hit = year >= MIN_YEAR && year <= MAX_YEAR && chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    packageYearCache.set(year, hit);
  }
  return hit;
}

/** Years of the supported range that chinese-days covers (e.g. 2004–2026 for 1.5.7). */
export function packageYears(): number[] {
  const out: number[] = [];
  for (let y = MIN_YEAR; y <= MAX_YEAR; y++) if (packageCoversYear(y)) out.push(y);
  return out;
}

/** Official data for this year: shipped by the package or loaded by the county. */
export function isOfficialYear(year: number, cal?: CalendarInput): boolean {
  return asCalendar(cal).schedules.has(year) || packageCoversYear(year);
}

export interface DayInfo {
  workday: boolean;
  /** the answer before the county's override */
  baseWorkday: boolean;
  source: DaySource;
  /** a holiday's or make-up day's name (春节, 春节调休上班…) */
  name: string | null;
  /** the year has no official schedule: statutory holidays only */
  provisional: boolean;
}

function baseDay(day: string, cal: CountyCalendar): Omit<DayInfo, 'baseWorkday'> {
  const year = yearOf(day);
  const schedule = cal.schedules.get(year);
  if (schedule) {
    const s = schedule.get(day);
    return s ? { workday: s.workday, source: 'county', name: s.name, provisional: false } : { workday: weekday(day), source: 'county', name: null, provisional: false };
  }
  if (packageCoversYear(year)) return { workday: chineseDays.isWorkday(day), source: 'package', name: officialDayName(day), provisional: false };
  const h = statutoryHolidays(year).get(day);
  return { workday: h ? false : weekday(day), source: 'provisional', name: h?.name ?? null, provisional: true };
}

/** Everything the calendar knows about a day. */
export function dayInfo(day: string, cal?: CalendarInput): DayInfo {
  assertDay(day);
  const c = asCalendar(cal);
  const base = baseDay(day, c);
  const o = c.overrides.get(day);
  return o === undefined ? { ...base, baseWorkday: base.workday } : { ...base, baseWorkday: base.workday, workday: o, source: 'override' };
}

/** The package's answer (weekends, holidays, make-up working days), without county data. */
export function officialWorkday(day: string): boolean {
  return baseDay(day, EMPTY).workday;
}

/** The package's name of a day that is not an ordinary weekday/weekend (e.g. 春节, or a make-up working day). */
export function officialDayName(day: string): string | null {
  const d = chineseDays.getDayDetail(day) as { name: string };
  const parts = d.name.split(',');
  return parts.length >= 2 ? parts[1]! : null;
}

export function isWorkday(day: string, cal?: CalendarInput): boolean {
  const c = asCalendar(cal);
  return c.overrides.get(day) ?? baseDay(day, c).workday;
}

/** One day later, refusing to leave the supported range (the bound of every loop below). */
function nextDay(day: string): string {
  const next = addCalendarDays(day, 1);
  if (next > DATE_BOUNDS.max) throw new RangeError(`working days run past ${DATE_BOUNDS.max}`);
  return next;
}

/**
 * The n-th working day after `day` (n ≥ 1): the receipt day itself never counts, as in 限期办结
 * ("within 3 working days" of a request received on Friday ends on Wednesday). n = 0 → `day`.
 */
export function addWorkdays(day: string, n: number, cal?: CalendarInput): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  assertDay(day);
  const c = asCalendar(cal);
  let cur = day;
  for (let left = n; left > 0; ) {
    cur = nextDay(cur);
    if (isWorkday(cur, c)) left--;
  }
  return cur;
}

/** `day` when it is a working day, else the next working day. */
export function workdayOnOrAfter(day: string, cal?: CalendarInput): string {
  assertDay(day);
  return isWorkday(day, cal) ? day : addWorkdays(day, 1, cal);
}

/** Working days in (from, to]: after `from`, up to and including `to`; negative when `to` is before `from`. */
export function workdaysBetween(from: string, to: string, cal?: CalendarInput): number {
  assertDay(from, 'from');
  assertDay(to, 'to');
  if (to < from) return -workdaysBetween(to, from, cal);
  const c = asCalendar(cal);
  let n = 0;
  for (let cur = addCalendarDays(from, 1); cur <= to; cur = addCalendarDays(cur, 1)) if (isWorkday(cur, c)) n++;
  return n;
}

/** Whether a deadline counted over [from, to] touched a year without an official schedule. */
export function spansProvisional(from: string, to: string, cal?: CalendarInput): boolean {
  const c = asCalendar(cal);
  for (let y = yearOf(from); y <= yearOf(to); y++) if (!isOfficialYear(y, c)) return true;
  return false;
}

/** Asia/Shanghai calendar day of an instant. */
export const shanghaiDay = (at: Date): string => fromUtc(at.getTime() + 8 * 3_600_000);

/** The instant a day ends in Asia/Shanghai (23:59:59.999 +08:00): what a deadline "by that day" means. */
export const endOfShanghaiDay = (day: string): Date => new Date(toUtc(day) + DAY_MS - 8 * 3_600_000 - 1);

/**
 * The last day of a promise of n working days made on `day`: the n-th working day after it; for n = 0 (即办)
 * the day itself when it is a working day, else the next working day — a request that arrives on a Sunday is
 * due at the end of Monday, not at 23:59 that Sunday.
 */
export function dueDay(day: string, workdays: number, cal?: CalendarInput): string {
  return workdays === 0 ? workdayOnOrAfter(day, cal) : addWorkdays(day, workdays, cal);
}

/** Due instant of something received at `at` with a promise of n working days. */
export function dueAt(at: Date, workdays: number, cal?: CalendarInput): Date {
  return endOfShanghaiDay(dueDay(shanghaiDay(at), workdays, cal));
}
