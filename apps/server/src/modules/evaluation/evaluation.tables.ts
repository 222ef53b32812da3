// The annual evaluation (考评, issue 11; F17–F20; seed 篇一, 篇五(4)(14)(15)). Every table is distributed by
// county_id (Citus): the primary key and every foreign key start with it. Rules: evaluation.rules.ts (pure);
// docs/evaluation.md.
import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { orgs } from '../orgs/orgs.tables.js';
import type { IndicatorCurve } from '@jiceng/contract';

/**
 * 指标体系 per sector. The county edits its own templates; a template a round uses is locked (locked_at) and never
 * changes again — to change it the county copies it (version + 1, based_on_id the original).
 */
export const evaluationTemplates = pgTable(
  'evaluation_templates',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    version: integer('version').notNull().default(1),
    basedOnId: uuid('based_on_id'),
    note: text('note'),
    /** set when a round first uses it: from then on it is frozen */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.basedOnId], foreignColumns: [t.countyId, t.id], name: 'evaluation_templates_based_on_fk' }),
  ],
);

/**
 * One indicator of a template. `method` computed: `metric` + `curve` give the points; evidence: an evaluator's
 * additions and deductions on archived evidence from `base_points`, clamped to [0, max_points]; veto: a yes/no
 * event (max_points 0), a veto makes the grade lagging. `code` is stable across copies of a template (so a grade
 * history can compare indicator by indicator).
 */
