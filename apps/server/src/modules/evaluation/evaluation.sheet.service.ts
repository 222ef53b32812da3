// One org's sheet of a round (issue 11, 篇五(14) 基层自评、组织考评): the indicators with their computed values or
// points per stage, the ledger of additions, deductions and veto events (each with evidence: a file with its
// SHA-256, or a linked record of the org's subtree), the stage submissions, and what the caller may do now.
//
// Who may write what: the self stage only by the org itself (an account bound to the target org, evaluation.self)
// while the round is in `self` (or in `massOrg` while its self stage is not submitted); the org stage only by an
// evaluator of the round (evaluator_ids, or evaluation.manage) with evaluation.score while the round is in
// `massOrg`; nothing after the stage is submitted. The points come from rules.scoreSheet; every change recomputes
// the org's scores (evaluation.compute.ts recomputeScores) in the same transaction.
//
// Audit: entity 'evaluationTarget', entity_id `${roundId}:${orgId}`, detail.indicatorId when the event concerns
// one indicator (the explanation page filters on it).
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  EVALUATION_STAGE_LABELS, ROUND_STATE_LABELS,
  type AddEntryInput, type ContestView, type EntryView, type FileMeta, type IndicatorView, type MassDetail, type OrgTier, type RoundState,
  type ScoredStage, type SheetIndicator, type SubmitStageInput, type TargetRow, type TargetSheet,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { can, inScope, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, conflict, forbidden, notFound, problemsError, unprocessable } from '../../platform/http/errors.js';
import { checkUpload, readFile, saveFile } from '../../platform/files/files.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { evaluationEntries, evaluationTargets } from './evaluation.tables.js';
import { scoreSheet, type IndicatorPoints } from './evaluation.rules.js';
import { loadRoundRow, recomputeScores, roundView, type RoundRow } from './evaluation.compute.js';
import type { MetricTarget } from './evaluation.metrics.js';

export const TARGET_ENTITY = 'evaluationTarget';
export const ENTRY_FILE_ENTITY = 'evaluationEntry';
export const CONTEST_FILE_ENTITY = 'evaluationContest';
export const targetEntityId = (roundId: string, orgId: string) => `${roundId}:${orgId}`;

export type { RoundRow };

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());
const num = (x: string | number | null | undefined) => (x == null ? null : Number(x));
const stateLabel = (s: RoundState) => ROUND_STATE_LABELS[s]['zh-CN'];

// ---------------------------------------------------------------------------------------------------------
// loading

/** The round row (evaluation.compute.ts loadRoundRow). */
export const roundRow = (db: DbOrTx, countyId: string, roundId: string): Promise<RoundRow | undefined> => loadRoundRow(db, countyId, roundId);
const dateOf = (x: unknown) => (x == null ? null : new Date(x as string));

export interface TargetDb {
  orgId: string; orgName: string; orgCode: string; orgPath: string; tier: OrgTier; sector: string; templateId: string;
  selfSubmittedAt: Date | null; orgSubmittedAt: Date | null;
  selfScore: number | null; massScore: number | null; orgScore: number | null; finalScore: number | null;
  veto: boolean; ungradable: string | null; proposedGrade: string | null; grade: string | null; rank: number | null;
  massDetail: Record<string, unknown> | null; computedAt: Date | null;
}

async function targetDb(db: DbOrTx, countyId: string, roundId: string, orgId: string): Promise<TargetDb | undefined> {
  const [r] = rowsOf<Record<string, unknown>>(await db.execute(sql`
    select t.org_id, o.name as org_name, o.code as org_code, t.org_path::text as org_path, o.tier, t.sector, t.template_id,
           t.self_submitted_at, t.org_submitted_at, t.self_score, t.mass_score, t.org_score, t.final_score, t.veto, t.ungradable,
           t.proposed_grade, t.grade, t.rank, t.mass_detail, t.computed_at
      from evaluation_targets t
      join orgs o on o.county_id = ${countyId}::uuid and o.id = t.org_id
     where t.county_id = ${countyId}::uuid and t.round_id = ${roundId}::uuid and t.org_id = ${orgId}::uuid`));
  if (!r) return undefined;
  return {
    orgId: r.org_id as string, orgName: r.org_name as string, orgCode: r.org_code as string, orgPath: r.org_path as string, tier: r.tier as OrgTier,
    sector: r.sector as string, templateId: r.template_id as string,
    selfSubmittedAt: dateOf(r.self_submitted_at), orgSubmittedAt: dateOf(r.org_submitted_at),
    selfScore: num(r.self_score as string), massScore: num(r.mass_score as string), orgScore: num(r.org_score as string), finalScore: num(r.final_score as string),
    veto: Boolean(r.veto), ungradable: (r.ungradable as string | null) ?? null, proposedGrade: (r.proposed_grade as string | null) ?? null,
    grade: (r.grade as string | null) ?? null, rank: r.rank == null ? null : Number(r.rank),
    massDetail: (r.mass_detail as Record<string, unknown> | null) ?? null, computedAt: dateOf(r.computed_at),
  };
}

