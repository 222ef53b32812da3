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
