import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { orgs } from '../orgs/orgs.tables.js';
import { grids, residents } from '../grids/grids.tables.js';

/** 党员 and candidates (formal, probationary, activist), belonging to a branch or party group. */
export const members = pgTable(
  'members',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    gridId: uuid('grid_id'),
    residentId: uuid('resident_id'),
    name: text('name').notNull(),
    searchText: text('search_text').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    birthDate: date('birth_date', { mode: 'string' }),
    phone: text('phone'),
    idEnc: text('id_enc'),
    idHash: text('id_hash'),
    status: text('status', { enum: ['formal', 'probationary', 'activist'] }).notNull(),
    activistOn: date('activist_on', { mode: 'string' }),
    admittedOn: date('admitted_on', { mode: 'string' }),
    fullOn: date('full_on', { mode: 'string' }),
    floating: boolean('floating').notNull().default(false),
    floatingTo: text('floating_to'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'members_org_fk' }),
    foreignKey({ columns: [t.countyId, t.gridId], foreignColumns: [grids.countyId, grids.id], name: 'members_grid_fk' }),
    foreignKey({ columns: [t.countyId, t.residentId], foreignColumns: [residents.countyId, residents.id], name: 'members_resident_fk' }).onDelete('no action'),
    uniqueIndex('members_county_id_hash_uq').on(t.countyId, t.idHash),
    index('members_org_path_gist').using('gist', t.orgPath),
    index('members_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** 职务: secretary, first secretary, central household, posted member … with dates. */
export const memberPositions = pgTable(
  'member_positions',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    gridId: uuid('grid_id'),
    title: text('title'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.memberId], foreignColumns: [members.countyId, members.id], name: 'positions_member_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'positions_org_fk' }),
    foreignKey({ columns: [t.countyId, t.gridId], foreignColumns: [grids.countyId, grids.id], name: 'positions_grid_fk' }),
    index('positions_member_idx').on(t.countyId, t.memberId),
    index('positions_grid_idx').on(t.countyId, t.gridId),
  ],
);
