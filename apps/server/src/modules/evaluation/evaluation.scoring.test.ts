// THE acceptance test of issue 11: a small county built by hand (a township with 3 villages), a template with
// indicators of each method, survey answers and case ratings with known means; a round opened through the API,
// self-evaluated, scored, vetoed, snapshotted, recomputed, published, contested, finalized. Every stage score,
// final score and grade is asserted against values worked out HERE from the rules of the issue text — the
// arithmetic is written out below, never taken from evaluation.rules.ts.
//
// Rules used (issue 11 "Rules"):
//   computed points  linear: max × (value − zeroAt) / (fullAt − zeroAt), clamped; steps: max × share of the highest step reached
//   evidence points  base (default max) + additions − deductions, clamped to [0, max]
//   self, org        the sum of the indicator points of that stage (computed indicators count in both)
//   mass             100 × (0.6 × S + 0.4 × C), S = mean (answer − 1)/4, C = mean (rating − 1)/4 of independent ratings;
//                    one source only: that source alone
//   final            0.2 × self + 0.5 × mass + 0.3 × org
//   grade            advanced ≥ 90, good ≥ 80, average ≥ 60, lagging < 60 or any veto; at most ⌊34 % × 3⌋ = 1 advanced,
//                    ties broken by the higher mass score
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { IndicatorInput, RecomputePreview, RoundView, TargetList, TargetRow, TargetSheet } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

let t: TestContext;
let county: Session, evaluator: Session;
const v: Record<'A' | 'B' | 'C', { id: string; path: string; name: string; session: Session; userId: string }> = {} as never;
let township: { id: string; path: string; userId: string };
let roundId: string;
let ind: Record<string, string>;
/** the round's year: last year, so every record lies in the past */
const year = Number(shanghaiToday().slice(0, 4)) - 1;
const round2 = (x: number) => Math.round(x * 100) / 100;
const at = (month: number, day: number, hour = 10) => new Date(Date.UTC(year, month - 1, day, hour - 8));

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const file = { name: '现场照片.png', mime: 'image/png', data: PNG.toString('base64') };

const TEMPLATE: IndicatorInput[] = [
  { code: 'C1', group: 'performance', name: '最多跑一次办件占比', maxPoints: 20, method: 'computed', metric: 'caseOneTripShare', curve: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } },
  { code: 'C2', group: 'performance', name: '办件按时办结率', maxPoints: 10, method: 'computed', metric: 'caseOnTimeRate', curve: { kind: 'steps', steps: [{ from: 0.5, share: 0.5 }, { from: 1, share: 1 }] } },
  { code: 'E1', group: 'leadership', name: '班子建设档案', maxPoints: 40, method: 'evidence', basePoints: 30 },
  { code: 'E2', group: 'institutions', name: '制度执行台账', maxPoints: 30, method: 'evidence' },
  { code: 'X1', group: 'performance', name: '发生群体性事件', maxPoints: 0, method: 'veto' },
];

// ---- the records, by hand ----

