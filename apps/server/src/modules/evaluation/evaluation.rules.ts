// The rules of the annual evaluation (issue 11; 篇五(4)(14), 篇一 三), as pure functions: the services load the
// records and call these; the tests check them against values worked out by hand. Every number comes from the
// round (copied from policy `evaluation.*` when it was created), never from here.
//
// Rounding: every indicator's points, every stage score and the final score are rounded to 2 decimals (half away
// from zero) as they are stored (numeric(6, 2)); a stage score is the rounded sum of rounded indicator points; the
// final score is computed from the rounded stage scores; the grade from the rounded final score.
import type { Grade, IndicatorCurve, IndicatorInput, Metric } from '@jiceng/contract';
import { METRIC_INFO } from '@jiceng/contract/constants';

export const round2 = (x: number) => Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---- templates ----

export interface TemplateProblem { field: string; code: 'evaluation.templatePoints' | 'evaluation.indicatorMethod' | 'evaluation.curve'; params: Record<string, string | number> }

/** What is wrong with a template's indicators (field paths `indicators.N.x`); [] when it can be saved. */
export function templateProblems(indicators: readonly IndicatorInput[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const codes = new Set<string>();
  indicators.forEach((ind, i) => {
    const at = (f: string) => `indicators.${i}.${f}`;
    const method = (field: string, why: string) => problems.push({ field: at(field), code: 'evaluation.indicatorMethod', params: { why } });
    if (codes.has(ind.code)) method('code', `编码 ${ind.code} 重复`);
    codes.add(ind.code);
    if (ind.method === 'computed') {
      if (!ind.metric) method('metric', '自动计算的指标须选择数据项');
      if (!ind.curve) method('curve', '自动计算的指标须设置计分曲线');
      if (ind.basePoints !== undefined) method('basePoints', '自动计算的指标没有基础分');
      if (ind.curve) {
        const why = curveProblem(ind.curve, ind.metric);
        if (why) problems.push({ field: at('curve'), code: 'evaluation.curve', params: { why } });
        if (ind.curve.emptyPoints !== undefined && ind.curve.emptyPoints > ind.maxPoints) {
          problems.push({ field: at('curve.emptyPoints'), code: 'evaluation.curve', params: { why: '无记录时的分值不能超过满分' } });
        }
      }
    } else {
      if (ind.metric) method('metric', '只有自动计算的指标有数据项');
      if (ind.curve) method('curve', '只有自动计算的指标有计分曲线');
    }
    if (ind.method === 'evidence') {
      if (ind.maxPoints <= 0) method('maxPoints', '档案评分的指标须有分值');
      if (ind.basePoints !== undefined && ind.basePoints > ind.maxPoints) method('basePoints', '基础分不能超过满分');
    }
    if (ind.method === 'veto') {
      if (ind.maxPoints !== 0) method('maxPoints', '一票否决的指标不计分（分值为 0）');
      if (ind.basePoints !== undefined) method('basePoints', '一票否决的指标没有基础分');
    }
    if (ind.method === 'computed' && ind.maxPoints <= 0) method('maxPoints', '自动计算的指标须有分值');
  });
  const sum = round2(indicators.reduce((s, i) => s + i.maxPoints, 0));
  if (sum !== 100) problems.push({ field: 'indicators', code: 'evaluation.templatePoints', params: { sum } });
  return problems;
}

function curveProblem(curve: IndicatorCurve, metric: Metric | undefined): string | null {
  const unit = metric ? METRIC_INFO[metric].unit : null;
  const inRange = (x: number) => unit === 'share' ? x >= 0 && x <= 1 : unit === 'rating' ? x >= 1 && x <= 5 : x >= 0;
  const range = unit === 'share' ? '0 到 1 之间（比例）' : unit === 'rating' ? '1 到 5 之间（星级）' : '不小于 0（次数）';
  if (curve.kind === 'linear') {
    if (curve.zeroAt === curve.fullAt) return '零分点与满分点不能相同';
    if (!inRange(curve.zeroAt) || !inRange(curve.fullAt)) return `零分点与满分点应在 ${range}`;
    return null;
  }
  for (let i = 0; i < curve.steps.length; i++) {
    if (!inRange(curve.steps[i]!.from)) return `分段起点应在 ${range}`;
    if (i > 0 && curve.steps[i]!.from <= curve.steps[i - 1]!.from) return '分段须按起点从小到大排列且不重复';
  }
  return null;
}

// ---- indicator points ----

/**
 * A computed indicator's points: `value` null means nothing was there to count (e.g. no cases): the curve's
 * emptyPoints, default the max points. Linear: max × (value − zeroAt) / (fullAt − zeroAt), clamped to [0, max].
 * Steps: max × the share of the highest step whose `from` ≤ value (0 below the first).
 */
export function curvePoints(curve: IndicatorCurve, maxPoints: number, value: number | null): number {
  if (value === null) return round2(curve.emptyPoints ?? maxPoints);
  if (curve.kind === 'linear') return round2(maxPoints * clamp((value - curve.zeroAt) / (curve.fullAt - curve.zeroAt), 0, 1));
  let share = 0;
  for (const s of curve.steps) if (value >= s.from - 1e-12) share = s.share;
  return round2(maxPoints * share);
}

/** An evidence indicator's points in a stage: base (default the max) plus the additions and deductions, clamped. */
export const evidencePoints = (maxPoints: number, basePoints: number | null, deltas: readonly number[]) =>
  round2(clamp((basePoints ?? maxPoints) + deltas.reduce((s, d) => s + d, 0), 0, maxPoints));

/** A stage score (self or org): the rounded sum of the indicators' rounded points. */
export const stageScore = (points: readonly number[]) => round2(points.reduce((s, p) => s + p, 0));

// ---- mass evaluation ----

export interface MassInputs {
  /** Σ (answer − 1) / 4 over the survey answers counted, and how many answers */
  surveySum: number;
  surveyCount: number;
  /** Σ (rating − 1) / 4 over the independent ratings counted, and how many */
  ratingSum: number;
  ratingCount: number;
}

/**
 * mass = 100 × (w × S + (1 − w) × C), S the mean normalized survey answer, C the mean normalized independent
 * rating, w the round's survey share; with one source only, that source alone; with none, null (cannot be graded).
 */
export function massScore(m: MassInputs, surveyPercent: number): { s: number | null; c: number | null; score: number | null } {
  const s = m.surveyCount > 0 ? m.surveySum / m.surveyCount : null;
  const c = m.ratingCount > 0 ? m.ratingSum / m.ratingCount : null;
  if (s === null && c === null) return { s, c, score: null };
  const w = surveyPercent / 100;
  const v = s !== null && c !== null ? w * s + (1 - w) * c : (s ?? c)!;
  return { s, c, score: round2(100 * v) };
}

/** Normalize a 1–5 answer or rating to [0, 1]. */
export const normalized = (x: number) => (x - 1) / 4;

// ---- final score and grades ----

export interface Weights { self: number; mass: number; org: number }

/** Weights (percent) must add up to 100 with the mass evaluation the largest (篇五(14) 加大群众评价权重). */
export const weightsValid = (w: Weights) => w.self + w.mass + w.org === 100 && w.mass > w.self && w.mass > w.org;

export const finalScore = (self: number, mass: number, org: number, w: Weights) =>
  round2((w.self * self + w.mass * mass + w.org * org) / 100);

export interface Thresholds { advanced: number; good: number; average: number }

/** advanced ≥ a, good ≥ g, average ≥ v, lagging below — or lagging whatever the score with a veto. */
export function gradeOf(final: number, veto: boolean, t: Thresholds): Grade {
  if (veto) return 'lagging';
  if (final >= t.advanced) return 'advanced';
  if (final >= t.good) return 'good';
  if (final >= t.average) return 'average';
  return 'lagging';
}

export interface GradeInput {
  orgId: string;
  /** for a stable order when everything else ties */
  orgCode: string;
  final: number | null;
  mass: number | null;
  org: number | null;
  veto: boolean;
}
export interface GradeResult { orgId: string; grade: Grade | null; rank: number | null; demotedByQuota: boolean }

/**
 * The proposed grades of a round: each org's grade by its final score and veto; then, when the advanced quota
 * (percent of the graded orgs, rounded down) is smaller than the number qualifying, only the best keep
 * `advanced` — by final score, then the mass score, then the org score (then the org code, for a stable order) —
 * and the others are graded `good`. Ranks follow the same order, vetoed orgs last; orgs without a final score get neither.
 */
export function gradeRound(targets: readonly GradeInput[], t: Thresholds, advancedQuotaPercent: number): GradeResult[] {
  const graded = targets.filter((x) => x.final !== null);
  // a vetoed org ranks after every other (its grade is lagging whatever its score)
  const order = [...graded].sort((a, b) =>
    Number(a.veto) - Number(b.veto) || b.final! - a.final! || (b.mass ?? 0) - (a.mass ?? 0) || (b.org ?? 0) - (a.org ?? 0) || a.orgCode.localeCompare(b.orgCode));
  const quota = advancedQuotaPercent >= 100 ? Infinity : Math.floor((graded.length * advancedQuotaPercent) / 100);
  let advanced = 0;
  const results = new Map<string, GradeResult>();
  order.forEach((x, i) => {
    let grade = gradeOf(x.final!, x.veto, t);
    let demotedByQuota = false;
    if (grade === 'advanced') {
      if (advanced < quota) advanced++;
      else { grade = 'good'; demotedByQuota = true; }
    }
    results.set(x.orgId, { orgId: x.orgId, grade, rank: i + 1, demotedByQuota });
  });
  return targets.map((x) => results.get(x.orgId) ?? { orgId: x.orgId, grade: null, rank: null, demotedByQuota: false });
}

// ---- one org's sheet ----

export interface SheetIndicatorInput { id: string; method: 'computed' | 'evidence' | 'veto'; maxPoints: number; basePoints: number | null }
export interface SheetEntryInput { indicatorId: string; stage: 'self' | 'org'; kind: 'adjust' | 'veto'; delta: number | null; withdrawn: boolean }
export interface SheetContestInput { indicatorId: string; state: 'pending' | 'upheld' | 'changed'; newPoints: number | null; decidedAt: number | null }
export interface IndicatorPoints { self: number; org: number; contested: number | null; vetoed: boolean }

/**
 * The points of every indicator of one org, and its self and org stage scores:
 * - computed: the computed points in both stages (`computedPoints`, from the live values or the snapshot);
 * - evidence: per stage, base + the stage's standing additions and deductions, clamped to [0, max];
 * - veto: vetoed when a standing veto event was recorded in the org stage;
 * - a contest decided `changed` (the latest, if several) replaces the org-stage points of its indicator (for a
 *   veto indicator: lifts the veto); `upheld` and pending contests change nothing.
 */
export function scoreSheet(
  indicators: readonly SheetIndicatorInput[], computedPoints: ReadonlyMap<string, number>,
  entries: readonly SheetEntryInput[], contests: readonly SheetContestInput[],
): { points: Map<string, IndicatorPoints>; self: number; org: number; veto: boolean } {
  const points = new Map<string, IndicatorPoints>();
  for (const ind of indicators) {
    const standing = entries.filter((e) => e.indicatorId === ind.id && !e.withdrawn);
    const changed = contests
      .filter((c) => c.indicatorId === ind.id && c.state === 'changed' && c.decidedAt !== null)
      .sort((a, b) => b.decidedAt! - a.decidedAt!)[0];
    let self = 0, org = 0, vetoed = false;
    if (ind.method === 'computed') {
      self = org = computedPoints.get(ind.id) ?? 0;
    } else if (ind.method === 'evidence') {
      const deltas = (stage: 'self' | 'org') => standing.filter((e) => e.stage === stage && e.kind === 'adjust').map((e) => e.delta ?? 0);
      self = evidencePoints(ind.maxPoints, ind.basePoints, deltas('self'));
      org = evidencePoints(ind.maxPoints, ind.basePoints, deltas('org'));
    } else {
      vetoed = standing.some((e) => e.stage === 'org' && e.kind === 'veto');
    }
    let contested: number | null = null;
    if (changed) {
      if (ind.method === 'veto') vetoed = false;
      else contested = round2(clamp(changed.newPoints ?? org, 0, ind.maxPoints));
    }
    points.set(ind.id, { self, org, contested, vetoed });
  }
  const all = [...points.values()];
  return {
    points,
    self: stageScore(all.map((p) => p.self)),
    org: stageScore(all.map((p) => p.contested ?? p.org)),
    veto: all.some((p) => p.vetoed),
  };
}
