import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { cases } from '../cases/cases.tables.js';

/** 吹哨: a township/street calls county departments to a problem none of them owns alone (篇四). */
export const whistles = pgTable(
  'whistles',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    title: text('title').notNull(),
    place: text('place').notNull(),
    description: text('description').notNull(),
    /** each department must report within this many hours */
    reportHours: integer('report_hours').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: ['open', 'closed'] }).notNull().default('open'),
    summary: text('summary'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('whistles_county_number_uq').on(t.countyId, t.number),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'whistles_org_fk' }),
    index('whistles_org_path_gist').using('gist', t.orgPath),
  ],
);

/** 报到: one called department's answer to a whistle — acknowledged, arrived, reported with a result. */
export const whistleReports = pgTable(
  'whistle_reports',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    whistleId: uuid('whistle_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    result: text('result'),
    reportedBy: uuid('reported_by'),
    /** optional evidence of 接哨 and 到场 (a note; photos are files of entity whistleReport) */
    acknowledgeNote: text('acknowledge_note'),
    arriveNote: text('arrive_note'),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('whistle_reports_department_uq').on(t.countyId, t.whistleId, t.departmentId),
    foreignKey({ columns: [t.countyId, t.whistleId], foreignColumns: [whistles.countyId, whistles.id], name: 'whistle_reports_whistle_fk' }),
    foreignKey({ columns: [t.countyId, t.departmentId], foreignColumns: [departments.countyId, departments.id], name: 'whistle_reports_department_fk' }),
    index('whistle_reports_department_idx').on(t.countyId, t.departmentId),
  ],
);

/** Cases a whistle was blown about. */
export const whistleCases = pgTable(
  'whistle_cases',
  {
    countyId: uuid('county_id').notNull(),
    whistleId: uuid('whistle_id').notNull(),
    caseId: uuid('case_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.whistleId, t.caseId] }),
    foreignKey({ columns: [t.countyId, t.whistleId], foreignColumns: [whistles.countyId, whistles.id], name: 'whistle_cases_whistle_fk' }),
    foreignKey({ columns: [t.countyId, t.caseId], foreignColumns: [cases.countyId, cases.id], name: 'whistle_cases_case_fk' }),
  ],
);
