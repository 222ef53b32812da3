import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { GridBoundary } from '@jiceng/contract';
import { ltree } from '../../db/types.js';
import { orgs } from '../orgs/orgs.tables.js';

/**
 * 网格: 50–100 households of a village under one party group (篇二 1).
 * org_path (scope) is the party group's path when it has one, so a grid worker bound to the group sees
 * the grid; otherwise the village's.
 */
export const grids = pgTable(
  'grids',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    partyGroupId: uuid('party_group_id'),
    boundary: jsonb('boundary').$type<GridBoundary>(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('grids_county_code_uq').on(t.countyId, t.code),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'grids_org_fk' }),
    foreignKey({ columns: [t.countyId, t.partyGroupId], foreignColumns: [orgs.countyId, orgs.id], name: 'grids_party_group_fk' }),
    index('grids_org_path_gist').using('gist', t.orgPath),
  ],
);

/** 户: a household of a village, optionally in a grid; visit_tags are the six 六访 categories. */
export const households = pgTable(
  'households',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    gridId: uuid('grid_id'),
    address: text('address').notNull(),
    headName: text('head_name').notNull(),
    phone: text('phone'),
    visitTags: text('visit_tags').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    /** head's and residents' names (characters, pinyin, initials) and the address */
    searchText: text('search_text').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'households_org_fk' }),
    foreignKey({ columns: [t.countyId, t.gridId], foreignColumns: [grids.countyId, grids.id], name: 'households_grid_fk' }),
    index('households_org_path_gist').using('gist', t.orgPath),
    index('households_grid_idx').on(t.countyId, t.gridId),
    index('households_tags_gin').using('gin', t.visitTags),
    index('households_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * 居民. The ID number is stored encrypted (AES-256-GCM) with a keyed hash for lookup; disability,
 * health and poverty are one encrypted JSON (PIPL sensitive personal information).
 */
export const residents = pgTable(
  'residents',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    householdId: uuid('household_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: text('name').notNull(),
    searchText: text('search_text').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    relation: text('relation').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    phone: text('phone'),
    idEnc: text('id_enc'),
    idHash: text('id_hash'),
    sensitiveEnc: text('sensitive_enc'),
    isHead: boolean('is_head').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.householdId], foreignColumns: [households.countyId, households.id], name: 'residents_household_fk' }).onDelete('cascade'),
    uniqueIndex('residents_county_id_hash_uq').on(t.countyId, t.idHash),
    index('residents_household_idx').on(t.countyId, t.householdId),
    index('residents_org_path_gist').using('gist', t.orgPath),
    index('residents_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
