import { date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { departments, orgs } from '../orgs/orgs.tables.js';

/** The "3 1 n" of a village (篇二 2): autonomous, economic and social organizations beside the party org. */
export const bodies = pgTable(
  'bodies',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    leaderName: text('leader_name'),
    leaderPhone: text('leader_phone'),
    memberCount: integer('member_count'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'bodies_org_fk' }),
    index('bodies_org_path_gist').using('gist', t.orgPath),
  ],
);

/** 结对共建 / 结对帮扶 / 村企结对 between a unit (org, department or enterprise) and a village. */
export const pairings = pgTable(
  'pairings',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind').notNull(),
    partnerKind: text('partner_kind').notNull(),
    partnerOrgId: uuid('partner_org_id'),
    partnerDepartmentId: uuid('partner_department_id'),
    partnerName: text('partner_name').notNull(),
    purpose: text('purpose'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'pairings_org_fk' }),
    foreignKey({ columns: [t.countyId, t.partnerOrgId], foreignColumns: [orgs.countyId, orgs.id], name: 'pairings_partner_org_fk' }),
    foreignKey({ columns: [t.countyId, t.partnerDepartmentId], foreignColumns: [departments.countyId, departments.id], name: 'pairings_partner_department_fk' }),
    index('pairings_org_path_gist').using('gist', t.orgPath),
  ],
);