export interface Loaded { round: RoundRow; target: TargetDb }

/**
 * The round and one of its targets as the caller may see them: 404 when the round is not the county's, the org
 * lies outside the caller's scope, or the org is not evaluated in this round (evaluation.notTarget).
 */
export async function loadTarget(db: DbOrTx, actor: Actor, roundId: string, orgId: string): Promise<Loaded> {
  const round = await roundRow(db, actor.countyId, roundId);
  if (!round) throw notFound();
  const [org] = rowsOf<{ path: string }>(await db.execute(sql`
    select path::text as path from orgs where county_id = ${actor.countyId}::uuid and id = ${orgId}::uuid`));
  if (!org || !inScope(actor, org.path)) throw notFound();
  const target = await targetDb(db, actor.countyId, roundId, orgId);
  if (!target) throw new AppError('evaluation.notTarget', 404);
  return { round, target };
}

export const metricTargetOf = (t: TargetDb): MetricTarget => ({ orgId: t.orgId, path: t.orgPath, tier: t.tier, name: t.orgName });

export interface IndicatorDb {
  id: string; position: number; code: string; group: IndicatorView['group']; name: string; criteria: string | null;
  maxPoints: number; method: IndicatorView['method']; metric: IndicatorView['metric']; curve: IndicatorView['curve']; basePoints: number | null;
}

export async function indicatorsOf(db: DbOrTx, countyId: string, templateId: string): Promise<IndicatorDb[]> {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`
    select id, position, code, "group", name, criteria, max_points, method, metric, curve, base_points
      from evaluation_indicators where county_id = ${countyId}::uuid and template_id = ${templateId}::uuid
     order by position, code`)).map((r) => ({
    id: r.id as string, position: Number(r.position), code: r.code as string, group: r.group as IndicatorDb['group'], name: r.name as string,
    criteria: (r.criteria as string | null) ?? null, maxPoints: Number(r.max_points), method: r.method as IndicatorDb['method'],
    metric: (r.metric as IndicatorDb['metric']) ?? null, curve: (r.curve as IndicatorDb['curve']) ?? null, basePoints: num(r.base_points as string),
  }));
}

export const indicatorView = (i: IndicatorDb): IndicatorView => ({ ...i });

export interface MetricValueDb { indicatorId: string; value: number | null; numerator: number; denominator: number; points: number; computedAt: Date }

