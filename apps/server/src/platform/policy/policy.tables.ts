import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Per-county overrides of the defaults in @jiceng/contract POLICY_DEFINITIONS. */
export const policyOverrides = pgTable(
  'policy_overrides',
  {
    countyId: uuid('county_id').notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.key] })],
);
