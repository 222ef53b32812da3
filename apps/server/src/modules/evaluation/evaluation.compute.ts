// The computation of a round (issue 11, F17–F18): computed indicators from the platform's records (metrics engine),
// the mass evaluation from surveys and independent ratings, every stage score, the final score and the proposed
// grades of the whole round. The rules are evaluation.rules.ts; this file loads, calls them and writes.
//
// Live until the review starts: every recomputeScores refreshes the computed values of the orgs it is given.
// From the review on (snapshot_at set) the computed values and mass inputs are FROZEN: recomputeScores only
// re-scores from them (entries, contests), and replacing them is the explicit recompute (preview, then apply).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type Grade, type IndicatorCurve, type Metric, type OrgTier, type RoundView,
} from '@jiceng/contract';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import { can, scopeFilter, type Actor } from '../../platform/access/access.js';
import { evaluationMetricValues, evaluationRounds } from './evaluation.tables.js';
import {
  curvePoints, finalScore, gradeRound, massScore, round2, scoreSheet, type IndicatorPoints,
} from './evaluation.rules.js';
import { computeMetrics, type MetricTarget } from './evaluation.metrics.js';
import { massInputs, type MassCounts } from './evaluation.mass.js';

export type RoundRow = typeof evaluationRounds.$inferSelect;

/** Why an org without any mass input cannot be graded (issue 11: with none, the org cannot be graded and the round says so). */
export const UNGRADABLE_NO_MASS = '无群众测评数据（无问卷答复、无独立评价）';

