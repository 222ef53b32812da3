// The evaluation's rules as pure functions, against numbers worked out by hand from the rules.
import { describe, expect, it } from 'vitest';
import type { IndicatorCurve, IndicatorInput } from '@jiceng/contract';
import type { SheetIndicatorInput } from './evaluation.rules.js';
import {
  curvePoints, evidencePoints, finalScore, gradeOf, gradeRound, massScore, normalized, round2, scoreSheet, templateProblems, weightsValid,
} from './evaluation.rules.js';

const t = { advanced: 90, good: 80, average: 60 };

describe('templates', () => {
  const ok: IndicatorInput[] = [
    { code: 'A1', group: 'performance', name: '按时办结', maxPoints: 40, method: 'computed', metric: 'caseOnTimeRate', curve: { kind: 'linear', zeroAt: 0.6, fullAt: 1 } },
    { code: 'B1', group: 'venue', name: '活动场所', maxPoints: 60, method: 'evidence' },
    { code: 'V1', group: 'leadership', name: '严重违纪', maxPoints: 0, method: 'veto' },
  ];
  it('accepts a template of 100 points whose indicators fit their methods', () => expect(templateProblems(ok)).toEqual([]));
  it('refuses a sum other than 100, saying the sum', () => {
    const p = templateProblems([{ ...ok[0]!, maxPoints: 30 }, ok[1]!, ok[2]!]);
    expect(p).toEqual([{ field: 'indicators', code: 'evaluation.templatePoints', params: { sum: 90 } }]);
  });
  it('refuses fields that do not fit the method, naming each', () => {
    const p = templateProblems([
      { ...ok[0]!, metric: undefined, curve: undefined },
      { ...ok[1]!, basePoints: 70 },
      { ...ok[2]!, maxPoints: 5 },
      { code: 'A1', group: 'performance', name: '重复', maxPoints: -5 + 5, method: 'evidence', curve: { kind: 'linear', zeroAt: 0, fullAt: 1 } },
    ]);
    const fields = p.map((x) => x.field);
    expect(fields).toEqual(expect.arrayContaining(['indicators.0.metric', 'indicators.0.curve', 'indicators.1.basePoints', 'indicators.2.maxPoints', 'indicators.3.code', 'indicators.3.curve', 'indicators.3.maxPoints']));
  });
  it('refuses a curve outside the metric’s range or with unordered steps', () => {
    const share = (curve: IndicatorInput['curve']) => templateProblems([{ ...ok[0]!, curve }, ok[1]!, ok[2]!]).map((x) => x.field);
    expect(share({ kind: 'linear', zeroAt: 60, fullAt: 100 })).toEqual(['indicators.0.curve']);
    expect(share({ kind: 'linear', zeroAt: 0.5, fullAt: 0.5 })).toEqual(['indicators.0.curve']);
    expect(share({ kind: 'steps', steps: [{ from: 0.8, share: 1 }, { from: 0.5, share: 0.5 }] })).toEqual(['indicators.0.curve']);
  });
});

describe('indicator points', () => {
  it('linear: 0 at zeroAt, max at fullAt, clamped, in between proportional', () => {
    const c: IndicatorCurve = { kind: 'linear', zeroAt: 0.6, fullAt: 1 };
    expect(curvePoints(c, 10, 0.5)).toBe(0);
    expect(curvePoints(c, 10, 0.6)).toBe(0);
    expect(curvePoints(c, 10, 0.9)).toBe(7.5);
    expect(curvePoints(c, 10, 1)).toBe(10);
    // 0.8333… of the way → 8.33
    expect(curvePoints(c, 10, 0.9333333)).toBe(8.33);
  });
  it('linear deduction: zeroAt above fullAt (more upheld accountability records, fewer points)', () => {
    const c: IndicatorCurve = { kind: 'linear', zeroAt: 4, fullAt: 0 };
    expect(curvePoints(c, 8, 0)).toBe(8);
    expect(curvePoints(c, 8, 1)).toBe(6);
    expect(curvePoints(c, 8, 9)).toBe(0);
  });
  it('steps: the highest step reached; nothing counted → emptyPoints or the max', () => {
    const c: IndicatorCurve = { kind: 'steps', steps: [{ from: 1, share: 0.5 }, { from: 3, share: 1 }] };
    expect(curvePoints(c, 6, 0)).toBe(0);
    expect(curvePoints(c, 6, 2)).toBe(3);
    expect(curvePoints(c, 6, 3)).toBe(6);
    expect(curvePoints(c, 6, null)).toBe(6);
    expect(curvePoints({ ...c, emptyPoints: 2 }, 6, null)).toBe(2);
  });
  it('evidence: base (default max) plus additions and deductions, clamped to [0, max]', () => {
    expect(evidencePoints(10, null, [-2, -1.5])).toBe(6.5);
    expect(evidencePoints(10, 6, [3])).toBe(9);
    expect(evidencePoints(10, 6, [8])).toBe(10);
    expect(evidencePoints(10, null, [-12])).toBe(0);
  });
});

