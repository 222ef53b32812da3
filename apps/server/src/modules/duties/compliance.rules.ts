// Computed compliance (篇二 7), the pure part: Asia/Shanghai calendar periods, the pro-rata requirement period of an
// activist or probationary member, and the status of a period. Days are 'YYYY-MM-DD' strings of the Shanghai
// calendar; the arithmetic runs on UTC midnights, so the server's own zone never enters.
import type { CompliancePeriod, ComplianceStatus } from '@jiceng/contract';

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromMs(toMs(day) + n * DAY_MS);
/** b − a in days */
export const daysBetween = (a: string, b: string): number => Math.round((toMs(b) - toMs(a)) / DAY_MS);
export const daysInYear = (year: number): number => daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
const pad = (n: number) => String(n).padStart(2, '0');
const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

export interface CalendarPeriod { key: string; from: string; to: string }

export function monthsOf(year: number): CalendarPeriod[] {
  return Array.from({ length: 12 }, (_, i) => {
    const from = `${year}-${pad(i + 1)}-01`;
    const next = i === 11 ? `${year + 1}-01-01` : `${year}-${pad(i + 2)}-01`;
    return { key: `${year}-${pad(i + 1)}`, from, to: addDays(next, -1) };
  });
}

export function quartersOf(year: number): CalendarPeriod[] {
  return [0, 1, 2, 3].map((q) => {
    const from = `${year}-${pad(q * 3 + 1)}-01`;
    const next = q === 3 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 4)}-01`;
    return { key: `${year}-Q${q + 1}`, from, to: addDays(next, -1) };
  });
}

export interface MemberDates { status: string; activistOn: string | null; admittedOn: string | null; fullOn: string | null }
export interface RequirementPeriod { from: string; to: string; days: number }

/**
 * The part of `year` during which the member was an activist (from activist_on) or probationary (from admitted_on
 * until full_on, the day they became formal, exclusive). Without a start date there is no known period; a formal
 * member without full_on has no known end, so no period either.
 */
export function requirementPeriod(m: MemberDates, year: number): RequirementPeriod | null {
  const start = m.activistOn ?? m.admittedOn;
  if (!start) return null;
  let endExclusive: string | null = m.fullOn;
  if (!endExclusive && m.status === 'formal') return null;
  const yearStart = `${year}-01-01`;
  const nextYear = `${year + 1}-01-01`;
  const from = maxDay(start, yearStart);
  endExclusive = endExclusive ? minDay(endExclusive, nextYear) : nextYear;
  const days = daysBetween(from, endExclusive);
  if (days <= 0) return null;
  return { from, to: addDays(endExclusive, -1), days };
}

/** The years the member has a requirement period in, up to `lastYear`. */
export function requirementYears(m: MemberDates, lastYear: number): number[] {
  const start = m.activistOn ?? m.admittedOn;
  if (!start) return [];
  const out: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= lastYear; y++) if (requirementPeriod(m, y)) out.push(y);
  return out;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
const ceil2 = (x: number) => Math.ceil(x * 100 - 1e-9) / 100;

export interface HoursStanding {
  done: number; due: number; shortBy: number; status: ComplianceStatus; projectedShort: number | null;
}

/**
 * Hours of a requirement period: due = perYear × days / days of the year (pro rata, 篇二 7); met when the confirmed
 * minutes reach it (exact, in integers), behind when the period has ended short, else in progress — with the
 * shortfall the present pace would leave at the period's end.
 */
export function hoursStanding(perYear: number, year: number, period: RequirementPeriod, doneMinutes: number, today: string): HoursStanding {
  const yearDays = daysInYear(year);
  const due = (perYear * period.days) / yearDays;
  const done = doneMinutes / 60;
  const met = doneMinutes * yearDays >= perYear * 60 * period.days;
  const shortBy = met ? 0 : ceil2(due - done);
  if (met) return { done: round2(done), due: round2(due), shortBy, status: 'met', projectedShort: null };
  if (today > period.to) return { done: round2(done), due: round2(due), shortBy, status: 'behind', projectedShort: null };
  const elapsed = daysBetween(period.from, addDays(today, 1));
  const projected = elapsed > 0 ? (done * period.days) / Math.min(elapsed, period.days) : 0;
  return { done: round2(done), due: round2(due), shortBy, status: 'inProgress', projectedShort: ceil2(Math.max(0, due - projected)) };
}

/** Is the span [startedOn, endedOn] (endedOn null: open) active on some day of the period? */
export const overlaps = (p: { from: string; to: string }, startedOn: string, endedOn: string | null) =>
  startedOn <= p.to && (endedOn === null || endedOn >= p.from);

export interface ActivityStanding {
  periods: CompliancePeriod[]; done: number; due: number; shortBy: number; byWhen: string; status: ComplianceStatus;
}

/**
 * An activity rule (N a month / a quarter): the periods of the year that have begun by `today` and during which
 * the subject was active (any day); each needs `required` activities. The current period is in progress until it
 * ends. Null when no period is due.
 */
export function activityStanding(
  periods: CalendarPeriod[], required: number, today: string, activeIn: (p: CalendarPeriod) => boolean, activityIdsOf: (key: string) => string[],
): ActivityStanding | null {
  const out: CompliancePeriod[] = [];
  for (const p of periods) {
    if (p.from > today || !activeIn(p)) continue;
    const ids = activityIdsOf(p.key);
    const status: ComplianceStatus = ids.length >= required ? 'met' : today > p.to ? 'behind' : 'inProgress';
    out.push({ key: p.key, from: p.from, to: p.to, done: ids.length, due: required, status, activityIds: ids });
  }
  if (out.length === 0) return null;
  const firstBehind = out.find((p) => p.status === 'behind');
  const current = out.find((p) => p.status === 'inProgress') ?? out.find((p) => today <= p.to);
  return {
    periods: out,
    done: out.reduce((s, p) => s + p.done, 0),
    due: out.reduce((s, p) => s + p.due, 0),
    shortBy: out.reduce((s, p) => s + Math.max(0, p.due - p.done), 0),
    byWhen: (firstBehind ?? current ?? out[out.length - 1]!).to,
    status: firstBehind ? 'behind' : out.some((p) => p.status === 'inProgress') ? 'inProgress' : 'met',
  };
}

/** The Shanghai month (1–12) and quarter (1–4) of an instant. */
export function shanghaiMonthOf(instant: Date): { year: number; month: number; quarter: number } {
  const d = new Date(instant.getTime() + 8 * 3_600_000);
  const month = d.getUTCMonth() + 1;
  return { year: d.getUTCFullYear(), month, quarter: Math.ceil(month / 3) };
}
