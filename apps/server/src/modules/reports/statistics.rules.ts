// Periods of the work statistics (issue 12): a month, a quarter or a year that holds a given day, or a custom
// range; and the period before it of the same kind (the previous month / quarter / year; for a custom range the
// same number of days just before it). Pure: days are 'YYYY-MM-DD' strings of the Shanghai calendar.
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export interface Period { kind: PeriodKind; from: string; to: string; label: string }

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based
const QUARTERS = ['一', '二', '三', '四'];

export function periodOf(kind: Exclude<PeriodKind, 'custom'>, day: string): Period {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (kind === 'month') return { kind, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, label: `${y}年${m}月` };
  if (kind === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    const first = q * 3 + 1;
    return { kind, from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}`, label: `${y}年第${QUARTERS[q]}季度` };
  }
  return { kind, from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年度` };
}

export function customPeriod(from: string, to: string): Period {
  return { kind: 'custom', from, to, label: `${from.replaceAll('-', '.')}—${to.replaceAll('-', '.')}` };
}

/** days from `from` to `to`, both counted */
export const daysIn = (p: { from: string; to: string }) => Math.round((utc(p.to).getTime() - utc(p.from).getTime()) / 86_400_000) + 1;

export function previousPeriod(p: Period): Period {
  const dayBefore = iso(new Date(utc(p.from).getTime() - 86_400_000));
  if (p.kind !== 'custom') return periodOf(p.kind, dayBefore);
  const from = iso(new Date(utc(p.from).getTime() - daysIn(p) * 86_400_000));
  return customPeriod(from, dayBefore);
}
