import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS, METRIC_INFO, type IndicatorExplanation, type IndicatorInput, type MassExplanation, type Metric, type TargetSheet } from '@jiceng/contract';
import { call } from '../../../test/harness.js';
import { evaluationFixture, png, type Fixture } from './evaluation.sheet.fixture.js';

// every metric of the platform, 5 points each (65), plus one evidence indicator (35) and a veto item
const curveOf = (m: Metric): IndicatorInput['curve'] => {
  const unit = METRIC_INFO[m].unit;
  if (unit === 'share') return { kind: 'linear', zeroAt: 0, fullAt: 1 };
  if (unit === 'rating') return { kind: 'linear', zeroAt: 1, fullAt: 5 };
  return m === 'accountabilityUpheld' ? { kind: 'linear', zeroAt: 3, fullAt: 0 } : { kind: 'steps', steps: [{ from: 1, share: 0.5 }, { from: 4, share: 1 }] };
};
const INDICATORS: IndicatorInput[] = [
  ...METRICS.map((m, i): IndicatorInput => ({ code: `C${i + 1}`, group: 'performance', name: METRIC_INFO[m].label['zh-CN'], maxPoints: 5, method: 'computed', metric: m, curve: curveOf(m) })),
  { code: 'E1', group: 'leadership', name: '班子建设档案', maxPoints: 35, method: 'evidence', basePoints: 30 },
  { code: 'V1', group: 'leadership', name: '班子成员违纪违法', maxPoints: 0, method: 'veto' },
];

