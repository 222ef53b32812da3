import type { CalendarDayView } from '@jiceng/contract';
import { t } from '../../i18n';

export const monthOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

const isWeekend = (day: string) => {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
};

/** What a cell says: 休 on a holiday, 班 on a make-up working day (or a county-opened weekend), nothing otherwise. */
export function badge(d: CalendarDayView): { text: string; kind: 'rest' | 'work' } | null {
  if (!d.workday && !isWeekend(d.day)) return { text: t('calendar.rest'), kind: 'rest' };
  if (d.workday && isWeekend(d.day)) return { text: t('calendar.work'), kind: 'work' };
  return null;
}

/** The examples the page's help shows (the same shapes docs/calendar.md describes). */
export const SCHEDULE_CSV_EXAMPLE = `日期,类型,名称
2027-01-01~2027-01-03,休,元旦
2027-02-05~2027-02-13,休,春节
2027-02-14,班,春节调休上班`;
export const SCHEDULE_JSON_EXAMPLE = `{
  "year": 2027,
  "source": "国办发明电〔2026〕X号",
  "holidays": [{ "name": "春节", "from": "2027-02-05", "to": "2027-02-13" }],
  "workdays": [{ "day": "2027-02-14", "name": "春节调休上班" }]
}`;

/** Days off and make-up working days a parsed file lists (a range counts each day). */
export function scheduleCounts(f: { holidays: { from: string; to?: string }[]; workdays: unknown[] }): { holidays: number; workdays: number } {
  let holidays = 0;
  for (const h of f.holidays) {
    const a = Date.parse(`${h.from}T00:00:00Z`);
    const b = Date.parse(`${h.to ?? h.from}T00:00:00Z`);
    holidays += Number.isNaN(a) || Number.isNaN(b) || b < a ? 0 : Math.round((b - a) / 86_400_000) + 1;
  }
  return { holidays, workdays: f.workdays.length };
}
