// Dashboards (issue 12): the big screen's display tokens (大屏令牌). Distributed by county_id (Citus): the token the
// meeting room's PC carries names its county, so a lookup always filters county_id; only a keyed hash of the secret
// is kept (as the portal secret), the secret itself is shown once when issued.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const displayTokens = pgTable(
  'display_tokens',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    /** where the screen stands, e.g. 县委组织部会议室 */
    name: text('name').notNull(),
    /** keyedHash(county, 'screen\0' + secret) */
    secretHash: text('secret_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByName: text('revoked_by_name'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    index('display_tokens_hash_idx').on(t.countyId, t.secretHash),
  ],
);