async function metricValuesOf(db: DbOrTx, countyId: string, roundId: string, orgId: string): Promise<Map<string, MetricValueDb>> {
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    select indicator_id, value, numerator, denominator, points, computed_at from evaluation_metric_values
     where county_id = ${countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid`));
  return new Map(rows.map((r) => [r.indicator_id as string, {
    indicatorId: r.indicator_id as string, value: num(r.value as string), numerator: Number(r.numerator), denominator: Number(r.denominator),
    points: Number(r.points), computedAt: new Date(r.computed_at as string),
  }]));
}

// linked records: the tables an entry or a contest may point at, each checked inside the target's subtree
type LinkedEntity = NonNullable<AddEntryInput['linkedEntity']>;
const LINKED: Record<LinkedEntity, { from: string; label: string; inside: (c: string, path: string) => ReturnType<typeof sql> }> = {
  case: { from: 'cases', label: `x.number || ' ' || x.title`, inside: (_c, p) => sql`x.org_path <@ ${p}::ltree` },
  visit: { from: 'visits', label: `'走访 ' || to_char(x.visited_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') || ' ' || x.visitor_name || '：' || x.purpose`, inside: (_c, p) => sql`x.org_path <@ ${p}::ltree` },
  activity: { from: 'activities', label: `x.title || '（' || to_char(x.held_on at time zone 'Asia/Shanghai', 'YYYY-MM-DD') || '）'`, inside: (_c, p) => sql`x.org_path <@ ${p}::ltree` },
  volunteerRecord: { from: 'volunteer_records', label: `'志愿服务 ' || x.served_on::text || ' ' || x.content`, inside: (_c, p) => sql`(x.org_path <@ ${p}::ltree or x.member_org_path <@ ${p}::ltree)` },
  duty: { from: 'duties', label: `x.year::text || ' 年 ' || case x.kind when 'annualReport' then '书记述职' when 'contactPoint' then '书记联系点' else '书记讲党课' end`, inside: (_c, p) => sql`x.org_path <@ ${p}::ltree` },
  trainingCourse: {
    from: 'training_courses', label: `x.title || '（' || x.starts_on::text || '）'`,
    inside: (c, p) => sql`(x.org_path <@ ${p}::ltree or exists (select 1 from training_attendances ta where ta.county_id = ${c}::uuid and ta.course_id = x.id and ta.member_org_path <@ ${p}::ltree))`,
  },
  whistle: { from: 'whistles', label: `x.number || ' ' || x.title`, inside: (_c, p) => sql`x.org_path <@ ${p}::ltree` },
  body: { from: 'bodies', label: `x.name`, inside: (_c, p) => sql`x.org_path <@ ${p}::ltree` },
  surveyDraw: {
    from: 'survey_draws', label: `x.title || '（' || to_char(x.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') || '）'`,
    // a draw is made by a level above; it concerns the org when one of its strata lies in the org's subtree
    inside: (c, p) => sql`(x.org_path <@ ${p}::ltree or exists (
      select 1 from jsonb_array_elements(x.strata) s join orgs so on so.county_id = ${c}::uuid and so.id = (s->>'orgId')::uuid
       where so.path <@ ${p}::ltree))`,
  },
};

/** The label of a linked record inside the subtree at `path`, or null when there is none. */
export async function linkedLabel(db: DbOrTx, countyId: string, path: string, entity: LinkedEntity, id: string): Promise<string | null> {
  const l = LINKED[entity];
  const [r] = rowsOf<{ label: string | null }>(await db.execute(sql`
    select ${sql.raw(l.label)} as label from ${sql.raw(l.from)} x
     where x.county_id = ${countyId}::uuid and x.id = ${id}::uuid and ${l.inside(countyId, path)}`));
  return r ? (r.label ?? '') : null;
}

/** File metas of many records of one entity kind (one query). */
export async function fileMetas(db: DbOrTx, countyId: string, entity: string, ids: readonly string[]): Promise<Map<string, FileMeta>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: string; entity_id: string; name: string; mime: string; size: number; sha256: string; created_at: string | Date }>(await db.execute(sql`
    select id, entity_id, name, mime, size, sha256, created_at from files
     where county_id = ${countyId}::uuid and entity = ${entity} and entity_id = any(${`{${ids.join(',')}}`}::uuid[])
     order by created_at`));
  return new Map(rows.map((r) => [r.entity_id, { id: r.id, name: r.name, mime: r.mime, size: Number(r.size), sha256: r.sha256, createdAt: new Date(r.created_at).toISOString() }]));
}

export interface EntryDb {
  id: string; indicatorId: string; stage: ScoredStage; kind: 'adjust' | 'veto'; delta: number | null; reason: string; way: string | null;
  fileId: string | null; linkedEntity: LinkedEntity | null; linkedId: string | null; createdBy: string; createdByName: string; createdAt: Date; withdrawnAt: Date | null;
}

async function entriesOf(db: DbOrTx, countyId: string, roundId: string, orgId: string): Promise<EntryDb[]> {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`
    select id, indicator_id, stage, kind, delta, reason, way, file_id, linked_entity, linked_id, created_by, created_by_name, created_at, withdrawn_at
      from evaluation_entries where county_id = ${countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid
     order by created_at, id`)).map((r) => ({
    id: r.id as string, indicatorId: r.indicator_id as string, stage: r.stage as ScoredStage, kind: r.kind as EntryDb['kind'], delta: num(r.delta as string),
    reason: r.reason as string, way: (r.way as string | null) ?? null, fileId: (r.file_id as string | null) ?? null,
    linkedEntity: (r.linked_entity as LinkedEntity | null) ?? null, linkedId: (r.linked_id as string | null) ?? null,
    createdBy: r.created_by as string, createdByName: r.created_by_name as string, createdAt: new Date(r.created_at as string), withdrawnAt: dateOf(r.withdrawn_at),
  }));
}