const num = (x: unknown) => (x == null ? null : Number(x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;

export async function loadRoundRow(db: DbOrTx, countyId: string, roundId: string, forUpdate = false): Promise<RoundRow | undefined> {
  const [r] = await (forUpdate
    ? db.select().from(evaluationRounds).where(sql`county_id = ${countyId}::uuid and id = ${roundId}::uuid`).for('update')
    : db.select().from(evaluationRounds).where(sql`county_id = ${countyId}::uuid and id = ${roundId}::uuid`));
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// loading

export interface TargetOrg extends MetricTarget { code: string; templateId: string }

/** The targets of a round (all, or the given orgs) with what the metrics engine needs. */
export async function roundTargets(db: DbOrTx, countyId: string, roundId: string, orgIds?: readonly string[]): Promise<TargetOrg[]> {
  return rowsOf<{ org_id: string; path: string; tier: OrgTier; name: string; code: string; template_id: string }>(await db.execute(sql`
    select t.org_id, t.org_path::text as path, o.tier, o.name, o.code, t.template_id
      from evaluation_targets t
      join orgs o on o.county_id = ${countyId}::uuid and o.id = t.org_id
     where t.county_id = ${countyId}::uuid and t.round_id = ${roundId}::uuid
       ${orgIds ? sql`and t.org_id = any(${uuids(orgIds)}::uuid[])` : sql``}
     order by t.org_path`)).map((r) => ({ orgId: r.org_id, path: r.path, tier: r.tier, name: r.name, code: r.code, templateId: r.template_id }));
}

export interface IndicatorRow {
  id: string; templateId: string; code: string; group: string; name: string; criteria: string | null; position: number; method: 'computed' | 'evidence' | 'veto';
  maxPoints: number; basePoints: number | null; metric: Metric | null; curve: IndicatorCurve | null;
}

export async function templateIndicators(db: DbOrTx, countyId: string, templateIds: readonly string[]): Promise<Map<string, IndicatorRow[]>> {
  const out = new Map<string, IndicatorRow[]>(templateIds.map((id) => [id, []]));
  if (!templateIds.length) return out;
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    select id, template_id, code, "group", name, criteria, position, method, max_points, base_points, metric, curve
      from evaluation_indicators
     where county_id = ${countyId}::uuid and template_id = any(${uuids([...new Set(templateIds)])}::uuid[])
     order by template_id, position, code`));
  for (const r of rows) {
    out.get(r.template_id as string)?.push({
      id: r.id as string, templateId: r.template_id as string, code: r.code as string, group: r.group as string, name: r.name as string,
      criteria: (r.criteria as string | null) ?? null, position: Number(r.position),
      method: r.method as IndicatorRow['method'], maxPoints: Number(r.max_points), basePoints: num(r.base_points),
      metric: (r.metric as Metric | null) ?? null, curve: (r.curve as IndicatorCurve | null) ?? null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// computed values (live or fresh for a recompute)

export interface ComputedValue { orgId: string; indicatorId: string; metric: Metric; value: number | null; numerator: number; denominator: number; points: number }
export interface MassValue { orgId: string; score: number | null; detail: Record<string, unknown> }
export interface Fresh { values: ComputedValue[]; mass: MassValue[]; computedAt: Date }

export function massDetailOf(m: MassCounts, surveyPercent: number): MassValue['detail'] & { score: number | null } {
  const r = massScore(m, surveyPercent);
  return {
    surveyAnswers: m.surveyCount, surveyMean: r.s === null ? null : round4(1 + 4 * r.s),
    ratings: m.ratingCount, ratingMean: r.c === null ? null : round4(1 + 4 * r.c),
    ratingsExcluded: m.ratingsExcluded,
    s: r.s === null ? null : round4(r.s), c: r.c === null ? null : round4(r.c), surveyShare: surveyPercent / 100, score: r.score,
    surveySum: round4(m.surveySum), ratingSum: round4(m.ratingSum),
  };
}

/**
 * The computed indicators' values and points and the mass inputs of the given targets, counted now from the
 * records of the round's year — nothing written.
 */
export async function freshComputed(db: DbOrTx, countyId: string, round: RoundRow, targets: readonly TargetOrg[]): Promise<Fresh> {
  const computedAt = new Date();
  if (!targets.length) return { values: [], mass: [], computedAt };
  const indicators = await templateIndicators(db, countyId, [...new Set(targets.map((t) => t.templateId))]);
  const metrics = [...new Set([...indicators.values()].flat().filter((i) => i.method === 'computed' && i.metric).map((i) => i.metric!))];
  const metricTargets: MetricTarget[] = targets.map((t) => ({ orgId: t.orgId, path: t.path, tier: t.tier, name: t.name }));
  const figures = metrics.length ? await computeMetrics(db, countyId, round.year, metricTargets, metrics) : new Map();
  const masses = await massInputs(db, countyId, round.year, metricTargets);
  const values: ComputedValue[] = [];
  const mass: MassValue[] = [];
  for (const t of targets) {
    for (const ind of indicators.get(t.templateId) ?? []) {
      if (ind.method !== 'computed' || !ind.metric || !ind.curve) continue;
      const f = figures.get(t.orgId)?.get(ind.metric) ?? { value: null, numerator: 0, denominator: 0 };
      values.push({
        orgId: t.orgId, indicatorId: ind.id, metric: ind.metric, value: f.value === null ? null : round4(f.value),
        numerator: round2(f.numerator), denominator: f.denominator, points: curvePoints(ind.curve, ind.maxPoints, f.value),
      });
    }
    const m: MassCounts = masses.get(t.orgId) ?? { surveySum: 0, surveyCount: 0, ratingSum: 0, ratingCount: 0, ratingsExcluded: 0 };
    const detail = massDetailOf(m, round.massSurveyPercent);
    mass.push({ orgId: t.orgId, score: detail.score, detail });
  }
  return { values, mass, computedAt };
}

/** One target's live computed values (the sheet before the snapshot, if it wants them fresh). */
export async function liveComputed(db: DbOrTx, countyId: string, round: RoundRow, target: TargetOrg): Promise<Fresh> {
  return freshComputed(db, countyId, round, [target]);
}

/** Replaces the stored computed values and mass inputs of the targets in `fresh` (all of `orgIds`). */
export async function writeComputed(tx: DbOrTx, countyId: string, roundId: string, orgIds: readonly string[], fresh: Fresh, frozen: boolean): Promise<void> {
  if (!orgIds.length) return;
  await tx.execute(sql`
    delete from evaluation_metric_values
     where county_id = ${countyId}::uuid and round_id = ${roundId}::uuid and org_id = any(${uuids(orgIds)}::uuid[])`);
  for (let i = 0; i < fresh.values.length; i += 1000) {
    await tx.insert(evaluationMetricValues).values(fresh.values.slice(i, i + 1000).map((v) => ({
      countyId, roundId, orgId: v.orgId, indicatorId: v.indicatorId, metric: v.metric, value: v.value, numerator: v.numerator,
      denominator: v.denominator, points: v.points, computedAt: fresh.computedAt,
    })));
  }
  const rows = fresh.mass.map((m) => ({ org_id: m.orgId, score: m.score, detail: { ...m.detail, frozen } }));
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.execute(sql`
      update evaluation_targets t set mass_score = v.score, mass_detail = v.detail, computed_at = ${fresh.computedAt}
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 1000))}::jsonb) as v(org_id uuid, score numeric, detail jsonb)
       where t.county_id = ${countyId}::uuid and t.round_id = ${roundId}::uuid and t.org_id = v.org_id`);
  }
}

/** A hash of fresh values: the token of a recompute preview (the apply refuses when the data moved since). */
export function freshToken(fresh: Fresh): string {
  const values = [...fresh.values].sort((a, b) => (a.orgId + a.indicatorId).localeCompare(b.orgId + b.indicatorId))
    .map((v) => [v.orgId, v.indicatorId, v.value, v.numerator, v.denominator, v.points]);
  const mass = [...fresh.mass].sort((a, b) => a.orgId.localeCompare(b.orgId))
    .map((m) => [m.orgId, m.score, m.detail.surveySum, m.detail.surveyAnswers, m.detail.ratingSum, m.detail.ratings, m.detail.ratingsExcluded]);
  return createHash('sha256').update(JSON.stringify({ values, mass })).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// scoring

export interface ScoredTarget {
  orgId: string;
  points: Map<string, IndicatorPoints>;
  self: number; org: number; mass: number | null; final: number | null; veto: boolean; ungradable: string | null;
}

/** Every indicator's points and the stage and final scores of the given targets, from what is stored now. */
export async function scoreTargets(db: DbOrTx, countyId: string, round: RoundRow, targets: readonly TargetOrg[]): Promise<ScoredTarget[]> {
  if (!targets.length) return [];
  const ids = uuids(targets.map((t) => t.orgId));
  const indicators = await templateIndicators(db, countyId, [...new Set(targets.map((t) => t.templateId))]);
  const [values, entries, contests, masses] = await Promise.all([
    db.execute(sql`select org_id, indicator_id, points from evaluation_metric_values
      where county_id = ${countyId}::uuid and round_id = ${round.id}::uuid and org_id = any(${ids}::uuid[])`),
    db.execute(sql`select org_id, indicator_id, stage, kind, delta, withdrawn_at is not null as withdrawn from evaluation_entries
      where county_id = ${countyId}::uuid and round_id = ${round.id}::uuid and org_id = any(${ids}::uuid[])`),
    db.execute(sql`select org_id, indicator_id, state, new_points, decided_at from evaluation_contests
      where county_id = ${countyId}::uuid and round_id = ${round.id}::uuid and org_id = any(${ids}::uuid[])`),
    db.execute(sql`select org_id, mass_score from evaluation_targets
      where county_id = ${countyId}::uuid and round_id = ${round.id}::uuid and org_id = any(${ids}::uuid[])`),
  ]);
  const group = <T extends { org_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.org_id);
      if (list) list.push(r);
      else m.set(r.org_id, [r]);
    }
    return m;
  };
  const valuesBy = group(rowsOf<{ org_id: string; indicator_id: string; points: string }>(values));
  const entriesBy = group(rowsOf<{ org_id: string; indicator_id: string; stage: 'self' | 'org'; kind: 'adjust' | 'veto'; delta: string | null; withdrawn: boolean }>(entries));
  const contestsBy = group(rowsOf<{ org_id: string; indicator_id: string; state: 'pending' | 'upheld' | 'changed'; new_points: string | null; decided_at: string | Date | null }>(contests));
  const massBy = new Map(rowsOf<{ org_id: string; mass_score: string | null }>(masses).map((r) => [r.org_id, num(r.mass_score)]));
  const weights = { self: round.weightSelf, mass: round.weightMass, org: round.weightOrg };
  return targets.map((t) => {
    const inds = indicators.get(t.templateId) ?? [];
    const sheet = scoreSheet(
      inds.map((i) => ({ id: i.id, method: i.method, maxPoints: i.maxPoints, basePoints: i.basePoints })),
      new Map((valuesBy.get(t.orgId) ?? []).map((v) => [v.indicator_id, Number(v.points)])),
      (entriesBy.get(t.orgId) ?? []).map((e) => ({ indicatorId: e.indicator_id, stage: e.stage, kind: e.kind, delta: num(e.delta), withdrawn: Boolean(e.withdrawn) })),
      (contestsBy.get(t.orgId) ?? []).map((c) => ({
        indicatorId: c.indicator_id, state: c.state, newPoints: num(c.new_points), decidedAt: c.decided_at == null ? null : new Date(c.decided_at).getTime(),
      })),
    );
    const mass = massBy.get(t.orgId) ?? null;
    return {
      orgId: t.orgId, points: sheet.points, self: sheet.self, org: sheet.org, mass, veto: sheet.veto,
      final: mass === null ? null : finalScore(sheet.self, mass, sheet.org, weights),
      ungradable: mass === null ? UNGRADABLE_NO_MASS : null,
    };
  });
}

/** The proposed grades and ranks of the whole round (the advanced quota counts over all its targets). */
async function regradeRound(tx: DbOrTx, countyId: string, round: RoundRow): Promise<void> {
  const rows = rowsOf<{ org_id: string; code: string; final_score: string | null; mass_score: string | null; org_score: string | null; veto: boolean }>(await tx.execute(sql`
    select t.org_id, o.code, t.final_score, t.mass_score, t.org_score, t.veto
      from evaluation_targets t join orgs o on o.county_id = ${countyId}::uuid and o.id = t.org_id
     where t.county_id = ${countyId}::uuid and t.round_id = ${round.id}::uuid`));
  const results = gradeRound(
    rows.map((r) => ({ orgId: r.org_id, orgCode: r.code, final: num(r.final_score), mass: num(r.mass_score), org: num(r.org_score), veto: Boolean(r.veto) })),
    { advanced: round.gradeAdvancedFrom, good: round.gradeGoodFrom, average: round.gradeAverageFrom },
    round.advancedQuotaPercent,
  );
  // a person published the grades: from then on a contest decision or an applied recompute changes the published grade too
  const published = round.state === 'published' || round.state === 'final';
  const data = results.map((r) => ({ org_id: r.orgId, grade: r.grade, rank: r.rank }));
  for (let i = 0; i < data.length; i += 1000) {
    await tx.execute(sql`
      update evaluation_targets t set proposed_grade = v.grade, rank = v.rank ${published ? sql`, grade = v.grade` : sql``}
        from jsonb_to_recordset(${JSON.stringify(data.slice(i, i + 1000))}::jsonb) as v(org_id uuid, grade text, rank int)
       where t.county_id = ${countyId}::uuid and t.round_id = ${round.id}::uuid and t.org_id = v.org_id`);
  }
}

/**
 * Recomputes the given targets (default all) of a round, in the caller's transaction: before the snapshot their
 * computed values and mass inputs are refreshed from the records; then every stage score, final score, veto and
 * ungradable reason is written; then the whole round is regraded (proposed grade and rank; the published grade
 * too once published).
 */
export async function recomputeScores(tx: DbOrTx, countyId: string, roundId: string, orgIds?: string[]): Promise<void> {
  const round = await loadRoundRow(tx, countyId, roundId, true);
  if (!round) throw new Error(`recomputeScores: no round ${roundId}`);
  const targets = await roundTargets(tx, countyId, roundId, orgIds);
  if (round.snapshotAt === null && targets.length) {
    const fresh = await freshComputed(tx, countyId, round, targets);
    await writeComputed(tx, countyId, roundId, targets.map((t) => t.orgId), fresh, false);
  }
  await writeScores(tx, countyId, round, targets);
  await regradeRound(tx, countyId, round);
}

async function writeScores(tx: DbOrTx, countyId: string, round: RoundRow, targets: readonly TargetOrg[]): Promise<void> {
  const scored = await scoreTargets(tx, countyId, round, targets);
  const data = scored.map((s) => ({ org_id: s.orgId, self: s.self, org: s.org, final: s.final, veto: s.veto, ungradable: s.ungradable }));
  for (let i = 0; i < data.length; i += 1000) {
    await tx.execute(sql`
      update evaluation_targets t set self_score = v.self, org_score = v.org, final_score = v.final, veto = v.veto, ungradable = v.ungradable
        from jsonb_to_recordset(${JSON.stringify(data.slice(i, i + 1000))}::jsonb) as v(org_id uuid, self numeric, org numeric, final numeric, veto boolean, ungradable text)
       where t.county_id = ${countyId}::uuid and t.round_id = ${round.id}::uuid and t.org_id = v.org_id`);
  }
}

/** Replaces the frozen snapshot of the whole round with `fresh` and re-scores (the applied recompute). */
export async function replaceSnapshot(tx: DbOrTx, countyId: string, roundId: string, fresh: Fresh): Promise<void> {
  const round = await loadRoundRow(tx, countyId, roundId, true);
  if (!round) throw new Error(`replaceSnapshot: no round ${roundId}`);
  const targets = await roundTargets(tx, countyId, roundId);
  await writeComputed(tx, countyId, roundId, targets.map((t) => t.orgId), fresh, true);
  await tx.execute(sql`update evaluation_rounds set snapshot_at = ${fresh.computedAt}, updated_at = now()
    where county_id = ${countyId}::uuid and id = ${roundId}::uuid`);
  await writeScores(tx, countyId, round, targets);
  await regradeRound(tx, countyId, round);
}

// ---------------------------------------------------------------------------------------------------------
// the round as the caller sees it

/** Targets the caller sees in a round: its own subtree's. */
export const visibleTargets = (actor: Actor) => scopeFilter(actor, sql`t.org_path`);

export async function roundView(db: DbOrTx, actor: Actor, row: RoundRow | string): Promise<RoundView> {
  const c = actor.countyId;
  const round = typeof row === 'string' ? await loadRoundRow(db, c, row) : row;
  if (!round) throw new Error('roundView: no round');
  const templateIds = round.templates.map((x) => x.templateId);
  const [meta, templates, evaluators, progress, pending] = await Promise.all([
    db.execute(sql`select name from orgs where county_id = ${c}::uuid and id = ${round.orgId}::uuid`),
    templateIds.length
      ? db.execute(sql`select id, name, version from evaluation_templates where county_id = ${c}::uuid and id = any(${uuids(templateIds)}::uuid[])`)
      : Promise.resolve({ rows: [] }),
    round.evaluatorIds.length
      ? db.execute(sql`select id, display_name from users where county_id = ${c}::uuid and id = any(${uuids(round.evaluatorIds)}::uuid[]) order by display_name, id`)
      : Promise.resolve({ rows: [] }),
    db.execute(sql`
      select count(*)::int as targets, count(t.self_submitted_at)::int as self_submitted, count(t.org_submitted_at)::int as org_submitted,
             count(t.ungradable)::int as ungradable
        from evaluation_targets t
       where t.county_id = ${c}::uuid and t.round_id = ${round.id}::uuid and ${visibleTargets(actor)}`),
    db.execute(sql`
      select count(*)::int as n from evaluation_contests x
        join evaluation_targets t on t.county_id = ${c}::uuid and t.round_id = x.round_id and t.org_id = x.org_id
       where x.county_id = ${c}::uuid and x.round_id = ${round.id}::uuid and x.state = 'pending' and ${visibleTargets(actor)}`),
  ]);
  const gradeCounts = rowsOf<{ grade: Grade | null; n: number }>(await db.execute(sql`
    select ${round.state === 'published' || round.state === 'final' ? sql`t.grade` : sql`t.proposed_grade`} as grade, count(*)::int as n
      from evaluation_targets t
     where t.county_id = ${c}::uuid and t.round_id = ${round.id}::uuid and ${visibleTargets(actor)}
     group by 1`));
  const p = rowsOf<{ targets: number; self_submitted: number; org_submitted: number; ungradable: number }>(progress)[0];
  const tpl = new Map(rowsOf<{ id: string; name: string; version: number }>(templates).map((t) => [t.id, t]));
  const names = new Map(rowsOf<{ id: string; display_name: string }>(evaluators).map((u) => [u.id, u.display_name]));
  const grades = { advanced: 0, good: 0, average: 0, lagging: 0 } as Record<Grade, number>;
  for (const g of gradeCounts) if (g.grade) grades[g.grade] = Number(g.n);
  const isTarget = actor.orgId !== null && rowsOf(await db.execute(sql`
    select 1 from evaluation_targets where county_id = ${c}::uuid and round_id = ${round.id}::uuid and org_id = ${actor.orgId}::uuid`)).length > 0;
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: round.id, year: round.year, title: round.title, state: round.state,
    orgId: round.orgId, orgName: rowsOf<{ name: string }>(meta)[0]?.name ?? '',
    templates: round.templates.map((x) => ({
      sector: x.sector as RoundView['templates'][number]['sector'], templateId: x.templateId,
      templateName: tpl.get(x.templateId)?.name ?? '', version: Number(tpl.get(x.templateId)?.version ?? 1),
    })),
    tiers: round.tiers as RoundView['tiers'],
    selfStartsOn: round.selfStartsOn, selfEndsOn: round.selfEndsOn, orgStartsOn: round.orgStartsOn, orgEndsOn: round.orgEndsOn,
    weights: { self: round.weightSelf, mass: round.weightMass, org: round.weightOrg },
    massSurveyPercent: round.massSurveyPercent, advancedQuotaPercent: round.advancedQuotaPercent,
    thresholds: { advanced: round.gradeAdvancedFrom, good: round.gradeGoodFrom, average: round.gradeAverageFrom },
    evaluators: round.evaluatorIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    snapshotAt: iso(round.snapshotAt), publishedAt: iso(round.publishedAt), publisherName: round.publisherName,
    contestUntil: round.contestUntil, finalizedAt: iso(round.finalizedAt),
    progress: {
      targets: Number(p?.targets ?? 0), selfSubmitted: Number(p?.self_submitted ?? 0), orgSubmitted: Number(p?.org_submitted ?? 0),
      ungradable: Number(p?.ungradable ?? 0), contestsPending: Number(rowsOf<{ n: number }>(pending)[0]?.n ?? 0), grades,
    },
    can: {
      manage: can(actor, 'evaluation.manage'),
      score: can(actor, 'evaluation.score') && round.state === 'massOrg' && (round.evaluatorIds.includes(actor.userId) || can(actor, 'evaluation.manage')),
      self: can(actor, 'evaluation.self') && isTarget && (round.state === 'self' || round.state === 'massOrg'),
    },
    createdAt: new Date(round.createdAt).toISOString(),
  };
}
