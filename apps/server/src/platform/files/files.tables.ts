import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Evidence (材料、照片): the bytes live in the database with their SHA-256, so every server process sees the
 * same files, backups hold them, and an auditor can check a file was not swapped. `entity`/`entity_id` name
 * the record a file belongs to (a case, a visit…); access to the file is access to that record.
 */
export const files = pgTable(
  'files',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    index('files_entity_idx').on(t.countyId, t.entity, t.entityId),
  ],
);