describe('mass, final, grade', () => {
  it('mass = 100 × (0.6 S + 0.4 C); one source alone; none → cannot be graded', () => {
    // answers 5, 4, 3 → S = (1 + 0.75 + 0.5) / 3 = 0.75; ratings 5, 3 → C = (1 + 0.5) / 2 = 0.75 ... choose unequal:
    const S = [5, 4, 4, 2].map(normalized); // 1, .75, .75, .25 → mean .6875
    const C = [5, 1].map(normalized); // 1, 0 → mean .5
    const m = massScore({ surveySum: S.reduce((a, b) => a + b), surveyCount: 4, ratingSum: C.reduce((a, b) => a + b), ratingCount: 2 }, 60);
    expect(m.s).toBeCloseTo(0.6875);
    expect(m.c).toBeCloseTo(0.5);
    expect(m.score).toBe(61.25); // 100 × (0.6 × 0.6875 + 0.4 × 0.5) = 41.25 + 20
    expect(massScore({ surveySum: 0, surveyCount: 0, ratingSum: 1.5, ratingCount: 2 }, 60).score).toBe(75);
    expect(massScore({ surveySum: 0, surveyCount: 0, ratingSum: 0, ratingCount: 0 }, 60).score).toBeNull();
  });
  it('final = 0.2 self + 0.5 mass + 0.3 org; weights must sum to 100 with mass the largest', () => {
    expect(finalScore(95, 88, 91, { self: 20, mass: 50, org: 30 })).toBe(90.3); // 19 + 44 + 27.3
    expect(weightsValid({ self: 20, mass: 50, org: 30 })).toBe(true);
    expect(weightsValid({ self: 35, mass: 35, org: 30 })).toBe(false);
    expect(weightsValid({ self: 20, mass: 50, org: 20 })).toBe(false);
  });
  it('grades by thresholds; a veto is lagging whatever the score', () => {
    expect(gradeOf(90, false, t)).toBe('advanced');
    expect(gradeOf(89.99, false, t)).toBe('good');
    expect(gradeOf(60, false, t)).toBe('average');
    expect(gradeOf(59.99, false, t)).toBe('lagging');
    expect(gradeOf(99, true, t)).toBe('lagging');
  });
  it('advanced quota: only the best keep advanced — final, then mass, then org score — the rest are good', () => {
    const rows = [
      { orgId: 'a', orgCode: 'A', final: 93, mass: 90, org: 95, veto: false },
      { orgId: 'b', orgCode: 'B', final: 92, mass: 91, org: 90, veto: false },
      { orgId: 'c', orgCode: 'C', final: 92, mass: 93, org: 80, veto: false },
      { orgId: 'd', orgCode: 'D', final: 95, mass: 96, org: 96, veto: true },
      { orgId: 'e', orgCode: 'E', final: 70, mass: 70, org: 70, veto: false },
      { orgId: 'f', orgCode: 'F', final: null, mass: null, org: 80, veto: false },
    ];
    // 5 graded orgs × 40 % = 2 advanced places: a (93), then c before b (equal 92, c has the higher mass score)
    const g = Object.fromEntries(gradeRound(rows, t, 40).map((x) => [x.orgId, x]));
    expect(g.a!.grade).toBe('advanced');
    expect(g.c!.grade).toBe('advanced');
    expect(g.b).toMatchObject({ grade: 'good', demotedByQuota: true });
    expect(g.d!.grade).toBe('lagging');
    expect(g.e!.grade).toBe('average');
    expect(g.f).toMatchObject({ grade: null, rank: null });
    // ranks in the same order, the vetoed org last whatever its score
    expect([g.a!.rank, g.c!.rank, g.b!.rank, g.e!.rank, g.d!.rank]).toEqual([1, 2, 3, 4, 5]);
    // no limit
    expect(gradeRound(rows, t, 100).find((x) => x.orgId === 'b')!.grade).toBe('advanced');
  });
  it('rounds half away from zero to 2 decimals', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(90.294999)).toBe(90.29);
  });
});

describe('one org’s sheet', () => {
  const indicators: SheetIndicatorInput[] = [
    { id: 'c', method: 'computed', maxPoints: 40, basePoints: null },
    { id: 'e', method: 'evidence', maxPoints: 60, basePoints: 50 },
    { id: 'v', method: 'veto', maxPoints: 0, basePoints: null },
  ];
  it('computed in both stages; evidence per stage; veto only from the org stage; withdrawn entries do not count', () => {
    const r = scoreSheet(indicators, new Map([['c', 31.5]]), [
      { indicatorId: 'e', stage: 'self', kind: 'adjust', delta: 8, withdrawn: false },
      { indicatorId: 'e', stage: 'org', kind: 'adjust', delta: -6, withdrawn: false },
      { indicatorId: 'e', stage: 'org', kind: 'adjust', delta: -20, withdrawn: true },
      { indicatorId: 'v', stage: 'org', kind: 'veto', delta: null, withdrawn: true },
    ], []);
    expect(r.self).toBe(89.5); // 31.5 + 58
    expect(r.org).toBe(75.5); // 31.5 + 44
    expect(r.veto).toBe(false);
  });
  it('a decided change replaces the org-stage points (the latest decision wins); a changed veto contest lifts the veto', () => {
    const r = scoreSheet(indicators, new Map([['c', 31.5]]), [
      { indicatorId: 'e', stage: 'org', kind: 'adjust', delta: -6, withdrawn: false },
      { indicatorId: 'v', stage: 'org', kind: 'veto', delta: null, withdrawn: false },
    ], [
      { indicatorId: 'e', state: 'changed', newPoints: 50, decidedAt: 1 },
      { indicatorId: 'e', state: 'changed', newPoints: 55, decidedAt: 2 },
      { indicatorId: 'e', state: 'pending', newPoints: null, decidedAt: null },
    ]);
    expect(r.points.get('e')).toMatchObject({ org: 44, contested: 55 });
    expect(r.org).toBe(86.5);
    expect(r.veto).toBe(true);
    const lifted = scoreSheet(indicators, new Map([['c', 31.5]]), [{ indicatorId: 'v', stage: 'org', kind: 'veto', delta: null, withdrawn: false }], [
      { indicatorId: 'v', state: 'changed', newPoints: 0, decidedAt: 3 },
    ]);
    expect(lifted.veto).toBe(false);
  });
});
