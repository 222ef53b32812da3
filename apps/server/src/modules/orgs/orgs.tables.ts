import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';

/** 党组织 — one node of the tree. county_id is the id of the county root (itself for the root). */
export const orgs = pgTable(
  'orgs',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    code: text('code').notNull(),
    tier: text('tier', { enum: ['county', 'township', 'village'] }).notNull(),
    level: text('level', { enum: ['committee', 'generalBranch', 'branch', 'group'] }).notNull(),
    sector: text('sector', {
      enum: ['rural', 'community', 'organ', 'soe', 'school', 'institution', 'private', 'social'],
    }).notNull(),
    path: ltree('path').notNull(),
    /** name + full pinyin + initials, for ILIKE through the trigram index */
    searchText: text('search_text').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.parentId], foreignColumns: [t.countyId, t.id], name: 'orgs_parent_fk' }),
    unique('orgs_county_code_uq').on(t.countyId, t.code),
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** 职能部门 — county functional departments; receive forwarded cases and whistles. */
export const departments = pgTable(
  'departments',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    phone: text('phone'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('departments_county_code_uq').on(t.countyId, t.code),
  ],
);
