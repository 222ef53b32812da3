import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { orgs } from '../orgs/orgs.tables.js';

/**
 * 三级入户走访 (篇二 9): a random draw of households for satisfaction visits. The seed, the algorithm's name and the
 * SHA-256 of the sorted input list are stored so anyone can re-derive the same sample (`jiceng survey verify`).
 */
export const surveyDraws = pgTable(
  'survey_draws',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    level: text('level', { enum: ['city', 'county', 'township'] }).notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    title: text('title').notNull(),
    sampleSize: integer('sample_size').notNull(),
    /** per stratum (village org id) the households drawn */
    strata: jsonb('strata').$type<{ orgId: string; population: number; drawn: number }[]>().notNull(),
    seed: text('seed').notNull(),
    algorithm: text('algorithm').notNull(),
    inputHash: text('input_hash').notNull(),
    householdIds: uuid('household_ids').array().notNull(),
    questions: jsonb('questions').$type<{ key: string; text: string }[]>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'survey_draws_org_fk' }),
    index('survey_draws_org_path_gist').using('gist', t.orgPath),
  ],
);

/** One drawn household's answers (1–5 per question), recorded by the visitor. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    drawId: uuid('draw_id').notNull(),
    householdId: uuid('household_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    visitorId: uuid('visitor_id').notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('survey_responses_household_uq').on(t.countyId, t.drawId, t.householdId),
    foreignKey({ columns: [t.countyId, t.drawId], foreignColumns: [surveyDraws.countyId, surveyDraws.id], name: 'survey_responses_draw_fk' }),
    index('survey_responses_org_path_gist').using('gist', t.orgPath),
  ],
);
