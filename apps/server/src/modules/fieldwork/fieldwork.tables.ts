import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { orgs } from '../orgs/orgs.tables.js';

/** 四掌握 notes of a visit (篇二 3): 社情动态、农户基本情况、热点难点问题、特殊困难 */
export interface FourKnows {
  conditions?: string;
  basics?: string;
  hotIssues?: string;
  difficulties?: string;
}

/**
 * 走访台账: one visit to a household or to a village group (a party group stands for its 村(居)民小组).
 * `id` may be made by the phone (UUIDv7) so a retried upload is recognised. org_path = the household's path
 * (or the group's), so a grid worker sees the visits of their grid.
 */
export const visits = pgTable(
  'visits',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    visitorId: uuid('visitor_id').notNull(),
    visitorName: text('visitor_name').notNull(),
    householdId: uuid('household_id'),
    /** a village group visited as a whole (两走遍 of the township secretary and head) */
    groupOrgId: uuid('group_org_id'),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    purpose: text('purpose').notNull(),
    notes: jsonb('notes').$type<FourKnows>().notNull().default(sql`'{}'::jsonb`),
    followUp: text('follow_up'),
    caseId: uuid('case_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'visits_org_fk' }),
    index('visits_org_path_gist').using('gist', t.orgPath),
    index('visits_household_idx').on(t.countyId, t.householdId, t.visitedAt),
    index('visits_visitor_idx').on(t.countyId, t.visitorId, t.visitedAt),
  ],
);

/** 值班台账: a shift at the village service room or the township hall — who, when, what was handled. */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    userId: uuid('user_id'),
    personName: text('person_name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    handled: text('handled'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'duty_shifts_org_fk' }),
    index('duty_shifts_org_path_gist').using('gist', t.orgPath),
  ],
);

/** 五会、四进、组团式/订单式上门服务 (篇二 4、7): date, place, organizer, attendance, minutes (photos in files). */
export const activities = pgTable(
  'activities',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    heldOn: timestamp('held_on', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    organizer: text('organizer').notNull(),
    /** the member who organized or gave it (a central household's monthly service, a secretary's 党课) */
    organizerMemberId: uuid('organizer_member_id'),
    /** a pairing unit's volunteer team at its paired village (结对帮扶单位党员志愿服务队, 篇二 7) */
    pairingId: uuid('pairing_id'),
    memberIds: uuid('member_ids').array().notNull().default(sql`'{}'::uuid[]`),
    residentIds: uuid('resident_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** attendees not in the register (counted) */
    otherAttendees: integer('other_attendees').notNull().default(0),
    minutes: text('minutes'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'activities_org_fk' }),
    index('activities_org_path_gist').using('gist', t.orgPath),
    index('activities_held_idx').on(t.countyId, t.heldOn),
    index('activities_organizer_member_idx').on(t.countyId, t.organizerMemberId, t.heldOn),
    index('activities_pairing_idx').on(t.countyId, t.pairingId, t.heldOn),
  ],
);