export async function entryViews(db: DbOrTx, countyId: string, orgPath: string, entries: readonly EntryDb[]): Promise<EntryView[]> {
  const files = await fileMetas(db, countyId, ENTRY_FILE_ENTITY, entries.filter((e) => e.fileId).map((e) => e.id));
  const out: EntryView[] = [];
  for (const e of entries) {
    const label = e.linkedEntity && e.linkedId ? await linkedLabel(db, countyId, orgPath, e.linkedEntity, e.linkedId) : null;
    out.push({
      id: e.id, indicatorId: e.indicatorId, stage: e.stage, kind: e.kind, delta: e.delta, reason: e.reason, way: e.way,
      file: files.get(e.id) ?? null, linkedEntity: e.linkedEntity, linkedId: e.linkedId, linkedLabel: label,
      createdBy: e.createdBy, createdByName: e.createdByName, createdAt: e.createdAt.toISOString(), withdrawnAt: iso(e.withdrawnAt),
    });
  }
  return out;
}

export interface ContestDb {
  id: string; roundId: string; orgId: string; indicatorId: string; reason: string; fileId: string | null; linkedEntity: LinkedEntity | null; linkedId: string | null;
  pointsBefore: number; state: 'pending' | 'upheld' | 'changed'; filedBy: string; filerName: string; filedAt: Date;
  decidedBy: string | null; deciderName: string | null; decidedAt: Date | null; newPoints: number | null; decisionReason: string | null;
  roundTitle: string; orgName: string; orgPath: string; indicatorName: string; maxPoints: number; method: IndicatorView['method'];
}

/** Contests of the county matching `where` (a SQL condition on `x`), with their round, org and indicator. */
export async function contestRows(db: DbOrTx, countyId: string, where: ReturnType<typeof sql>): Promise<ContestDb[]> {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`
    select x.*, r.title as round_title, o.name as org_name, t.org_path::text as org_path, i.name as indicator_name, i.max_points, i.method
      from evaluation_contests x
      join evaluation_rounds r on r.county_id = ${countyId}::uuid and r.id = x.round_id
      join evaluation_targets t on t.county_id = ${countyId}::uuid and t.round_id = x.round_id and t.org_id = x.org_id
      join orgs o on o.county_id = ${countyId}::uuid and o.id = x.org_id
      join evaluation_indicators i on i.county_id = ${countyId}::uuid and i.id = x.indicator_id
     where x.county_id = ${countyId}::uuid and ${where}
     order by x.filed_at desc, x.id
     limit 5000`)).map((r) => ({
    id: r.id as string, roundId: r.round_id as string, orgId: r.org_id as string, indicatorId: r.indicator_id as string, reason: r.reason as string,
    fileId: (r.file_id as string | null) ?? null, linkedEntity: (r.linked_entity as LinkedEntity | null) ?? null, linkedId: (r.linked_id as string | null) ?? null,
    pointsBefore: Number(r.points_before), state: r.state as ContestDb['state'], filedBy: r.filed_by as string, filerName: r.filer_name as string,
    filedAt: new Date(r.filed_at as string), decidedBy: (r.decided_by as string | null) ?? null, deciderName: (r.decider_name as string | null) ?? null,
    decidedAt: dateOf(r.decided_at), newPoints: num(r.new_points as string), decisionReason: (r.decision_reason as string | null) ?? null,
    roundTitle: r.round_title as string, orgName: r.org_name as string, orgPath: r.org_path as string, indicatorName: r.indicator_name as string,
    maxPoints: Number(r.max_points), method: r.method as ContestDb['method'],
  }));
}

/** The accounts that created an org-stage entry for each (round, org, indicator) of the contests (they may not decide). */
export async function scorersOf(db: DbOrTx, countyId: string, contests: readonly ContestDb[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!contests.length) return out;
  const keys = [...new Set(contests.map((c) => `${c.roundId}|${c.orgId}|${c.indicatorId}`))];
  const rows = rowsOf<{ k: string; by: string }>(await db.execute(sql`
    select distinct e.round_id::text || '|' || e.org_id::text || '|' || e.indicator_id::text as k, e.created_by::text as by
      from evaluation_entries e
     where e.county_id = ${countyId}::uuid and e.stage = 'org'
       and e.round_id = any(${`{${[...new Set(contests.map((c) => c.roundId))].join(',')}}`}::uuid[])
       and e.org_id = any(${`{${[...new Set(contests.map((c) => c.orgId))].join(',')}}`}::uuid[])`));
  for (const r of rows) if (keys.includes(r.k)) out.set(r.k, [...(out.get(r.k) ?? []), r.by]);
  return out;
}