let caseNo = 0;
interface CaseSpec { trips: number; onTime: boolean; rating?: number; by?: 'resident' | 'township' | 'self' }
async function addCase(village: keyof typeof v, c: CaseSpec, received = at(3, 2)) {
  const o = v[village];
  const due = new Date(received.getTime() + 5 * 86_400_000);
  const done = new Date(c.onTime ? received.getTime() + 2 * 86_400_000 : due.getTime() + 3 * 86_400_000);
  const rater = c.by === 'township' ? { source: 'callback', by: township.userId, path: township.path }
    : c.by === 'self' ? { source: 'callback', by: o.userId, path: o.path } : { source: 'resident', by: null, path: null };
  caseNo++;
  await t.database.db.execute(sql`
    insert into cases (county_id, id, number, tracking_code, category, title, description, channel, org_id, org_path, state, owner_tier, owner_org_id, owner_path,
                       received_at, due_at, mode, reply, replied_at, closed_at, trips, rating, rated_at, rating_source, rated_by, rater_path)
    values (${countyId}::uuid, ${uuidv7()}::uuid, ${`${year}-9${String(caseNo).padStart(5, '0')}`}, ${`T${year}${String(caseNo).padStart(6, '0')}`}, 'general',
            ${`测试办件 ${caseNo}`}, '考评测试', 'counter', ${o.id}::uuid, ${o.path}::ltree, 'closed', 'village', ${o.id}::uuid, ${o.path}::ltree,
            ${received}, ${due}, 'promised', '已办结', ${done}, ${done}, ${c.trips},
            ${c.rating ?? null}, ${c.rating ? done : null}, ${c.rating ? rater.source : null}, ${c.rating ? rater.by : null}::uuid,
            ${c.rating ? rater.path : null}::ltree)`);
}
/** a township draw (a level above the villages) and one response per list of answers */
async function addSurvey(village: keyof typeof v, answers: number[][]) {
  const o = v[village];
  const drawId = uuidv7();
  const households = answers.map(() => uuidv7());
  const keys = ['q1', 'q2', 'q3', 'q4', 'q5'];
  await t.database.db.execute(sql`
    insert into survey_draws (county_id, id, level, org_id, org_path, title, sample_size, strata, seed, algorithm, input_hash, household_ids, questions, created_by, created_at)
    values (${countyId}::uuid, ${drawId}::uuid, 'township', ${township.id}::uuid, ${township.path}::ltree, ${`${year} 年三级入户走访 ${o.name}`}, ${answers.length},
            ${JSON.stringify([{ orgId: o.id, population: 50, drawn: answers.length }])}::jsonb, 'seed', 'sha256-fisher-yates', 'x',
            ${`{${households.join(',')}}`}::uuid[], ${JSON.stringify(keys.map((k) => ({ key: k, text: k })))}::jsonb, ${township.userId}::uuid, ${at(4, 1)})`);
  for (const [i, a] of answers.entries()) {
    await t.database.db.execute(sql`
      insert into survey_responses (county_id, id, draw_id, household_id, org_path, visitor_id, answers, answered_at)
      values (${countyId}::uuid, ${uuidv7()}::uuid, ${drawId}::uuid, ${households[i]}::uuid, ${o.path}::ltree, ${township.userId}::uuid,
              ${JSON.stringify(Object.fromEntries(a.map((x, k) => [keys[k], x])))}::jsonb, ${at(4, 3 + i)})`);
  }
}

let countyId: string;
const rowOf = async (village: keyof typeof v): Promise<TargetRow> =>
  ((await call(t.app, county, 'GET', `/api/evaluation/rounds/${roundId}/targets`)).body as TargetList).items.find((r) => r.orgId === v[village].id)!;
const sheet = async (s: Session, village: keyof typeof v) => (await call(t.app, s, 'GET', `/api/evaluation/rounds/${roundId}/orgs/${v[village].id}`)).body as TargetSheet;
const entry = (s: Session, village: keyof typeof v, body: Record<string, unknown>) =>
  call(t.app, s, 'POST', `/api/evaluation/rounds/${roundId}/orgs/${v[village].id}/entries`, { kind: 'adjust', reason: '查阅档案痕迹材料', way: 'check', file, ...body });
const submit = (s: Session, village: keyof typeof v, stage: 'self' | 'org') =>
  call(t.app, s, 'POST', `/api/evaluation/rounds/${roundId}/orgs/${v[village].id}/submit`, { stage });
