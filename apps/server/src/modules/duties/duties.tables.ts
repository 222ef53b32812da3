// Members' duties (issue 10; F14–F16). Every table is distributed by county_id (Citus): the primary key and every
// foreign key start with it. org_path columns carry the scope of a row (who may see it); a member's own login
// reaches rows by member_id.
import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { orgs } from '../orgs/orgs.tables.js';
import { memberPositions, members } from '../members/members.tables.js';
import { pairings } from '../bodies/bodies.tables.js';

/**
 * 志愿服务记录 (F14, 篇二 7): one shift of one member at a village service centre (the member's own village or its
 * pairing village). Hours are derived from starts_at/ends_at (minutes). Only confirmed records count; a confirmed
 * record is never changed — a correction is a new record whose corrects_id names the old one, and once the
 * correction is confirmed the old one stops counting. `id` may be made by the phone (UUIDv7, POST /api/sync).
 */
export const volunteerRecords = pgTable(
  'volunteer_records',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    /** the member's org path when logged: the member's own cadres see it */
    memberOrgPath: ltree('member_org_path').notNull(),
    /** the village (service centre) where the service took place: its cadres confirm it */
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    /** set when the place is the member's org's pairing village (结对帮扶村) */
    pairingId: uuid('pairing_id'),
    activityId: uuid('activity_id'),
    /** the Asia/Shanghai day of starts_at */
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    place: text('place').notNull(),
    content: text('content').notNull(),
    state: text('state', { enum: ['pending', 'confirmed', 'rejected'] }).notNull().default('pending'),
    source: text('source', { enum: ['phone', 'desk'] }).notNull(),
    /** the record this one corrects (a correction after confirmation: nothing is overwritten) */
    correctsId: uuid('corrects_id'),
    reviewedBy: uuid('reviewed_by'),
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.memberId], foreignColumns: [members.countyId, members.id], name: 'volunteer_member_fk' }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'volunteer_org_fk' }),
    foreignKey({ columns: [t.countyId, t.pairingId], foreignColumns: [pairings.countyId, pairings.id], name: 'volunteer_pairing_fk' }),
    foreignKey({ columns: [t.countyId, t.correctsId], foreignColumns: [t.countyId, t.id], name: 'volunteer_corrects_fk' }),
    index('volunteer_member_idx').on(t.countyId, t.memberId, t.servedOn),
    index('volunteer_org_path_gist').using('gist', t.orgPath),
    index('volunteer_member_org_path_gist').using('gist', t.memberOrgPath),
    index('volunteer_state_idx').on(t.countyId, t.state, t.servedOn),
    index('volunteer_corrects_idx').on(t.countyId, t.correctsId),
  ],
);

/**
 * 三个一 (F15; GLOSSARY duty.kind): per secretary and year, the 述职 (annualReport: date, to the upper committee
 * and to the member assembly, the report file, the 评议 tallies, the upper committee's comment) and the 联系点
 * (contactPoint: the org linked to). The 党课 is an activity of kind partyLecture given by the secretary
 * (activities.organizer_member_id), not a row here.
 */
export const duties = pgTable(
  'duties',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: ['annualReport', 'contactPoint', 'partyLecture'] }).notNull(),
    year: integer('year').notNull(),
    memberId: uuid('member_id').notNull(),
    /** the secretary position the duty belongs to */
    positionId: uuid('position_id').notNull(),
    /** the secretary's org (scope) */
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    // annualReport
    reportedOn: date('reported_on', { mode: 'string' }),
    toUpper: boolean('to_upper'),
    toAssembly: boolean('to_assembly'),
    reviewGood: integer('review_good'),
    reviewFairlyGood: integer('review_fairly_good'),
    reviewAverage: integer('review_average'),
    reviewPoor: integer('review_poor'),
    upperComment: text('upper_comment'),
    // contactPoint
    contactOrgId: uuid('contact_org_id'),
    contactOrgPath: ltree('contact_org_path'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.memberId], foreignColumns: [members.countyId, members.id], name: 'duties_member_fk' }),
    foreignKey({ columns: [t.countyId, t.positionId], foreignColumns: [memberPositions.countyId, memberPositions.id], name: 'duties_position_fk' }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'duties_org_fk' }),
    foreignKey({ columns: [t.countyId, t.contactOrgId], foreignColumns: [orgs.countyId, orgs.id], name: 'duties_contact_org_fk' }),
    index('duties_member_year_idx').on(t.countyId, t.memberId, t.year, t.kind),
    index('duties_org_path_gist').using('gist', t.orgPath),
  ],
);

