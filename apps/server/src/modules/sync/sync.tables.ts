import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every record a phone uploaded through POST /api/sync, by its client-made id: a retried or duplicated upload
 * finds its receipt and creates nothing twice; the same id with a different payload is a conflict, shown to the
 * user. `payload_hash` is SHA-256 of the canonical JSON of the payload.
 */
export const syncReceipts = pgTable(
  'sync_receipts',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    type: text('type').notNull(),
    payloadHash: text('payload_hash').notNull(),
    status: text('status', { enum: ['created', 'invalid'] }).notNull(),
    reason: text('reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.id] }), index('sync_receipts_user_idx').on(t.countyId, t.userId, t.receivedAt)],
);
