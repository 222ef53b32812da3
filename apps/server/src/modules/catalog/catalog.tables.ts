import { sql } from 'drizzle-orm';
import { boolean, foreignKey, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { departments, orgs } from '../orgs/orgs.tables.js';

/** 便民服务事项: what a resident can ask for, where it is handled, what to bring and how long it takes. */
export const serviceItems = pgTable(
  'service_items',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** what residents call it (低保 for 城乡居民最低生活保障申请): found by the guide's search */
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    category: text('category').notNull(),
    tier: text('tier', { enum: ['village', 'township', 'county'] }).notNull(),
    departmentId: uuid('department_id'),
    handler: text('handler'),
    contactPhone: text('contact_phone'),
    conditions: text('conditions'),
    materials: text('materials').array().notNull().default(sql`'{}'::text[]`),
    steps: text('steps').array().notNull().default(sql`'{}'::text[]`),
    promisedDays: integer('promised_days').notNull(),
    basis: text('basis'),
    published: boolean('published').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('service_items_county_code_uq').on(t.countyId, t.code),
    foreignKey({ columns: [t.countyId, t.departmentId], foreignColumns: [departments.countyId, departments.id], name: 'service_items_department_fk' }),
  ],
);

/**
 * 服务场所: where a resident goes for an org's items — the village's 党群服务中心 / 服务室 or the township's
 * 便民服务中心(大厅): its name, address, opening hours and phone, shown in the guide and on receipts.
 */
export const serviceRooms = pgTable(
  'service_rooms',
  {
    countyId: uuid('county_id').notNull(),
    orgId: uuid('org_id').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    hours: text('hours'),
    phone: text('phone'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.orgId] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'service_rooms_org_fk' }),
  ],
);
