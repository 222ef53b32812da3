import { z } from 'zod';
import { DATE_BOUNDS, DATE_BOUNDS_MS, DATE_ISSUES } from './dates.constants.js';

/** A calendar day YYYY-MM-DD within DATE_BOUNDS (string comparison is date order for this format). */
export const DayInRange = z.iso.date().refine((d) => d >= DATE_BOUNDS.min && d <= DATE_BOUNDS.max, { message: DATE_ISSUES.range });
/** A date of a person's history (birth, joining the Party, a post): from DATE_BOUNDS.birthMin. */
export const HistoricDay = z.iso.date().refine((d) => d >= DATE_BOUNDS.birthMin && d <= DATE_BOUNDS.max, { message: DATE_ISSUES.birthRange });
/** An instant with an offset (ISO 8601) within DATE_BOUNDS. */
export const InstantInRange = z.iso.datetime({ offset: true }).refine((s) => {
  const t = Date.parse(s);
  return t >= DATE_BOUNDS_MS.min && t <= DATE_BOUNDS_MS.max;
}, { message: DATE_ISSUES.range });
/** A month YYYY-MM within DATE_BOUNDS. */
export const MonthInRange = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .refine((m) => m >= DATE_BOUNDS.min.slice(0, 7) && m <= DATE_BOUNDS.max.slice(0, 7), { message: DATE_ISSUES.range });

/** `from` may not be after `to` (both optional): the answer names `from`. */
export const fromNotAfterTo = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
export const DATE_ORDER_ISSUE = { message: DATE_ISSUES.order, path: ['from'] };