export async function contestViews(db: DbOrTx, countyId: string, contests: readonly ContestDb[]): Promise<ContestView[]> {
  const files = await fileMetas(db, countyId, CONTEST_FILE_ENTITY, contests.filter((c) => c.fileId).map((c) => c.id));
  const scorers = await scorersOf(db, countyId, contests);
  return contests.map((c) => ({
    id: c.id, roundId: c.roundId, roundTitle: c.roundTitle, orgId: c.orgId, orgName: c.orgName, indicatorId: c.indicatorId, indicatorName: c.indicatorName,
    reason: c.reason, file: files.get(c.id) ?? null, linkedEntity: c.linkedEntity, linkedId: c.linkedId, pointsBefore: c.pointsBefore, state: c.state,
    filedBy: c.filedBy, filerName: c.filerName, filedAt: c.filedAt.toISOString(), deciderName: c.deciderName, decidedAt: iso(c.decidedAt),
    newPoints: c.newPoints, decisionReason: c.decisionReason, scorerIds: scorers.get(`${c.roundId}|${c.orgId}|${c.indicatorId}`) ?? [],
  }));
}

/** The TargetRow of the review table for one org (township, the previous year's published grade, pending contests, plan). */
async function targetRow(db: DbOrTx, countyId: string, round: RoundRow, t: TargetDb): Promise<TargetRow> {
  const [r] = rowsOf<{ township_id: string | null; township_name: string | null; previous_grade: string | null; pending: number; rectification_id: string | null }>(await db.execute(sql`
    select (select tw.id from orgs tw where tw.county_id = ${countyId}::uuid and tw.tier = 'township' and tw.path @> ${t.orgPath}::ltree
             order by nlevel(tw.path) limit 1) as township_id,
           (select tw.name from orgs tw where tw.county_id = ${countyId}::uuid and tw.tier = 'township' and tw.path @> ${t.orgPath}::ltree
             order by nlevel(tw.path) limit 1) as township_name,
           (select pt.grade from evaluation_targets pt
              join evaluation_rounds pr on pr.county_id = ${countyId}::uuid and pr.id = pt.round_id
             where pt.county_id = ${countyId}::uuid and pt.org_id = ${t.orgId}::uuid and pr.year = ${round.year - 1}
               and pr.published_at is not null and pt.grade is not null
             order by pr.published_at desc limit 1) as previous_grade,
           (select count(*) from evaluation_contests c
             where c.county_id = ${countyId}::uuid and c.round_id = ${round.id}::uuid and c.org_id = ${t.orgId}::uuid and c.state = 'pending')::int as pending,
           (select x.id from rectifications x
             where x.county_id = ${countyId}::uuid and x.round_id = ${round.id}::uuid and x.org_id = ${t.orgId}::uuid) as rectification_id`));
  const rank: Record<string, number> = { advanced: 3, good: 2, average: 1, lagging: 0 };
  const previous = (r?.previous_grade ?? null) as TargetRow['previousGrade'];
  const grade = (t.grade ?? null) as TargetRow['grade'];
  return {
    orgId: t.orgId, orgName: t.orgName, orgPath: t.orgPath, townshipId: r?.township_id ?? null, townshipName: r?.township_name ?? null,
    sector: t.sector as TargetRow['sector'], templateId: t.templateId,
    selfSubmittedAt: iso(t.selfSubmittedAt), orgSubmittedAt: iso(t.orgSubmittedAt),
    selfScore: t.selfScore, massScore: t.massScore, orgScore: t.orgScore, finalScore: t.finalScore, veto: t.veto, ungradable: t.ungradable,
    proposedGrade: (t.proposedGrade ?? null) as TargetRow['proposedGrade'], grade, rank: t.rank, previousGrade: previous,
    gradeChange: previous && grade ? rank[grade]! - rank[previous]! : null,
    contestsPending: Number(r?.pending ?? 0), rectificationId: r?.rectification_id ?? null,
  };
}

export function massDetailOf(t: TargetDb, round: RoundRow): MassDetail {
  const m = (t.massDetail ?? {}) as Partial<MassDetail>;
  const n = (x: unknown) => (typeof x === 'number' ? x : x == null ? null : Number(x));
  return {
    surveyAnswers: Number(m.surveyAnswers ?? 0), surveyMean: n(m.surveyMean), ratings: Number(m.ratings ?? 0), ratingMean: n(m.ratingMean),
    ratingsExcluded: Number(m.ratingsExcluded ?? 0), s: n(m.s), c: n(m.c),
    surveyShare: m.surveyShare != null ? Number(m.surveyShare) : round.massSurveyPercent / 100, score: t.massScore,
  };
}

