import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';

/**
 * Append-only, hash-chained per county: hash = sha256(prev_hash + canonical JSON of the entry).
 * A trigger (migration 0002) refuses UPDATE, DELETE and TRUNCATE.
 * county_id is the nil UUID for events that belong to no county (a login with an unknown name).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    countyId: uuid('county_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    orgPath: ltree('org_path'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.seq] }),
    index('audit_log_org_path_gist').using('gist', t.orgPath),
    index('audit_log_at_idx').on(t.countyId, t.at),
  ],
);
