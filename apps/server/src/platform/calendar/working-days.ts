// Working-day arithmetic on the official calendar (chinese-days: holidays and make-up working days from the
// State Council's notices) with a county's overrides on top. Dates are YYYY-MM-DD on the Asia/Shanghai calendar.
import chineseDays from 'chinese-days';

export type Overrides = ReadonlyMap<string, boolean>;

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addCalendarDays = (day: string, n: number) => fromUtc(toUtc(day) + n * DAY_MS);

/** The official answer (weekends, holidays, make-up working days), without county overrides. */
export function officialWorkday(day: string): boolean {
  return chineseDays.isWorkday(day);
}

/** The official name of a day that is not an ordinary weekday/weekend (e.g. 春节, or a make-up working day). */
export function officialDayName(day: string): string | null {
  const d = chineseDays.getDayDetail(day) as { name: string };
  const parts = d.name.split(',');
  return parts.length >= 2 ? parts[1]! : null;
}

export function isWorkday(day: string, overrides: Overrides = new Map()): boolean {
  return overrides.get(day) ?? officialWorkday(day);
}

/**
 * The n-th working day after `day` (n ≥ 1): the receipt day itself never counts, as in 限期办结
 * ("within 3 working days" of a request received on Friday ends on Wednesday). n = 0 → `day`.
 */
export function addWorkdays(day: string, n: number, overrides: Overrides = new Map()): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let cur = day;
  for (let left = n; left > 0; ) {
    cur = addCalendarDays(cur, 1);
    if (isWorkday(cur, overrides)) left--;
  }
  return cur;
}

/** Working days in (from, to]: after `from`, up to and including `to`; negative when `to` is before `from`. */
export function workdaysBetween(from: string, to: string, overrides: Overrides = new Map()): number {
  if (to < from) return -workdaysBetween(to, from, overrides);
  let n = 0;
  for (let cur = addCalendarDays(from, 1); cur <= to; cur = addCalendarDays(cur, 1)) if (isWorkday(cur, overrides)) n++;
  return n;
}

/** Asia/Shanghai calendar day of an instant. */
export const shanghaiDay = (at: Date): string => fromUtc(at.getTime() + 8 * 3_600_000);

/** The instant a day ends in Asia/Shanghai (23:59:59.999 +08:00): what a deadline "by that day" means. */
export const endOfShanghaiDay = (day: string): Date => new Date(toUtc(day) + DAY_MS - 8 * 3_600_000 - 1);

/** Due instant of something received at `at` with a promise of n working days. */
export function dueAt(at: Date, workdays: number, overrides: Overrides = new Map()): Date {
  return endOfShanghaiDay(addWorkdays(shanghaiDay(at), workdays, overrides));
}
