import { z } from 'zod';

export const CalendarDayView = z.object({
  day: z.string(),
  workday: z.boolean(),
  /** the official answer (State Council notice via chinese-days) before county overrides */
  official: z.boolean(),
  /** e.g. 春节、国庆节 for holidays and their make-up working days */
  name: z.string().nullable(),
  override: z.object({ workday: z.boolean(), note: z.string() }).nullable(),
});
export type CalendarDayView = z.infer<typeof CalendarDayView>;
export const CalendarMonthView = z.object({ month: z.string(), days: z.array(CalendarDayView) }).meta({ id: 'CalendarMonthView' });
export const calendarMonthQuery = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export const DayParams = z.strictObject({ day: z.iso.date() });
export const SetCalendarOverrideInput = z
  .strictObject({ workday: z.boolean(), note: z.string().trim().min(1).max(100) })
  .meta({ id: 'SetCalendarOverrideInput' });
export type SetCalendarOverrideInput = z.infer<typeof SetCalendarOverrideInput>;

export const addWorkingDaysQuery = z.strictObject({
  from: z.iso.date(),
  days: z.coerce.number().int().min(0).max(3650),
  /** apply this county's overrides; without it, the official calendar alone */
  countyId: z.uuid().optional(),
});
export const AddWorkingDaysView = z.object({ date: z.string() }).meta({ id: 'AddWorkingDaysView' });