/** The points of every indicator of the sheet now (rules.scoreSheet over the standing entries and decided contests). */
export function sheetPoints(indicators: readonly IndicatorDb[], values: ReadonlyMap<string, MetricValueDb>, entries: readonly EntryDb[], contests: readonly ContestDb[]) {
  return scoreSheet(
    indicators.map((i) => ({ id: i.id, method: i.method, maxPoints: i.maxPoints, basePoints: i.basePoints })),
    new Map([...values].map(([k, v]) => [k, v.points])),
    entries.map((e) => ({ indicatorId: e.indicatorId, stage: e.stage, kind: e.kind, delta: e.delta, withdrawn: e.withdrawnAt !== null })),
    contests.map((c) => ({ indicatorId: c.indicatorId, state: c.state, newPoints: c.newPoints, decidedAt: c.decidedAt?.getTime() ?? null })),
  );
}

/** Everything about one org's sheet, loaded once (the sheet and the explanation build on it). */
export async function sheetData(db: DbOrTx, actor: Actor, loaded: Loaded) {
  const { round, target } = loaded;
  const c = actor.countyId;
  const [indicators, values, entries, contests] = await Promise.all([
    indicatorsOf(db, c, target.templateId),
    metricValuesOf(db, c, round.id, target.orgId),
    entriesOf(db, c, round.id, target.orgId),
    contestRows(db, c, sql`x.round_id = ${round.id}::uuid and x.org_id = ${target.orgId}::uuid`),
  ]);
  const points = sheetPoints(indicators, values, entries, contests);
  return { indicators, values, entries, contests, points };
}

export function computedOf(round: RoundRow, v: MetricValueDb | undefined): SheetIndicator['computed'] {
  if (!v) return null;
  return { value: v.value, numerator: v.numerator, denominator: v.denominator, points: v.points, computedAt: v.computedAt.toISOString(), frozen: round.snapshotAt !== null };
}

// ---------------------------------------------------------------------------------------------------------
// who may do what

const isEvaluator = (actor: Actor, round: RoundRow) => round.evaluatorIds.includes(actor.userId) || can(actor, 'evaluation.manage');
const isOwnOrg = (actor: Actor, t: TargetDb) => actor.orgId === t.orgId;
const selfStageOpen = (round: RoundRow, t: TargetDb) => round.state === 'self' || (round.state === 'massOrg' && t.selfSubmittedAt === null);
export const contestWindowOpen = (round: RoundRow, today = shanghaiToday()) =>
  round.state === 'published' && round.contestUntil !== null && today <= round.contestUntil;

export function permissions(actor: Actor, { round, target }: Loaded): TargetSheet['can'] {
  return {
    self: isOwnOrg(actor, target) && can(actor, 'evaluation.self') && selfStageOpen(round, target) && target.selfSubmittedAt === null,
    score: isEvaluator(actor, round) && can(actor, 'evaluation.score') && round.state === 'massOrg' && target.orgSubmittedAt === null,
    contest: isOwnOrg(actor, target) && can(actor, 'evaluation.self') && contestWindowOpen(round),
    manage: can(actor, 'evaluation.manage'),
  };
}

/**
 * The checks of writing in a stage (an entry, a withdrawal, a submission): 403, then 409 — nothing changed.
 * `anyAuthor`: the county withdrawing someone else's entry (who may write is not asked, only whether the stage is open).
 */
function assertStageWritable(actor: Actor, { round, target }: Loaded, stage: ScoredStage, anyAuthor = false): void {
  if (stage === 'self') {
    if (!anyAuthor && (!isOwnOrg(actor, target) || !can(actor, 'evaluation.self'))) throw forbidden('evaluation.ownOrgOnly');
    if (target.selfSubmittedAt) throw conflict('evaluation.submitted', 'stage');
    if (!selfStageOpen(round, target)) throw conflict('evaluation.state', 'stage', { state: stateLabel(round.state) });
  } else {
    if (!anyAuthor && (!isEvaluator(actor, round) || !can(actor, 'evaluation.score'))) throw forbidden('evaluation.notEvaluator');
    if (target.orgSubmittedAt) throw conflict('evaluation.submitted', 'stage');
    if (round.state !== 'massOrg') throw conflict('evaluation.state', 'stage', { state: stateLabel(round.state) });
  }
}

/**
 * Inside the write's transaction: the round row locked (the order recomputeScores and the round's transitions lock
 * in) and the checks made again, so a submission or a state change between the first checks and the write wins.
 */
async function recheckLocked(tx: DbOrTx, actor: Actor, roundId: string, orgId: string, stage: ScoredStage, anyAuthor = false): Promise<void> {
  const round = await loadRoundRow(tx, actor.countyId, roundId, true);
  const target = await targetDb(tx, actor.countyId, roundId, orgId);
  if (!round || !target) throw notFound();
  assertStageWritable(actor, { round, target }, stage, anyAuthor);
}

