import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { ContestView, IndicatorInput, TargetSheet } from '@jiceng/contract';
import { call, login, type Session } from '../../../test/harness.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { dayOffset, evaluationFixture, png, type Fixture } from './evaluation.sheet.fixture.js';
import { finalScore, gradeOf } from './evaluation.rules.js';

const INDICATORS: IndicatorInput[] = [
  { code: 'E1', group: 'leadership', name: '班子建设档案', maxPoints: 30, method: 'evidence', basePoints: 20 },
  { code: 'E2', group: 'institutions', name: '制度上墙与执行', maxPoints: 20, method: 'evidence' },
  { code: 'C1', group: 'performance', name: '办件按时办结率', maxPoints: 50, method: 'computed', metric: 'caseOnTimeRate', curve: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } },
  { code: 'V1', group: 'leadership', name: '班子成员违纪违法', maxPoints: 0, method: 'veto' },
];

let f: Fixture;
let url: string;
let reviewer: Session;
const today = shanghaiToday();
const sheetOf = async (s: Session) => (await call(f.t.app, s, 'GET', url)).body as TargetSheet;
const contest = (s: Session, body: Record<string, unknown>, u = url) =>
  call(f.t.app, s, 'POST', `${u}/contests`, { reason: '会议记录在村档案室第 3 盒，现场未查阅', file: png('会议记录.png'), ...body });
const decide = (s: Session, id: string, body: Record<string, unknown>) => call(f.t.app, s, 'POST', `/api/evaluation/contests/${id}/decide`, { reason: '复核档案属实', ...body });

beforeAll(async () => {
  f = await evaluationFixture(INDICATORS, ['SFX-QS-QS', 'SFX-QS-SM'], 'massOrg');
  url = f.sheetUrl('SFX-QS-QS');
  const db = f.t.database.db;
  // a township's household survey in 青山村 (answers 5, 4, 5, 3): the mass evaluation has an input, so a final score exists
  const township = await f.userId('demo-township');
  const drawId = uuidv7();
  const qs = f.byCode('SFX-QS-QS');
  const households = [uuidv7(), uuidv7()];
  await db.execute(sql`insert into survey_draws (county_id, id, level, org_id, org_path, title, sample_size, strata, seed, algorithm, input_hash, household_ids, questions, created_by)
    values (${f.countyId}::uuid, ${drawId}::uuid, 'township', ${f.byCode('SFX-QS').id}::uuid, ${f.byCode('SFX-QS').path}::ltree, '青山乡入户问卷', 2,
            ${JSON.stringify([{ orgId: qs.id, population: 10, drawn: 2 }])}::jsonb, 'seed', 'test', 'hash', ${`{${households.join(',')}}`}::uuid[],
            ${JSON.stringify([{ key: 'q1', text: '满意度' }, { key: 'q2', text: '服务态度' }])}::jsonb, ${township}::uuid)`);
  for (const [h, answers] of [[households[0], { q1: 5, q2: 4 }], [households[1], { q1: 5, q2: 3 }]] as const) {
    await db.execute(sql`insert into survey_responses (county_id, id, draw_id, household_id, org_path, visitor_id, answers, answered_at)
      values (${f.countyId}::uuid, ${uuidv7()}::uuid, ${drawId}::uuid, ${h}::uuid, ${qs.path}::ltree, ${township}::uuid, ${JSON.stringify(answers)}::jsonb, now())`);
  }
  // the evaluator deducts on E1, the county itself scores E2 (so it may not decide a contest of E2)
  expect((await call(f.t.app, f.evaluator, 'POST', `${url}/entries`, { indicatorId: f.ind('E1'), stage: 'org', kind: 'adjust', delta: -10, reason: '会议记录缺 3 次', file: png() })).status).toBe(201);
  expect((await call(f.t.app, f.county, 'POST', `${url}/entries`, { indicatorId: f.ind('E2'), stage: 'org', kind: 'adjust', delta: -5, reason: '制度未上墙', file: png() })).status).toBe(201);
  await f.setRound({ state: 'published', published: true, contestUntil: dayOffset(today, 5), snapshot: true });
  await f.recompute();
  expect((await call(f.t.app, f.county, 'POST', '/api/users', { username: 'reviewer', displayName: '县委组织部 复核人 孙丽', role: 'countyAdmin', orgId: f.byCode('SFX').id, password: 'Review-er-2026x' })).status).toBe(201);
  reviewer = await login(f.t.app, 'reviewer', 'Review-er-2026x');
});
afterAll(() => f.t.close());