const advance = (to: string) => call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/advance`, { to });

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  evaluator = await login(t.app, 'demo-evaluator');
  countyId = rowsOf<{ county_id: string }>(await t.database.db.execute(sql`select county_id from orgs where code = 'SFX'`))[0]!.county_id;
  const org = async (body: Record<string, unknown>) => {
    const r = await call(t.app, county, 'POST', '/api/orgs', body);
    expect(r.status).toBe(201);
    return r.body as { id: string; path: string; name: string };
  };
  const user = async (username: string, displayName: string, role: string, orgId: string) => {
    expect((await call(t.app, county, 'POST', '/api/users', { username, displayName, role, orgId, password: 'Kao-Ping-2026x' })).status).toBe(201);
    return rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from users where username = ${username}`))[0]!.id;
  };
  const tw = await org({ parentId: d.byCode('SFX').id, name: '中共考评乡委员会', code: 'SFX-KP', tier: 'township', level: 'committee', sector: 'rural' });
  township = { id: tw.id, path: tw.path, userId: await user('kp-township', '考评乡党委 孙立', 'townshipAdmin', tw.id) };
  for (const [k, name] of [['A', '甲村'], ['B', '乙村'], ['C', '丙村']] as const) {
    const o = await org({ parentId: tw.id, name: `中共${name}支部委员会`, code: `SFX-KP-${k}`, tier: 'village', level: 'branch', sector: 'rural' });
    const userId = await user(`kp-${k.toLowerCase()}`, `${name}书记`, 'villageCadre', o.id);
    v[k] = { id: o.id, path: o.path, name: o.name, userId, session: await login(t.app, `kp-${k.toLowerCase()}`, 'Kao-Ping-2026x') };
  }

  // 甲村: 6 cases, all at most one trip and on time; ratings 5, 5, 5 (one by the township's callback), 4, 4 count —
  // the 1 recorded by the village's own account does not (a village must not rate its own work)
  for (const c of [
    { trips: 0, onTime: true, rating: 5 }, { trips: 1, onTime: true, rating: 5 }, { trips: 1, onTime: true, rating: 5, by: 'township' },
    { trips: 1, onTime: true, rating: 4 }, { trips: 0, onTime: true, rating: 4 }, { trips: 1, onTime: true, rating: 1, by: 'self' },
  ] as CaseSpec[]) await addCase('A', c);
  await addSurvey('A', [[5, 5, 5, 5, 5], [5, 5, 5]]);
  // 乙村: 5 cases, at most one trip, on time, rated 5, 5, 5, 4, 4; survey answers 5, 5, 5, 4, 4
  for (const rating of [5, 5, 5, 4, 4]) await addCase('B', { trips: 1, onTime: true, rating });
  await addSurvey('B', [[5, 5, 4], [5, 4]]);
  // 丙村: 4 cases with trips 0, 1, 1, 2, three on time, none rated; survey answers 3, 4, 4, 5
  for (const c of [{ trips: 0, onTime: true }, { trips: 1, onTime: true }, { trips: 1, onTime: false }, { trips: 2, onTime: true }]) await addCase('C', c);
  await addSurvey('C', [[3, 4], [4, 5]]);

  const tpl = await call(t.app, county, 'POST', '/api/evaluation/templates', { name: '考评乡村级指标', sector: 'rural', indicators: TEMPLATE });
  expect(tpl.status).toBe(201);
  ind = Object.fromEntries((tpl.body.indicators as { code: string; id: string }[]).map((i) => [i.code, i.id]));
  const evaluatorId = rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from users where username = 'demo-evaluator'`))[0]!.id;
  const r = await call(t.app, county, 'POST', '/api/evaluation/rounds', {
    year, title: `${year} 年度考评乡基层服务型党组织建设考评`, orgId: tw.id, templates: [{ sector: 'rural', templateId: tpl.body.id }],
    advancedQuotaPercent: 34, evaluatorIds: [evaluatorId],
  });
  expect(r.status).toBe(201);
  roundId = r.body.id;
});
afterAll(() => t.close());

// ---- the expected figures, worked out by hand ----
// C1 (linear 0.5 → 1, 20 points), C2 (steps: ≥ 0.5 half, = 1 full, 10 points)
//   甲村 one-trip 6/6 = 1 → 20; on time 6/6 = 1 → 10          乙村 5/5 → 20; 5/5 → 10
//   丙村 one-trip 3/4 = 0.75 → 20 × (0.75 − 0.5)/0.5 = 10; on time 3/4 = 0.75 → 10 × 0.5 = 5
const C1 = { A: 20, B: 20, C: round2(20 * (0.75 - 0.5) / 0.5) };
const C2 = { A: 10, B: 10, C: 10 * 0.5 };
// mass: 甲村 S = 8 answers of 5 → 1; C = ((5−1) + (5−1) + (5−1) + (4−1) + (4−1)) / 4 / 5 = 0.9 → 100 × (0.6 × 1 + 0.4 × 0.9) = 96
//       乙村 S = ((5−1) ×3 + (4−1) ×2) / 4 / 5 = 0.9; C = 0.9 → 90
//       丙村 S = ((3−1) + (4−1) + (4−1) + (5−1)) / 4 / 4 = 0.75; no rating → S alone → 75
const S = { A: 1, B: (4 * 3 + 3 * 2) / 4 / 5, C: (2 + 3 + 3 + 4) / 4 / 4 };
const Cr = { A: (4 + 4 + 4 + 3 + 3) / 4 / 5, B: (4 + 4 + 4 + 3 + 3) / 4 / 5 };
const MASS = { A: round2(100 * (0.6 * S.A + 0.4 * Cr.A)), B: round2(100 * (0.6 * S.B + 0.4 * Cr.B)), C: round2(100 * S.C) };
// self: 甲村, 乙村 add 10 to E1 (30 + 10 = 40), E2 stays 30; 丙村 enters nothing (E1 30, E2 30)
const SELF = { A: C1.A + C2.A + 40 + 30, B: C1.B + C2.B + 40 + 30, C: C1.C + C2.C + 30 + 30 };
// org: 甲村 E2 − 5 → 25 (E1 30); 乙村 E1 + 5 → 35 (E2 30); 丙村 E1 − 10 → 20 (E2 30) and a veto event
const ORG = { A: C1.A + C2.A + 30 + 25, B: C1.B + C2.B + 35 + 30, C: C1.C + C2.C + 20 + 30 };
const final = (self: number, mass: number, org: number) => round2(0.2 * self + 0.5 * mass + 0.3 * org);

describe('the annual evaluation, end to end (acceptance test of issue 11)', () => {
  it('opens the round: targets the three villages, the computed indicators and the mass evaluation already filled', async () => {
    const r = await advance('self');
    expect(r.status).toBe(200);
    expect((r.body as RoundView).progress.targets).toBe(3);
    const a = await sheet(v.A.session, 'A');
    const c1 = a.indicators.find((i) => i.code === 'C1')!;
    expect(c1.computed).toMatchObject({ value: 1, numerator: 6, denominator: 6, points: C1.A, frozen: false });
    const c = await sheet(county, 'C');
    expect(c.indicators.find((i) => i.code === 'C1')!.computed).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, points: C1.C });
    expect(c.indicators.find((i) => i.code === 'C2')!.computed).toMatchObject({ value: 0.75, denominator: 4, points: C2.C });
    expect(a.mass).toMatchObject({ surveyAnswers: 8, ratings: 5, ratingsExcluded: 1, s: S.A, c: Cr.A, score: MASS.A });
    expect(c.mass).toMatchObject({ surveyAnswers: 4, ratings: 0, c: null, score: MASS.C });
  });

  it('scores the self stage (each village its own) and the org stage (the evaluators), with a veto', async () => {
    for (const k of ['A', 'B'] as const) expect((await entry(v[k].session, k, { indicatorId: ind.E1, stage: 'self', delta: 10, reason: '班子会议记录齐全' })).status).toBe(201);
    for (const k of ['A', 'B', 'C'] as const) expect((await submit(v[k].session, k, 'self')).status).toBe(200);
    expect((await advance('massOrg')).status).toBe(200);
    expect((await entry(evaluator, 'A', { indicatorId: ind.E2, stage: 'org', delta: -5, reason: '查台账：部分月份记录缺失' })).status).toBe(201);
    expect((await entry(evaluator, 'B', { indicatorId: ind.E1, stage: 'org', delta: 5, reason: '走访群众：班子服务及时' })).status).toBe(201);
    expect((await entry(evaluator, 'C', { indicatorId: ind.E1, stage: 'org', delta: -10, reason: '查会议记录：班子长期不议事' })).status).toBe(201);
    expect((await entry(evaluator, 'C', { indicatorId: ind.X1, stage: 'org', kind: 'veto', reason: '因征地补偿发生聚集上访，处置不力' })).status).toBe(201);
    for (const k of ['A', 'B', 'C'] as const) expect((await submit(evaluator, k, 'org')).status).toBe(200);
  });

  it('freezes the snapshot at the review and shows every stage, final score and proposed grade as the rules give them', async () => {
    expect((await advance('review')).status).toBe(200);
    const a = await rowOf('A'), b = await rowOf('B'), c = await rowOf('C');
    expect([a.selfScore, a.massScore, a.orgScore]).toEqual([SELF.A, MASS.A, ORG.A]);   // 100, 96, 85
    expect([b.selfScore, b.massScore, b.orgScore]).toEqual([SELF.B, MASS.B, ORG.B]);   // 100, 90, 95
    expect([c.selfScore, c.massScore, c.orgScore]).toEqual([SELF.C, MASS.C, ORG.C]);   // 75, 75, 65
    // 甲村 0.2×100 + 0.5×96 + 0.3×85 = 93.5 and 乙村 0.2×100 + 0.5×90 + 0.3×95 = 93.5: equal finals, both ≥ 90; the quota
    // (⌊34 % × 3⌋ = 1) keeps one advanced: 甲村 by its higher mass score; 乙村 good
    expect(a.finalScore).toBe(final(SELF.A, MASS.A, ORG.A));
    expect(b.finalScore).toBe(final(SELF.B, MASS.B, ORG.B));
    expect(a.finalScore).toBe(93.5);
    expect(b.finalScore).toBe(a.finalScore);
    expect([a.proposedGrade, a.rank]).toEqual(['advanced', 1]);
    expect([b.proposedGrade, b.rank]).toEqual(['good', 2]);
    // 丙村 0.2×75 + 0.5×75 + 0.3×65 = 72 would be average; the veto makes it lagging, ranked last
    expect(c.finalScore).toBe(final(SELF.C, MASS.C, ORG.C));
    expect([c.veto, c.proposedGrade, c.rank, c.grade]).toEqual([true, 'lagging', 3, null]);
  });

  it('shows a recompute’s differences before replacing the snapshot, then re-scores', async () => {
    // a late case of 丙村 entered after the snapshot: 3 trips, on time
    await addCase('C', { trips: 3, onTime: true }, at(11, 20));
    expect((await rowOf('C')).selfScore).toBe(SELF.C);   // frozen: nothing moved
    const p = (await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/recompute/preview`)).body as RecomputePreview;
    // C1: one-trip 3/5 = 0.6 → 20 × 0.1/0.5 = 4; C2: on time 4/5 = 0.8 → still 10 × 0.5 = 5 (its denominator changed)
    const C1after = round2(20 * (0.6 - 0.5) / 0.5);
    expect(p.differences.map((d) => [d.orgName, d.indicatorName, d.before, d.after, d.beforeDenominator, d.afterDenominator])).toEqual([
      [v.C.name, 'C1 最多跑一次办件占比', C1.C, C1after, 4, 5],
      [v.C.name, 'C2 办件按时办结率', C2.C, C2.C, 4, 5],
    ]);
    expect(p.unchanged).toBe(3 * 2 + 3 - 2);
    expect((await rowOf('C')).selfScore).toBe(SELF.C);   // a preview writes nothing
    const applied = await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/recompute`, { token: p.token });
    expect(applied.status).toBe(200);
    const c = await rowOf('C');
    const self = C1after + C2.C + 30 + 30, org = C1after + C2.C + 20 + 30;
    expect([c.selfScore, c.orgScore, c.finalScore, c.proposedGrade]).toEqual([self, org, final(self, MASS.C, org), 'lagging']);
    // the same token again: the snapshot now holds those values, nothing differs, and the apply is audited with its differences
    const audit = rowsOf<{ detail: { differenceCount: number } }>(await t.database.db.execute(sql`
      select detail from audit_log where action = 'evaluation.recompute' and entity_id = ${roundId}`));
    expect(audit.map((x) => x.detail.differenceCount)).toEqual([2]);
    expect(((await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/recompute/preview`)).body as RecomputePreview).differences).toEqual([]);
    // recomputed in the test's arithmetic, 丙村's new figures
    ORG.C = org; SELF.C = self;
  });

  it('publishes the proposal (a person decides) and opens the contest window', async () => {
    const r = await advance('published');
    expect(r.status).toBe(200);
    expect(r.body.publishedAt).not.toBeNull();
    expect(r.body.contestUntil > shanghaiToday()).toBe(true);
    expect((await rowOf('A')).grade).toBe('advanced');
    expect((await rowOf('B')).grade).toBe('good');
    expect((await rowOf('C')).grade).toBe('lagging');
    expect(r.body.progress.grades).toEqual({ advanced: 1, good: 1, average: 0, lagging: 1 });
  });

  it('a contest that changes one indicator recomputes the final score and regrades the whole round', async () => {
    const filed = await call(t.app, v.B.session, 'POST', `/api/evaluation/rounds/${roundId}/orgs/${v.B.id}/contests`, {
      indicatorId: ind.E1, reason: '班子建设档案另有 3 次专题组织生活会记录未被查阅', file,
    });
    expect(filed.status).toBe(201);
    expect((await advance('final')).status).toBe(409);   // a contest is pending
    // the reviewer did not score 乙村's E1 (the evaluator did): E1 becomes 38 → org 20 + 10 + 38 + 30 = 98
    const decided = await call(t.app, county, 'POST', `/api/evaluation/contests/${filed.body.id}/decide`, { decision: 'changed', newPoints: 38, reason: '记录属实，予以加分' });
    expect(decided.status).toBe(200);
    const orgB = C1.B + C2.B + 38 + 30;
    const b = await rowOf('B'), a = await rowOf('A');
    // 乙村 0.2×100 + 0.5×90 + 0.3×98 = 94.4 > 甲村's 93.5: 乙村 takes the one advanced place, 甲村 good
    expect([b.orgScore, b.finalScore]).toEqual([orgB, final(SELF.B, MASS.B, orgB)]);
    expect(b.finalScore).toBe(94.4);
    expect([b.grade, b.rank, a.grade, a.rank]).toEqual(['advanced', 1, 'good', 2]);
    const final_ = await advance('final');
    expect(final_.status).toBe(200);
    expect(final_.body.state).toBe('final');
  });
});