// ---------------------------------------------------------------------------------------------------------
// the sheet

export async function getSheet(db: DbOrTx, actor: Actor, roundId: string, orgId: string): Promise<TargetSheet> {
  const loaded = await loadTarget(db, actor, roundId, orgId);
  return sheetOf(db, actor, loaded);
}

async function sheetOf(db: DbOrTx, actor: Actor, loaded: Loaded): Promise<TargetSheet> {
  const { round, target } = loaded;
  const d = await sheetData(db, actor, loaded);
  const entries = await entryViews(db, actor.countyId, target.orgPath, d.entries);
  const indicators: SheetIndicator[] = d.indicators.map((i) => {
    const p: IndicatorPoints = d.points.points.get(i.id)!;
    return {
      ...indicatorView(i),
      computed: i.method === 'computed' ? computedOf(round, d.values.get(i.id)) : null,
      selfPoints: p.self, orgPoints: p.org, contestedPoints: p.contested, vetoed: p.vetoed,
      entries: entries.filter((e) => e.indicatorId === i.id),
    };
  });
  return {
    round: await roundView(db, actor, round),
    target: await targetRow(db, actor.countyId, round, target),
    indicators,
    mass: massDetailOf(target, round),
    contests: await contestViews(db, actor.countyId, d.contests),
    can: permissions(actor, loaded),
  };
}

// ---------------------------------------------------------------------------------------------------------
// entries

/** Checks of the evidence (a file by magic bytes, or a linked record in the org's subtree); the decoded bytes. */
export async function checkEvidence(
  db: DbOrTx, countyId: string, orgPath: string, input: Pick<AddEntryInput, 'file' | 'linkedEntity' | 'linkedId'>,
): Promise<Buffer | null> {
  let data: Buffer | null = null;
  if (input.file) {
    const r = checkUpload(input.file, 'file');
    if ('problem' in r) throw problemsError([r.problem]);
    data = r.data;
  }
  if (input.linkedEntity || input.linkedId) {
    if (!input.linkedEntity) throw unprocessable('evaluation.linkedRecord', 'linkedEntity');
    if (!input.linkedId) throw unprocessable('evaluation.linkedRecord', 'linkedId');
    if ((await linkedLabel(db, countyId, orgPath, input.linkedEntity, input.linkedId)) === null) throw unprocessable('evaluation.linkedRecord', 'linkedId');
  }
  if (!data && !input.linkedId) throw unprocessable('evaluation.evidenceRequired', 'file');
  return data;
}

/**
 * Records an addition, deduction or veto event for one indicator in one stage. Every check comes first (403, 409,
 * 422 naming the field); then, in one transaction: the entry, its file, the org's recomputed scores, the audit.
 */
export async function addEntry(db: Db, actor: Actor, roundId: string, orgId: string, input: AddEntryInput): Promise<TargetSheet> {
  const loaded = await loadTarget(db, actor, roundId, orgId);
  const { target } = loaded;
  assertStageWritable(actor, loaded, input.stage);
  const stage = EVALUATION_STAGE_LABELS[input.stage]['zh-CN'];
  const ind = (await indicatorsOf(db, actor.countyId, target.templateId)).find((i) => i.id === input.indicatorId);
  if (!ind) throw unprocessable('evaluation.indicatorNotInTemplate', 'indicatorId');
  if (ind.method === 'computed') throw unprocessable('evaluation.wrongStage', 'indicatorId', { stage, why: '自动计算的指标由平台数据计分，不能手工加减分' });
  if (input.kind === 'veto') {
    if (ind.method !== 'veto') throw unprocessable('evaluation.wrongStage', 'kind', { stage, why: '只有一票否决的指标可以记录否决事项' });
    if (input.stage !== 'org') throw unprocessable('evaluation.wrongStage', 'stage', { stage, why: '一票否决事项只在组织考评中记录' });
  } else {
    if (ind.method !== 'evidence') throw unprocessable('evaluation.wrongStage', 'kind', { stage, why: '一票否决的指标不加减分，只记录否决事项' });
    const d = input.delta;
    if (d === undefined || d === 0 || Math.abs(d) > ind.maxPoints) throw unprocessable('evaluation.pointsRange', 'delta', { min: -ind.maxPoints, max: ind.maxPoints });
  }
  const data = await checkEvidence(db, actor.countyId, target.orgPath, input);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await recheckLocked(tx, actor, roundId, orgId, input.stage);
    let file: FileMeta | null = null;
    if (data && input.file) file = await saveFile(tx, actor.countyId, { entity: ENTRY_FILE_ENTITY, entityId: id }, input.file, data, actor.userId);
    await tx.insert(evaluationEntries).values({
      countyId: actor.countyId, id, roundId, orgId, indicatorId: ind.id, stage: input.stage, kind: input.kind,
      delta: input.kind === 'adjust' ? input.delta! : null, reason: input.reason, way: input.way ?? null,
      fileId: file?.id ?? null, linkedEntity: input.linkedEntity ?? null, linkedId: input.linkedId ?? null,
      createdBy: actor.userId, createdByName: actor.displayName,
    });
    await recomputeScores(tx, actor.countyId, roundId, [orgId]);
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.entry', entity: TARGET_ENTITY, entityId: targetEntityId(roundId, orgId), orgPath: target.orgPath,
      detail: {
        entryId: id, indicatorId: ind.id, indicatorCode: ind.code, indicatorName: ind.name, stage: input.stage, kind: input.kind,
        delta: input.kind === 'adjust' ? input.delta! : null, reason: input.reason, way: input.way ?? null,
        file: file ? { name: file.name, sha256: file.sha256 } : null, linkedEntity: input.linkedEntity ?? null, linkedId: input.linkedId ?? null,
      },
    }));
  });
  return getSheet(db, actor, roundId, orgId);
}