let e1: ContestView, e2: ContestView;
describe('contests (申诉)', () => {
  it('explains the mass score by the township survey it was computed from (answers 5, 4, 5, 3: S = 0.8125, no rating)', async () => {
    const r = await call(f.t.app, f.village, 'GET', `${url}/mass/explain`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.mass).toMatchObject({ surveyAnswers: 4, ratings: 0, s: 0.8125, c: null, score: 81.25 });
    expect(r.body.total).toBe(2);
    expect(r.body.records.map((m: { kind: string; counted: boolean }) => [m.kind, m.counted])).toEqual([['survey', true], ['survey', true]]);
    expect((await sheetOf(f.village)).target.massScore).toBe(81.25);
  });

  it('is offered to the org itself during the window', async () => {
    expect((await sheetOf(f.village)).can.contest).toBe(true);
    expect((await sheetOf(f.county)).can.contest).toBe(false);
  });

  it('refuses another org (404 for another village, 403 for the township) and a contest without evidence', async () => {
    expect((await contest(f.shimen, { indicatorId: f.ind('E1') })).status).toBe(404);
    const township = await contest(f.township, { indicatorId: f.ind('E1') });
    expect(township.status).toBe(403);
    expect(township.body.error.code).toBe('evaluation.ownOrgOnly');
    const noEvidence = await contest(f.village, { indicatorId: f.ind('E1'), file: undefined });
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.body.error.fields).toHaveProperty('file');
    expect((await call(f.t.app, f.county, 'GET', '/api/evaluation/contests')).body.items).toEqual([]);
  });

  it('refuses a contest after the window, naming its last day', async () => {
    await f.setRound({ contestUntil: dayOffset(today, -1) });
    const late = await contest(f.village, { indicatorId: f.ind('E1') });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('evaluation.contestWindow');
    expect(late.body.error.message).toContain(dayOffset(today, -1));
    expect((await sheetOf(f.village)).can.contest).toBe(false);
    await f.setRound({ contestUntil: dayOffset(today, 5) });
  });

  it('files one contest per indicator with the points contested', async () => {
    const r = await contest(f.village, { indicatorId: f.ind('E1') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    e1 = r.body;
    expect(e1).toMatchObject({ state: 'pending', pointsBefore: 10, indicatorName: '班子建设档案', filerName: '青山村书记 张德明' });
    expect(e1.scorerIds).toEqual([await f.userId('demo-evaluator')]);
    expect(e1.file!.name).toBe('会议记录.png');
    const twice = await contest(f.village, { indicatorId: f.ind('E1') });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('evaluation.contestDuplicate');
    e2 = (await contest(f.village, { indicatorId: f.ind('E2') })).body;
    expect(e2.pointsBefore).toBe(15);
  });

  it('lists the county’s contests for the county, its own for the village, none for another village', async () => {
    expect((await call(f.t.app, f.county, 'GET', '/api/evaluation/contests')).body.items).toHaveLength(2);
    expect((await call(f.t.app, f.village, 'GET', '/api/evaluation/contests?state=pending')).body.items).toHaveLength(2);
    expect((await call(f.t.app, f.shimen, 'GET', '/api/evaluation/contests')).body.items).toEqual([]);
  });

  it('is not decided by someone who scored the indicator, nor by an account without evaluation.manage', async () => {
    const byScorer = await decide(f.county, e2.id, { decision: 'upheld' });
    expect(byScorer.status).toBe(403);
    expect(byScorer.body.error.code).toBe('evaluation.contestReviewer');
    expect((await decide(f.evaluator, e1.id, { decision: 'upheld' })).status).toBe(403);
    expect((await decide(f.village, e1.id, { decision: 'upheld' })).status).toBe(403);
  });

  it('refuses new points outside [0, max], changing nothing', async () => {
    for (const body of [{ decision: 'changed', newPoints: 31 }, { decision: 'changed' }]) {
      const r = await decide(reviewer, e1.id, body);
      expect(r.status).toBe(422);
      expect(r.body.error.fields).toEqual({ newPoints: '分值须在 0 到 30 之间' });
    }
    expect((await call(f.t.app, f.county, 'GET', '/api/evaluation/contests?state=pending')).body.items).toHaveLength(2);
  });

  it('changed: the org score, the final score and the published grade are recomputed; audited on the explanation', async () => {
    const before = (await sheetOf(f.county)).target;
    expect(before.finalScore).not.toBeNull();
    const r = await decide(reviewer, e1.id, { decision: 'changed', newPoints: 28 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'changed', newPoints: 28, deciderName: '县委组织部 复核人 孙丽' });
    const s = await sheetOf(f.county);
    const ind = s.indicators.find((i) => i.code === 'E1')!;
    expect(ind).toMatchObject({ orgPoints: 10, contestedPoints: 28 });
    const t = s.target;
    expect(t.orgScore).toBe(Math.round((before.orgScore! + 18) * 100) / 100);
    expect(t.finalScore).toBe(finalScore(t.selfScore!, t.massScore!, t.orgScore!, s.round.weights));
    expect(t.finalScore).not.toBe(before.finalScore);
    expect(t.grade).toBe(gradeOf(t.finalScore!, t.veto, s.round.thresholds));
    const x = await call(f.t.app, f.village, 'GET', `${url}/indicators/${f.ind('E1')}/explain`);
    expect(x.status).toBe(200);
    expect(x.body.history.map((h: { action: string }) => h.action)).toEqual(['evaluation.entry', 'evaluation.contest', 'evaluation.contestDecide']);
    expect(x.body.contests[0]).toMatchObject({ state: 'changed', newPoints: 28 });
  });

  it('is decided once (409 the second time); upheld changes nothing', async () => {
    const again = await decide(reviewer, e1.id, { decision: 'upheld' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('evaluation.contestDecided');
    const before = (await sheetOf(f.county)).target.finalScore;
    expect((await decide(reviewer, e2.id, { decision: 'upheld' })).body.state).toBe('upheld');
    expect((await sheetOf(f.county)).target.finalScore).toBe(before);
  });

  it('files one contest when the same indicator is contested twice at once', async () => {
    const both = await Promise.all([contest(f.village, { indicatorId: f.ind('C1') }), contest(f.village, { indicatorId: f.ind('C1') })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await call(f.t.app, f.county, 'GET', '/api/evaluation/contests?state=pending')).body.items).toHaveLength(1);
  });
});