let f: Fixture;
let url: string;
let openCase: string;
const reply = (id: string) => call(f.t.app, f.village, 'POST', `/api/cases/${id}/reply`, { mode: 'direct', text: '已派人现场处理完毕' });
const explain = async (code: string, q = '') => {
  const r = await call(f.t.app, f.county, 'GET', `${url}/indicators/${f.ind(code)}/explain${q}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as IndicatorExplanation;
};
const newCase = (title: string) =>
  call(f.t.app, f.village, 'POST', '/api/cases', { category: 'housing', title, description: `${title}，请村里协调处理`, channel: 'phone' });

beforeAll(async () => {
  f = await evaluationFixture(INDICATORS, ['SFX-QS-QS', 'SFX-QS-SM'], 'self');
  url = f.sheetUrl('SFX-QS-QS');
  // a few records of the year in 青山村, so some metrics count something
  const ids: string[] = [];
  for (const title of ['河道垃圾堆积', '路灯不亮', '低保咨询']) {
    const c = await newCase(title);
    expect(c.status).toBe(201);
    ids.push(c.body.id);
  }
  // two answered (counted by the case metrics), one still open (answered after the snapshot below)
  for (const id of ids) expect((await call(f.t.app, f.village, 'POST', `/api/cases/${id}/accept`, {})).status).toBe(200);
  for (const id of ids.slice(0, 2)) expect((await reply(id)).status).toBe(200);
  openCase = ids[2]!;
  // the village's secretary (三个一, rotation)
  const m = await call(f.t.app, f.county, 'POST', '/api/members', { orgId: f.byCode('SFX-QS-QS-B1').id, name: '张德明', status: 'formal' });
  expect(m.status, JSON.stringify(m.body)).toBe(201);
  const p = await call(f.t.app, f.county, 'POST', `/api/members/${m.body.id}/positions`, { kind: 'secretary', orgId: f.byCode('SFX-QS-QS').id, startedOn: '2018-01-01' });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  expect((await call(f.t.app, f.county, 'POST', '/api/bodies', { orgId: f.byCode('SFX-QS-QS').id, kind: 'deliberationCouncil', name: '青山村村民议事会', leaderName: '张德明' })).status).toBe(201);
  await f.recompute();
});
afterAll(() => f.t.close());

describe('the explanation of an indicator', () => {
  it('lists, for every computed indicator of the sheet, the records the metric counted: as many as its denominator', async () => {
    const sheet = (await call(f.t.app, f.county, 'GET', url)).body as TargetSheet;
    const computed = sheet.indicators.filter((i) => i.method === 'computed');
    expect(computed).toHaveLength(METRICS.length);
    const denominator = (m: Metric) => computed.find((i) => i.metric === m)!.computed!.denominator;
    expect([denominator('caseOnTimeRate'), denominator('caseOneTripShare'), denominator('threeOnesCompletion'), denominator('secretaryTrained')]).toEqual([2, 2, 1, 1]);
    for (const ind of computed) {
      const x = await explain(ind.code);
      expect(x.computed, ind.code).toEqual(ind.computed);
      expect(x.total, `${ind.metric}: records ${x.total}, denominator ${ind.computed!.denominator}`).toBe(ind.computed!.denominator);
      expect(x.records).toHaveLength(Math.min(x.total, 500));
      expect(x.liveDenominator).toBeNull();
      expect(x.rule.length).toBeGreaterThan(10);
      expect(x.selfPoints).toBe(ind.computed!.points);
      if (ind.metric === 'caseOnTimeRate' || ind.metric === 'caseOneTripShare') {
        expect(x.records.filter((r) => r.hit).length, ind.metric).toBe(ind.computed!.numerator);
      }
    }
  });

  it('pages the records: the total stays the denominator', async () => {
    const code = INDICATORS[METRICS.indexOf('caseOnTimeRate')]!.code;
    const all = await explain(code);
    const first = await explain(code, '?limit=1');
    expect(first.total).toBe(all.total);
    expect(first.records.length).toBe(Math.min(1, all.total));
    if (all.total > 1) expect((await explain(code, '?offset=1&limit=1')).records[0]).toEqual(all.records[1]);
  });

  it('explains an evidence indicator: the rule with the round’s numbers, the entries with evidence, who did what when', async () => {
    expect((await call(f.t.app, f.village, 'POST', `${url}/entries`, { indicatorId: f.ind('E1'), stage: 'self', kind: 'adjust', delta: 3, reason: '班子会议记录齐全', file: png() })).status).toBe(201);
    const x = await explain('E1');
    expect(x.rule).toContain('基础分 30 分（满分 35 分）');
    expect(x.rule).toContain('20%');
    expect(x).toMatchObject({ selfPoints: 33, orgPoints: 30, contestedPoints: null, computed: null, records: [], total: 0 });
    expect(x.entries).toHaveLength(1);
    expect(x.history).toHaveLength(1);
    expect(x.history[0]).toMatchObject({ action: 'evaluation.entry', actorName: '青山村书记 张德明' });
    expect(x.history[0]!.detail).toMatchObject({ indicatorId: f.ind('E1'), delta: 3 });
    expect((await explain('V1')).rule).toContain('一票否决');
  });

  it('is hidden outside the caller’s scope, and 404 for an indicator of no template of the org', async () => {
    expect((await call(f.t.app, f.shimen, 'GET', `${url}/indicators/${f.ind('E1')}/explain`)).status).toBe(404);
    expect((await call(f.t.app, f.county, 'GET', `${url}/indicators/0190d000-0000-7000-8000-000000000000/explain`)).status).toBe(404);
  });

  it('after the snapshot the computed values stay frozen; a live recount that differs is shown beside them', async () => {
    const sheet = (await call(f.t.app, f.county, 'GET', url)).body as TargetSheet;
    await f.setRound({ state: 'review', snapshot: true });
    expect((await reply(openCase)).status).toBe(200);
    await f.recompute();
    for (const ind of sheet.indicators.filter((i) => i.method === 'computed')) {
      const x = await explain(ind.code);
      expect(x.computed!.frozen).toBe(true);
      expect(x.computed!.denominator, ind.code).toBe(ind.computed!.denominator);
      expect(x.liveDenominator).toBe(x.total === ind.computed!.denominator ? null : x.total);
      // the third case was answered after the snapshot: the live list has one more than the frozen denominator
      if (ind.metric === 'caseOnTimeRate') expect(x.liveDenominator).toBe(ind.computed!.denominator + 1);
    }
  });
});

describe('the explanation of the mass evaluation', () => {
  it('lists every survey response and rating considered, with the rule and the round’s shares', async () => {
    const r = await call(f.t.app, f.county, 'GET', `${url}/mass/explain`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const x = r.body as MassExplanation;
    expect(x.orgName).toBe(f.byCode('SFX-QS-QS').name);
    expect(x.rule).toContain('0.6 × S + 0.4 × C');
    expect(x.records).toHaveLength(Math.min(x.total, 500));
    expect(x.records.filter((m) => m.counted && m.kind === 'survey').length).toBeLessThanOrEqual(x.mass.surveyAnswers);
    expect((await call(f.t.app, f.shimen, 'GET', `${url}/mass/explain`)).status).toBe(404);
  });
});
