import { boolean, date, foreignKey, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * County overrides of the official calendar: a local holiday, a day the service hall opens, or next year's
 * holidays before the package that carries the State Council's notice is updated.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    countyId: uuid('county_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    workday: boolean('workday').notNull(),
    note: text('note').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.day] })],
);

/**
 * The official schedule of a year as a county loaded it (the State Council's notice, before chinese-days ships
 * it): one row per year, with the days in calendar_schedule_days. A loaded year is official for that county.
 */
export const calendarSchedules = pgTable(
  'calendar_schedules',
  {
    countyId: uuid('county_id').notNull(),
    year: integer('year').notNull(),
    /** where it came from, e.g. 国办发明电〔2026〕X号 or the file name */
    source: text('source').notNull(),
    holidays: integer('holidays').notNull(),
    workdays: integer('workdays').notNull(),
    loadedBy: uuid('loaded_by'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.year] })],
);

/** The listed days of a loaded schedule: holidays (workday false) and make-up working days (workday true). */
export const calendarScheduleDays = pgTable(
  'calendar_schedule_days',
  {
    countyId: uuid('county_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    year: integer('year').notNull(),
    workday: boolean('workday').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.day] }),
    foreignKey({ columns: [t.countyId, t.year], foreignColumns: [calendarSchedules.countyId, calendarSchedules.year], name: 'calendar_schedule_days_year_fk' }).onDelete('cascade'),
  ],
);