/** 培训 (F16, 篇五(7)): a course with organizer org, dates, hours and kind. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    /** the organizing org: its subtree is the course's scope (attendees must be inside it) */
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    place: text('place'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'training_org_fk' }),
    index('training_org_path_gist').using('gist', t.orgPath),
    index('training_kind_idx').on(t.countyId, t.kind, t.endsOn),
  ],
);

/** Attendees of a course (members); member_org_path for the scope of the member's cadres. */
export const trainingAttendances = pgTable(
  'training_attendances',
  {
    countyId: uuid('county_id').notNull(),
    courseId: uuid('course_id').notNull(),
    memberId: uuid('member_id').notNull(),
    memberOrgPath: ltree('member_org_path').notNull(),
    completed: boolean('completed').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.courseId, t.memberId] }),
    foreignKey({ columns: [t.countyId, t.courseId], foreignColumns: [trainingCourses.countyId, trainingCourses.id], name: 'attendance_course_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.countyId, t.memberId], foreignColumns: [members.countyId, members.id], name: 'attendance_member_fk' }),
    index('attendance_member_idx').on(t.countyId, t.memberId),
  ],
);

/** “6个100” (篇二 6): the county's target per line (its share of the city's 100), editable; progress is computed. */
export const programmeTargets = pgTable(
  'programme_targets',
  {
    countyId: uuid('county_id').notNull(),
    line: text('line').notNull(),
    target: integer('target').notNull(),
    /** the programme counts records from this day */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.line] })],
);

/** 承诺践诺 (篇五(8)): a member's or an org's commitments for a year; public on the village notice board. */
export const commitments = pgTable(
  'commitments',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    year: integer('year').notNull(),
    /** null: the org's own commitment */
    memberId: uuid('member_id'),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    items: jsonb('items').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    public: boolean('public').notNull().default(true),
    assessment: text('assessment', { enum: ['fulfilled', 'partly', 'unfulfilled'] }),
    assessmentNote: text('assessment_note'),
    assessedBy: uuid('assessed_by'),
    assessorName: text('assessor_name'),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.memberId], foreignColumns: [members.countyId, members.id], name: 'commitments_member_fk' }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'commitments_org_fk' }),
    index('commitments_org_path_gist').using('gist', t.orgPath),
    index('commitments_member_idx').on(t.countyId, t.memberId, t.year),
  ],
);

/** Progress notes on a commitment (践诺过程). */
export const commitmentNotes = pgTable(
  'commitment_notes',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    commitmentId: uuid('commitment_id').notNull(),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.commitmentId], foreignColumns: [commitments.countyId, commitments.id], name: 'commitment_notes_fk' }).onDelete('cascade'),
    index('commitment_notes_idx').on(t.countyId, t.commitmentId),
  ],
);

/** 党员示范岗、党员责任区 (篇五(8)): assigned to a member, with the households or the area covered. */
export const memberPosts = pgTable(
  'member_posts',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind', { enum: ['demonstrationPost', 'responsibilityArea'] }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    area: text('area'),
    householdIds: uuid('household_ids').array().notNull().default(sql`'{}'::uuid[]`),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.memberId], foreignColumns: [members.countyId, members.id], name: 'member_posts_member_fk' }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'member_posts_org_fk' }),
    index('member_posts_org_path_gist').using('gist', t.orgPath),
    index('member_posts_member_idx').on(t.countyId, t.memberId),
  ],
);

/** one-time activation of a member's own login: the code's hash, valid until expires_at, used once */
export const memberActivations = pgTable(
  'member_activations',
  {
    countyId: uuid('county_id').notNull(),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.userId] })],
);