export const evaluationIndicators = pgTable(
  'evaluation_indicators',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    templateId: uuid('template_id').notNull(),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    group: text('group').notNull(),
    name: text('name').notNull(),
    /** 评分标准: what the evaluator looks at (听看查走访) */
    criteria: text('criteria'),
    maxPoints: numeric('max_points', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    method: text('method', { enum: ['computed', 'evidence', 'veto'] }).notNull(),
    metric: text('metric'),
    curve: jsonb('curve').$type<IndicatorCurve>(),
    /** evidence: the points before additions and deductions */
    basePoints: numeric('base_points', { precision: 6, scale: 2, mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('evaluation_indicators_code_uq').on(t.countyId, t.templateId, t.code),
    foreignKey({ columns: [t.countyId, t.templateId], foreignColumns: [evaluationTemplates.countyId, evaluationTemplates.id], name: 'evaluation_indicators_template_fk' }).onDelete('cascade'),
  ],
);

/** A yearly round (考评轮次) over the orgs of chosen sectors in a scope (the county, or one township). */
export const evaluationRounds = pgTable(
  'evaluation_rounds',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    state: text('state', { enum: ['draft', 'self', 'massOrg', 'review', 'published', 'final'] }).notNull().default('draft'),
    /** the scope: orgs below this one are evaluated */
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    /** which template evaluates which sector */
    templates: jsonb('templates').$type<{ sector: string; templateId: string }[]>().notNull(),
    /** which tiers are evaluated (villages and communities; townships) */
    tiers: text('tiers').array().notNull().default(sql`'{village}'::text[]`),
    selfStartsOn: date('self_starts_on', { mode: 'string' }),
    selfEndsOn: date('self_ends_on', { mode: 'string' }),
    orgStartsOn: date('org_starts_on', { mode: 'string' }),
    orgEndsOn: date('org_ends_on', { mode: 'string' }),
    /** weights in percent, copied from policy when the round is created (editable while draft) */
    weightSelf: integer('weight_self').notNull(),
    weightMass: integer('weight_mass').notNull(),
    weightOrg: integer('weight_org').notNull(),
    massSurveyPercent: integer('mass_survey_percent').notNull(),
    /** most `advanced` grades as a percent of the orgs (100: no limit) */
    advancedQuotaPercent: integer('advanced_quota_percent').notNull(),
    gradeAdvancedFrom: numeric('grade_advanced_from', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    gradeGoodFrom: numeric('grade_good_from', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    gradeAverageFrom: numeric('grade_average_from', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    /** 考评组: the accounts that may score in the org stage */
    evaluatorIds: uuid('evaluator_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** computed inputs frozen (review started); null while live */
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    publisherName: text('publisher_name'),
    /** last day of the contest window (working days from publication) */
    contestUntil: date('contest_until', { mode: 'string' }),
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
    finalizedBy: uuid('finalized_by'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('evaluation_rounds_scope_year_uq').on(t.countyId, t.orgId, t.year),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'evaluation_rounds_org_fk' }),
  ],
);

/**
 * 参评组织: one org in a round, with its template, the stage submissions and the figures last computed (a
 * proposal until a person publishes; `grade` is the published one).
 */
export const evaluationTargets = pgTable(
  'evaluation_targets',
  {
    countyId: uuid('county_id').notNull(),
    roundId: uuid('round_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    sector: text('sector').notNull(),
    templateId: uuid('template_id').notNull(),
    selfSubmittedAt: timestamp('self_submitted_at', { withTimezone: true }),
    selfSubmittedBy: uuid('self_submitted_by'),
    orgSubmittedAt: timestamp('org_submitted_at', { withTimezone: true }),
    orgSubmittedBy: uuid('org_submitted_by'),
    selfScore: numeric('self_score', { precision: 6, scale: 2, mode: 'number' }),
    massScore: numeric('mass_score', { precision: 6, scale: 2, mode: 'number' }),
    orgScore: numeric('org_score', { precision: 6, scale: 2, mode: 'number' }),
    finalScore: numeric('final_score', { precision: 6, scale: 2, mode: 'number' }),
    veto: boolean('veto').notNull().default(false),
    /** why the org cannot be graded (no mass input), else null */
    ungradable: text('ungradable'),
    proposedGrade: text('proposed_grade'),
    /** the published grade (after contests: the final one) */
    grade: text('grade'),
    rank: integer('rank'),
    /** the mass inputs: survey answers and independent ratings (sums, counts, means), frozen with the snapshot */
    massDetail: jsonb('mass_detail').$type<Record<string, unknown>>(),
    computedAt: timestamp('computed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.roundId, t.orgId] }),
    foreignKey({ columns: [t.countyId, t.roundId], foreignColumns: [evaluationRounds.countyId, evaluationRounds.id], name: 'evaluation_targets_round_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'evaluation_targets_org_fk' }),
    foreignKey({ columns: [t.countyId, t.templateId], foreignColumns: [evaluationTemplates.countyId, evaluationTemplates.id], name: 'evaluation_targets_template_fk' }),
    index('evaluation_targets_org_idx').on(t.countyId, t.orgId),
    index('evaluation_targets_path_gist').using('gist', t.orgPath),
  ],
);

/**
 * The ledger of what was entered for an evidence or veto indicator in a stage: an addition or deduction (delta)
 * or a veto event, each with a reason and evidence (an uploaded file — files.entity 'evaluationEntry' — or a linked
 * record). Never updated; withdrawn entries keep their row (withdrawn_at) and stop counting.
 */
export const evaluationEntries = pgTable(
  'evaluation_entries',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    roundId: uuid('round_id').notNull(),
    orgId: uuid('org_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    stage: text('stage', { enum: ['self', 'org'] }).notNull(),
    kind: text('kind', { enum: ['adjust', 'veto'] }).notNull(),
    delta: numeric('delta', { precision: 6, scale: 2, mode: 'number' }),
    reason: text('reason').notNull(),
    /** 听、看、查、走、访: how the evaluator found it */
    way: text('way'),
    fileId: uuid('file_id'),
    linkedEntity: text('linked_entity'),
    linkedId: uuid('linked_id'),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.roundId, t.orgId], foreignColumns: [evaluationTargets.countyId, evaluationTargets.roundId, evaluationTargets.orgId], name: 'evaluation_entries_target_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.countyId, t.indicatorId], foreignColumns: [evaluationIndicators.countyId, evaluationIndicators.id], name: 'evaluation_entries_indicator_fk' }),
    index('evaluation_entries_target_idx').on(t.countyId, t.roundId, t.orgId, t.indicatorId),
  ],
);

/**
 * Computed indicator values of a round: written live until the review starts, then frozen (the snapshot);
 * an explicit recompute replaces them after showing the differences.
 */
export const evaluationMetricValues = pgTable(
  'evaluation_metric_values',
  {
    countyId: uuid('county_id').notNull(),
    roundId: uuid('round_id').notNull(),
    orgId: uuid('org_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    metric: text('metric').notNull(),
    /** the metric: numerator / denominator for shares and means (null when nothing to count) */
    value: numeric('value', { precision: 12, scale: 4, mode: 'number' }),
    numerator: numeric('numerator', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    denominator: integer('denominator').notNull(),
    points: numeric('points', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.roundId, t.orgId, t.indicatorId] }),
    foreignKey({ columns: [t.countyId, t.roundId, t.orgId], foreignColumns: [evaluationTargets.countyId, evaluationTargets.roundId, evaluationTargets.orgId], name: 'evaluation_metric_values_target_fk' }).onDelete('cascade'),
  ],
);

/** 申诉: the org contests one indicator's org-stage points within the window; a reviewer who did not score it decides. */
export const evaluationContests = pgTable(
  'evaluation_contests',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    roundId: uuid('round_id').notNull(),
    orgId: uuid('org_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    reason: text('reason').notNull(),
    fileId: uuid('file_id'),
    linkedEntity: text('linked_entity'),
    linkedId: uuid('linked_id'),
    /** the points contested (the org-stage points when filed) */
    pointsBefore: numeric('points_before', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    state: text('state', { enum: ['pending', 'upheld', 'changed'] }).notNull().default('pending'),
    filedBy: uuid('filed_by').notNull(),
    filerName: text('filer_name').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    deciderName: text('decider_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** changed: the org-stage points of the indicator from now on */
    newPoints: numeric('new_points', { precision: 6, scale: 2, mode: 'number' }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.roundId, t.orgId], foreignColumns: [evaluationTargets.countyId, evaluationTargets.roundId, evaluationTargets.orgId], name: 'evaluation_contests_target_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.countyId, t.indicatorId], foreignColumns: [evaluationIndicators.countyId, evaluationIndicators.id], name: 'evaluation_contests_indicator_fk' }),
    index('evaluation_contests_round_idx').on(t.countyId, t.roundId, t.state),
  ],
);

/** 软弱涣散整顿 (F19): the plan of a lagging org after a round. */
export const rectifications = pgTable(
  'rectifications',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    roundId: uuid('round_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    /** 问题: pre-filled from the weakest indicators and the veto events, editable */
    problems: jsonb('problems').$type<{ text: string; indicatorId?: string | null }[]>().notNull(),
    measures: jsonb('measures').$type<string[]>().notNull(),
    responsibleName: text('responsible_name').notNull(),
    responsibleMemberId: uuid('responsible_member_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    state: text('state', { enum: ['open', 'closed'] }).notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('rectifications_round_org_uq').on(t.countyId, t.roundId, t.orgId),
    foreignKey({ columns: [t.countyId, t.roundId, t.orgId], foreignColumns: [evaluationTargets.countyId, evaluationTargets.roundId, evaluationTargets.orgId], name: 'rectifications_target_fk' }),
    index('rectifications_path_gist').using('gist', t.orgPath),
  ],
);

/** Progress notes (by the org) and re-checks (by the township or county: passed / not yet) of a plan. */
export const rectificationNotes = pgTable(
  'rectification_notes',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    rectificationId: uuid('rectification_id').notNull(),
    kind: text('kind', { enum: ['progress', 'recheck'] }).notNull(),
    result: text('result', { enum: ['passed', 'notYet'] }),
    text: text('text').notNull(),
    fileId: uuid('file_id'),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.rectificationId], foreignColumns: [rectifications.countyId, rectifications.id], name: 'rectification_notes_fk' }).onDelete('cascade'),
    index('rectification_notes_idx').on(t.countyId, t.rectificationId, t.createdAt),
  ],
);