/** Withdraws an entry (it stays in the ledger, stops counting): its author or the county, before the stage is submitted. */
export async function withdrawEntry(db: Db, actor: Actor, roundId: string, orgId: string, entryId: string): Promise<TargetSheet> {
  const loaded = await loadTarget(db, actor, roundId, orgId);
  const e = (await entriesOf(db, actor.countyId, roundId, orgId)).find((x) => x.id === entryId);
  if (!e || e.withdrawnAt) throw notFound();
  if (e.createdBy !== actor.userId && !can(actor, 'evaluation.manage')) throw forbidden();
  const anyAuthor = can(actor, 'evaluation.manage');
  assertStageWritable(actor, loaded, e.stage, anyAuthor);
  await db.transaction(async (tx) => {
    await recheckLocked(tx, actor, roundId, orgId, e.stage, anyAuthor);
    await tx.execute(sql`
      update evaluation_entries set withdrawn_at = now(), withdrawn_by = ${actor.userId}::uuid
       where county_id = ${actor.countyId}::uuid and id = ${entryId}::uuid and withdrawn_at is null`);
    await recomputeScores(tx, actor.countyId, roundId, [orgId]);
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.entryWithdraw', entity: TARGET_ENTITY, entityId: targetEntityId(roundId, orgId), orgPath: loaded.target.orgPath,
      detail: { entryId, indicatorId: e.indicatorId, stage: e.stage, kind: e.kind, delta: e.delta, reason: e.reason },
    }));
  });
  return getSheet(db, actor, roundId, orgId);
}

/** Submits the self or the org stage of one org: from then on the stage's entries stand. */
export async function submitStage(db: Db, actor: Actor, roundId: string, orgId: string, input: SubmitStageInput): Promise<TargetSheet> {
  const loaded = await loadTarget(db, actor, roundId, orgId);
  assertStageWritable(actor, loaded, input.stage);
  await db.transaction(async (tx) => {
    await recheckLocked(tx, actor, roundId, orgId, input.stage);
    if (input.stage === 'self') {
      await tx.update(evaluationTargets).set({ selfSubmittedAt: new Date(), selfSubmittedBy: actor.userId })
        .where(sql`county_id = ${actor.countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid`);
    } else {
      await tx.update(evaluationTargets).set({ orgSubmittedAt: new Date(), orgSubmittedBy: actor.userId })
        .where(sql`county_id = ${actor.countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid`);
    }
    const t = await targetDb(tx, actor.countyId, roundId, orgId);
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.submit', entity: TARGET_ENTITY, entityId: targetEntityId(roundId, orgId), orgPath: loaded.target.orgPath,
      detail: { stage: input.stage, score: input.stage === 'self' ? t?.selfScore ?? null : t?.orgScore ?? null },
    }));
  });
  return getSheet(db, actor, roundId, orgId);
}

/** The evidence file of an entry (the sheet's visibility rules apply). */
export async function entryFile(db: DbOrTx, actor: Actor, roundId: string, orgId: string, entryId: string) {
  await loadTarget(db, actor, roundId, orgId);
  const e = (await entriesOf(db, actor.countyId, roundId, orgId)).find((x) => x.id === entryId);
  if (!e?.fileId) throw notFound();
  return readFile(db, actor.countyId, ENTRY_FILE_ENTITY, entryId, e.fileId);
}
