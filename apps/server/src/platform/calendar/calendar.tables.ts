import { boolean, date, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
