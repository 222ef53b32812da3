import { sql } from 'drizzle-orm';
import { doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { serviceItems } from '../catalog/catalog.tables.js';

/**
 * 办件: one request of a resident (篇三 受理-承办-回复). `org_path` is where it came from (the village or
 * township that registered it, for scope); `owner_*` is who holds it now; `department_ids` every county
 * department it was ever sent to (a department sees only those).
 */
export const cases = pgTable(
  'cases',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    /** 办件编号, e.g. 2026-000123, per county and year */
    number: text('number').notNull(),
    /** 查询码 the resident uses with the last four digits of the phone */
    trackingCode: text('tracking_code').notNull(),
    itemId: uuid('item_id'),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    channel: text('channel').notNull(),
    fieldReportKind: text('field_report_kind'),
    householdId: uuid('household_id'),
    residentId: uuid('resident_id'),
    gridId: uuid('grid_id'),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    requesterName: text('requester_name'),
    requesterPhone: text('requester_phone'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    state: text('state').notNull(),
    ownerTier: text('owner_tier', { enum: ['village', 'township', 'county'] }).notNull(),
    ownerOrgId: uuid('owner_org_id'),
    ownerDepartmentId: uuid('owner_department_id'),
    /** the owner org's path (null while a department holds the case) */
    ownerPath: ltree('owner_path'),
    departmentIds: uuid('department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** 首问负责人; null only for portal/Open311 requests nobody has touched yet */
    firstResponderId: uuid('first_responder_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** the current holder's own deadline (限期办结 of its tier; see docs/cases.md) */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** the promise made to the resident (承诺办结日期): the item's promise counted from receipt, moved only by
     *  waiting on the resident, a calendar change or the holder's 承诺办理 (null only in rows written by hand before
     *  0015 backfilled it: read as due_at) */
    promisedAt: timestamp('promised_at', { withTimezone: true }),
    /** the handling mode the current holder chose at 开始承办 (直接办理 / 承诺办理 / 明确答复); cleared by a forward */
    handlingMode: text('handling_mode'),
    /** 收件材料: what the counter received from the resident (printed on the 受理回执) */
    materialsReceived: text('materials_received').array().notNull().default(sql`'{}'::text[]`),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    mode: text('mode'),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** who gave the rating: the resident (portal) or a callback (回访) recorded by a staff account */
    ratingSource: text('rating_source', { enum: ['resident', 'callback'] }),
    ratedBy: uuid('rated_by'),
    /** the recording account's org path when a callback (null: the resident, or a department account); a rating
     * recorded from inside an org's subtree does not count in that org's mass evaluation */
    raterPath: ltree('rater_path'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    forwards: integer('forwards').notNull().default(0),
    /** 跑腿次数: the resident's trips for this case (最多跑一次: ≤ 1) */
    trips: integer('trips').notNull().default(0),
    /** set by the deadlines job, once per deadline */
    dueSoonAt: timestamp('due_soon_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    escalation: smallint('escalation').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('cases_county_number_uq').on(t.countyId, t.number),
    unique('cases_county_tracking_uq').on(t.countyId, t.trackingCode),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'cases_org_fk' }),
    foreignKey({ columns: [t.countyId, t.ownerOrgId], foreignColumns: [orgs.countyId, orgs.id], name: 'cases_owner_org_fk' }),
    foreignKey({ columns: [t.countyId, t.ownerDepartmentId], foreignColumns: [departments.countyId, departments.id], name: 'cases_owner_department_fk' }),
    foreignKey({ columns: [t.countyId, t.itemId], foreignColumns: [serviceItems.countyId, serviceItems.id], name: 'cases_item_fk' }),
    index('cases_org_path_gist').using('gist', t.orgPath),
    index('cases_owner_path_gist').using('gist', t.ownerPath),
    index('cases_departments_gin').using('gin', t.departmentIds),
    index('cases_received_idx').on(t.countyId, t.receivedAt),
    // the deadlines job reads only open cases it has not yet marked, by due time (small however many cases exist)
    index('cases_overdue_watch_idx').on(t.countyId, t.dueAt).where(sql`state in ('received', 'inProgress') and overdue_at is null`),
    // the open cases (a few % of a county's): the dashboards' and the ledger's open / overdue / due-soon counts read
    // them here instead of scanning every case of the county (city scale: 39 → 3 ms for the county's cards)
    index('cases_open_idx').on(t.countyId, t.dueAt).where(sql`state in ('received', 'inProgress', 'waitingOnResident')`),
    index('cases_due_soon_watch_idx').on(t.countyId, t.dueAt).where(sql`state in ('received', 'inProgress') and due_soon_at is null`),
    index('cases_household_idx').on(t.countyId, t.householdId),
    index('cases_text_trgm').using('gin', sql`${t.description} gin_trgm_ops`),
  ],
);

/** The visible history of a case: every step, who, when, from which state to which. Never updated. */
export const caseEvents = pgTable(
  'case_events',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.caseId], foreignColumns: [cases.countyId, cases.id], name: 'case_events_case_fk' }),
    index('case_events_case_idx').on(t.countyId, t.caseId, t.at),
  ],
);

/**
 * 过错责任追究: raised by the deadlines job when a case runs past its deadline (one per deadline), reviewed by
 * a township (or county) admin: upheld or dismissed with a reason.
 */
export const accountabilityRecords = pgTable(
  'accountability_records',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    /** the deadline that was missed (with the case, the key that keeps the job from raising twice) */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    responsibleUserId: uuid('responsible_user_id'),
    ownerTier: text('owner_tier').notNull(),
    ownerOrgId: uuid('owner_org_id'),
    ownerDepartmentId: uuid('owner_department_id'),
    orgPath: ltree('org_path').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['pending', 'upheld', 'dismissed'] }).notNull().default('pending'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('accountability_case_due_uq').on(t.countyId, t.caseId, t.kind, t.dueAt),
    foreignKey({ columns: [t.countyId, t.caseId], foreignColumns: [cases.countyId, cases.id], name: 'accountability_case_fk' }),
    index('accountability_org_path_gist').using('gist', t.orgPath),
  ],
);

/** Notices to a unit (an org's or a department's accounts): due soon, overdue, escalated, whistled. */
export const notifications = pgTable(
  'notifications',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    orgId: uuid('org_id'),
    departmentId: uuid('department_id'),
    caseId: uuid('case_id'),
    whistleId: uuid('whistle_id'),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    index('notifications_org_idx').on(t.countyId, t.orgId, t.createdAt),
    index('notifications_department_idx').on(t.countyId, t.departmentId, t.createdAt),
  ],
);

/**
 * Reference table: tracking codes are looked up without a county (the resident only has the code). The
 * resident's credential is the code with its secret, which staff never see after the receipt: only its keyed
 * hash is kept (null: no portal access, e.g. seeded cases).
 */
export const trackingCodes = pgTable('tracking_codes', {
  code: text('code').primaryKey(),
  countyId: uuid('county_id').notNull(),
  caseId: uuid('case_id').notNull(),
  secretHash: text('secret_hash'),
});

/** Per county and year, the next case number (one row lock, numbers without gaps). */
export const caseCounters = pgTable(
  'case_counters',
  {
    countyId: uuid('county_id').notNull(),
    year: integer('year').notNull(),
    next: integer('next').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.year] })],
);
