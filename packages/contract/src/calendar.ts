import { z } from 'zod';
import { DayInRange, MonthInRange } from './dates.js';
import { CALENDAR_DAY_SOURCES, CALENDAR_YEAR_STATUSES, SCHEDULE_LIMITS } from './calendar.schedule.js';

export const CalendarDayView = z.object({
  day: z.string(),
  workday: z.boolean(),
  /** the official answer (State Council notice via chinese-days) before county overrides */
  official: z.boolean(),
  /** e.g. 春节、国庆节 for holidays and their make-up working days */
  name: z.string().nullable(),
  override: z.object({ workday: z.boolean(), note: z.string() }).nullable(),
  /** who answers for the day: the county's override, the county's loaded schedule, the package, or provisional */
  source: z.enum(CALENDAR_DAY_SOURCES),
  /** the year has no official schedule yet: statutory holidays of 《全国年节及纪念日放假办法》 only, no make-up days */
  provisional: z.boolean(),
});
export type CalendarDayView = z.infer<typeof CalendarDayView>;
export const CalendarMonthView = z.object({ month: z.string(), days: z.array(CalendarDayView) }).meta({ id: 'CalendarMonthView' });
export const calendarMonthQuery = z.strictObject({ month: MonthInRange });
export const DayParams = z.strictObject({ day: DayInRange });
export const SetCalendarOverrideInput = z
  .strictObject({ workday: z.boolean(), note: z.string().trim().min(1).max(100) })
  .meta({ id: 'SetCalendarOverrideInput' });
export type SetCalendarOverrideInput = z.infer<typeof SetCalendarOverrideInput>;

export const addWorkingDaysQuery = z.strictObject({
  from: DayInRange,
  days: z.coerce.number().int().min(0).max(3650),
  /** apply this county's overrides; without it, the official calendar alone */
  countyId: z.uuid().optional(),
});
export const AddWorkingDaysView = z
  .object({
    date: z.string(),
    /** counted across a year without an official schedule (statutory holidays only): may move */
    provisional: z.boolean(),
  })
  .meta({ id: 'AddWorkingDaysView' });

// ---- official schedules of a year (国务院办公厅关于某年部分节假日安排的通知), loaded per county ----
const ScheduleName = z.string().trim().min(1).max(SCHEDULE_LIMITS.nameMax);
export const ScheduleHoliday = z.strictObject({
  name: ScheduleName,
  from: DayInRange,
  /** the last day of the holiday (inclusive); omitted for a one-day holiday */
  to: DayInRange.optional(),
});
export const ScheduleWorkday = z.strictObject({ day: DayInRange, name: ScheduleName });
export const CalendarScheduleInput = z
  .strictObject({
    /** e.g. 国办发明电〔2026〕X号, or the file name */
    source: z.string().trim().min(1).max(SCHEDULE_LIMITS.sourceMax),
    holidays: z.array(ScheduleHoliday).min(1).max(SCHEDULE_LIMITS.holidaysMax),
    /** 调休上班日: weekend days that are working days */
    workdays: z.array(ScheduleWorkday).max(SCHEDULE_LIMITS.workdaysMax),
  })
  .meta({ id: 'CalendarScheduleInput' });
export type CalendarScheduleInput = z.infer<typeof CalendarScheduleInput>;
export const CalendarYearParams = z.strictObject({ year: z.coerce.number().int().min(SCHEDULE_LIMITS.yearMin).max(SCHEDULE_LIMITS.yearMax) });

export const CalendarYearView = z.object({
  year: z.number().int(),
  /** package: shipped with the system (chinese-days); county: loaded by this county; provisional: statutory holidays only */
  status: z.enum(CALENDAR_YEAR_STATUSES),
  source: z.string().nullable(),
  loadedAt: z.string().nullable(),
  loadedByName: z.string().nullable(),
  holidays: z.number().int().nullable(),
  workdays: z.number().int().nullable(),
  /** open cases whose deadline falls in this year */
  openDeadlines: z.number().int(),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;
export const CalendarYearList = z
  .object({
    years: z.array(CalendarYearView),
    /** the last year the package covers */
    packageUntil: z.number().int(),
    /** provisional years a county admin should load (open deadlines run into them, or the year is next) */
    toLoad: z.array(z.number().int()),
  })
  .meta({ id: 'CalendarYearList' });
export type CalendarYearList = z.infer<typeof CalendarYearList>;
export const DeadlineChangeView = z.object({ caseId: z.string(), number: z.string(), from: z.string(), to: z.string() });
export const CalendarScheduleResult = z
  .object({
    year: z.number().int(),
    holidays: z.number().int(),
    workdays: z.number().int(),
    /** open cases whose due date moved */
    moved: z.number().int(),
    /** the first of them (up to 100) */
    changes: z.array(DeadlineChangeView),
  })
  .meta({ id: 'CalendarScheduleResult' });
export type CalendarScheduleResult = z.infer<typeof CalendarScheduleResult>;
