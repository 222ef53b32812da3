import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { IndicatorInput, RoundView, TargetList } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

let t: TestContext;
let county: Session, township: Session, village: Session, shimen: Session, evaluator: Session;
let byCode: (c: string) => { id: string; name: string };
let rural: string, community: string, evaluatorId: string, villageUserId: string;
const year = Number(shanghaiToday().slice(0, 4));

const INDICATORS: IndicatorInput[] = [
  { code: 'A1', group: 'leadership', name: '班子建设', maxPoints: 60, method: 'evidence' },
  { code: 'F1', group: 'performance', name: '服务业绩', maxPoints: 40, method: 'evidence', basePoints: 30 },
  { code: 'X1', group: 'performance', name: '群体性事件', maxPoints: 0, method: 'veto' },
];
const template = async (sector: string) =>
  (await call(t.app, county, 'POST', '/api/evaluation/templates', { name: `${sector} 指标`, sector, indicators: INDICATORS })).body.id as string;
const roundBody = (over: Record<string, unknown> = {}) => ({
  year, title: `${year} 年度基层服务型党组织建设考评`,
  templates: [{ sector: 'rural', templateId: rural }, { sector: 'community', templateId: community }],
  evaluatorIds: [evaluatorId], ...over,
});
const userId = async (username: string) =>
  rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from users where username = ${username}`))[0]!.id;
const advance = (s: Session, id: string, to: string) => call(t.app, s, 'POST', `/api/evaluation/rounds/${id}/advance`, { to });
const xlsx = (s: Session) => t.app.inject({ method: 'GET', url: `/api/evaluation/rounds/${roundId}/export.xlsx`, headers: { cookie: s.cookie } });
const targetsOf = async (s: Session, id: string, q = '') => (await call(t.app, s, 'GET', `/api/evaluation/rounds/${id}/targets${q}`)).body as TargetList;

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode;
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  [township, village, shimen, evaluator] = await Promise.all([
    login(t.app, 'demo-township'), login(t.app, 'demo-village'), login(t.app, 'shimen', 'Shi-Men-2026x'), login(t.app, 'demo-evaluator'),
  ]);
  rural = await template('rural');
  community = await template('community');
  evaluatorId = await userId('demo-evaluator');
  villageUserId = await userId('demo-village');
});
afterAll(() => t.close());

let roundId: string;

describe('evaluation rounds: setup', () => {
  it('refuses anonymous callers, villages and evaluators creating a round', async () => {
    expect((await call(t.app, null, 'GET', '/api/evaluation/rounds')).status).toBe(401);
    expect((await call(t.app, village, 'POST', '/api/evaluation/rounds', roundBody())).status).toBe(403);
    expect((await call(t.app, evaluator, 'POST', '/api/evaluation/rounds', roundBody())).status).toBe(403);
  });

  it('refuses weights where the mass evaluation is not the largest, a template of another sector and an evaluator who may not score, every field named', async () => {
    const r = await call(t.app, county, 'POST', '/api/evaluation/rounds', roundBody({
      weights: { self: 40, mass: 30, org: 30 },
      templates: [{ sector: 'rural', templateId: community }],
      evaluatorIds: [evaluatorId, villageUserId],
    }));
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(['evaluatorIds.1', 'templates.0.templateId', 'weights.mass']);
    expect(r.body.error.fields['weights.mass']).toBe('权重之和须为 100，且群众测评权重须最大');
    const order = await call(t.app, county, 'POST', '/api/evaluation/rounds', roundBody({ selfStartsOn: `${year}-01-10`, selfEndsOn: `${year}-01-05` }));
    expect(order.status).toBe(422);
    expect(Object.keys(order.body.error.fields)).toEqual(['selfEndsOn']);
    expect((await call(t.app, county, 'GET', '/api/evaluation/rounds')).body.items).toEqual([]);
  });

  it('creates a draft for the county with the weights, survey share, quota and thresholds of policy; one per scope and year', async () => {
    const r = await call(t.app, county, 'POST', '/api/evaluation/rounds', roundBody());
    expect(r.status).toBe(201);
    const v = r.body as RoundView;
    roundId = v.id;
    expect(v).toMatchObject({
      state: 'draft', orgId: byCode('SFX').id, tiers: ['village'], weights: { self: 20, mass: 50, org: 30 }, massSurveyPercent: 60,
      advancedQuotaPercent: 100, thresholds: { advanced: 90, good: 80, average: 60 }, evaluators: [{ id: evaluatorId, name: '考评组 赵志强' }],
      snapshotAt: null, publishedAt: null, can: { manage: true },
    });
    expect(v.templates.map((x) => [x.sector, x.templateName, x.version])).toEqual([['rural', 'rural 指标', 1], ['community', 'community 指标', 1]]);
    const again = await call(t.app, county, 'POST', '/api/evaluation/rounds', roundBody());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('evaluation.roundExists');
  });

  it('changes weights while draft, refuses a move out of order', async () => {
    const w = await call(t.app, county, 'PATCH', `/api/evaluation/rounds/${roundId}`, { weights: { self: 15, mass: 55, org: 30 } });
    expect(w.status).toBe(200);
    expect(w.body.weights).toEqual({ self: 15, mass: 55, org: 30 });
    const bad = await call(t.app, county, 'PATCH', `/api/evaluation/rounds/${roundId}`, { weights: { self: 30, mass: 30, org: 40 } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(['weights.mass']);
    const skip = await advance(county, roundId, 'massOrg');
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('evaluation.state');
    expect((await advance(evaluator, roundId, 'self')).status).toBe(403);
  });
});

describe('evaluation rounds: lifecycle and scope', () => {
  it('opens the self stage: one target per village and community (not their branches or groups), templates locked', async () => {
    const r = await advance(county, roundId, 'self');
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('self');
    expect(r.body.progress.targets).toBe(16);
    const list = await targetsOf(county, roundId, '?sort=name');
    expect(list.items.map((x) => x.orgId)).not.toContain(byCode('SFX-QS-QS-B1').id);
    expect(list.items.map((x) => x.orgId)).toContain(byCode('SFX-QS-QS').id);
    expect(new Set(list.items.map((x) => x.templateId))).toEqual(new Set([rural, community]));
    // nothing to count yet: no survey answers and no ratings — the round says why no grade can be given
    const qs = list.items.find((x) => x.orgId === byCode('SFX-QS-QS').id)!;
    expect(qs).toMatchObject({ townshipName: byCode('SFX-QS').name, selfScore: 90, orgScore: 90, massScore: null, finalScore: null, ungradable: '无群众测评数据（无问卷答复、无独立评价）', proposedGrade: null, previousGrade: null });
    expect((await call(t.app, county, 'GET', `/api/evaluation/templates/${rural}`)).body.locked).toBe(true);
    const edit = await call(t.app, county, 'PUT', `/api/evaluation/templates/${rural}`, { name: '改', sector: 'rural', indicators: INDICATORS });
    expect(edit.status).toBe(409);
    const weights = await call(t.app, county, 'PATCH', `/api/evaluation/rounds/${roundId}`, { weights: { self: 20, mass: 50, org: 30 } });
    expect(weights.status).toBe(409);
    expect(Object.keys(weights.body.error.fields)).toEqual(['weights']);
    const dates = await call(t.app, county, 'PATCH', `/api/evaluation/rounds/${roundId}`, { selfStartsOn: `${year}-01-05`, selfEndsOn: `${year}-01-16` });
    expect(dates.status).toBe(200);
    expect(dates.body.selfEndsOn).toBe(`${year}-01-16`);
  });

  it('shows a village the round it is evaluated in with its own row only, a township its subtree; filters and sorts', async () => {
    const mine = await targetsOf(village, roundId);
    expect(mine.items.map((x) => x.orgName)).toEqual([byCode('SFX-QS-QS').name]);
    expect((await call(t.app, village, 'GET', `/api/evaluation/rounds/${roundId}`)).body).toMatchObject({ progress: { targets: 1 }, can: { manage: false, self: true } });
    expect((await targetsOf(shimen, roundId)).items.map((x) => x.orgName)).toEqual([byCode('SFX-QS-SM').name]);
    expect((await targetsOf(township, roundId)).items).toHaveLength(4);
    expect((await targetsOf(county, roundId, `?townshipId=${byCode('SFX-QS').id}`)).items).toHaveLength(4);
    expect((await targetsOf(county, roundId, '?sector=community')).items).toHaveLength(6);
    // a round over another township does not exist for the village
    const other = await call(t.app, county, 'POST', '/api/evaluation/rounds', roundBody({ orgId: byCode('SFX-HK').id, title: '河口镇考评' }));
    expect(other.status).toBe(201);
    expect((await advance(county, other.body.id, 'self')).body.progress.targets).toBe(4);
    expect((await call(t.app, village, 'GET', `/api/evaluation/rounds/${other.body.id}`)).status).toBe(404);
    expect((await call(t.app, village, 'GET', `/api/evaluation/rounds/${other.body.id}/targets`)).status).toBe(404);
    expect((await call(t.app, village, 'GET', '/api/evaluation/rounds')).body.items.map((r: RoundView) => r.id)).toEqual([roundId]);
    expect((await call(t.app, county, 'GET', '/api/evaluation/rounds')).body.items).toHaveLength(2);
    expect((await call(t.app, township, 'GET', '/api/evaluation/rounds')).body.items.map((r: RoundView) => r.id)).toEqual([roundId]);
  });

  it('refuses to open a round with no org to evaluate in its scope (422), leaving it a draft', async () => {
    const r = await call(t.app, county, 'POST', '/api/evaluation/rounds', roundBody({ orgId: byCode('SFX-QS').id, title: '青山乡乡镇级考评', tiers: ['township'] }));
    expect(r.status).toBe(201);
    const open = await advance(county, r.body.id, 'self');
    expect(open.status).toBe(422);
    expect(open.body.error.code).toBe('evaluation.noTargets');
    expect((await call(t.app, county, 'GET', `/api/evaluation/rounds/${r.body.id}`)).body).toMatchObject({ state: 'draft', progress: { targets: 0 } });
  });

  it('lets an evaluator read but not manage: no compute, no advance, no recompute', async () => {
    expect((await call(t.app, evaluator, 'GET', `/api/evaluation/rounds/${roundId}`)).body.can).toMatchObject({ manage: false, score: false });
    expect((await call(t.app, evaluator, 'POST', `/api/evaluation/rounds/${roundId}/compute`)).status).toBe(403);
    expect((await call(t.app, evaluator, 'POST', `/api/evaluation/rounds/${roundId}/recompute/preview`)).status).toBe(403);
    expect((await call(t.app, village, 'POST', `/api/evaluation/rounds/${roundId}/compute`)).status).toBe(403);
    const c = await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/compute`);
    expect(c.status).toBe(200);
    expect(c.body.items).toHaveLength(16);
  });

  it('freezes the snapshot at the review: compute refused, preview allowed', async () => {
    expect((await advance(county, roundId, 'massOrg')).body.state).toBe('massOrg');
    expect((await call(t.app, evaluator, 'GET', `/api/evaluation/rounds/${roundId}`)).body.can.score).toBe(true);
    expect((await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/recompute/preview`)).status).toBe(409);
    const review = await advance(county, roundId, 'review');
    expect(review.body.state).toBe('review');
    expect(review.body.snapshotAt).not.toBeNull();
    const frozen = await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/compute`);
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe('evaluation.snapshotFrozen');
    const dates = await call(t.app, county, 'PATCH', `/api/evaluation/rounds/${roundId}`, { orgEndsOn: `${year}-01-30` });
    expect(dates.status).toBe(409);
    const preview = await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/recompute/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ differences: [], unchanged: 16 });
    const wrong = await call(t.app, county, 'POST', `/api/evaluation/rounds/${roundId}/recompute`, { token: 'x' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('evaluation.snapshotChanged');
  });

  it('refuses to publish while orgs miss a stage or cannot be graded, naming them; nothing changed', async () => {
    const r = await advance(county, roundId, 'published');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('evaluation.incomplete');
    expect(r.body.error.message).toContain(`${byCode('SFX-QS-QS').name}（未提交自评、未提交组织考评、无群众测评数据）`);
    expect(Object.keys(r.body.error.fields)).toEqual(['to']);
    const v = (await call(t.app, county, 'GET', `/api/evaluation/rounds/${roundId}`)).body as RoundView;
    expect(v).toMatchObject({ state: 'review', publishedAt: null, contestUntil: null });
  });

  it('exports the ranking and every stage, header frozen, a closing row of means', async () => {
    const r = await xlsx(county);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['排名', '自评', '群众测评', '组织考评']);
    const ranking = wb.getWorksheet('排名')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '排名', '组织', '乡镇(街道)', '领域', '自评', '群众测评', '组织考评', '总分', '等次', '一票否决']);
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ranking.rowCount).toBe(1 + 16 + 1);
    expect(ranking.getRow(18).getCell(2).value).toBe('平均（16 个组织）');
    expect(ranking.getRow(18).getCell(5).value).toBe(90);
    const self = wb.getWorksheet('自评')!;
    expect(self.getRow(1).getCell(3).value).toBe('A1 班子建设（60 分）');
    expect((await xlsx(village)).statusCode).toBe(200);
  });

  it('audits every move of the round', async () => {
    const rows = rowsOf<{ action: string; detail: { to?: string } }>(await t.database.db.execute(sql`
      select action, detail from audit_log where entity = 'evaluationRound' and entity_id = ${roundId} order by id`));
    expect(rows.map((r) => r.action + (r.detail.to ? `:${r.detail.to}` : ''))).toEqual([
      'evaluation.roundCreate', 'evaluation.roundUpdate', 'evaluation.advance:self', 'evaluation.roundUpdate', 'evaluation.compute',
      'evaluation.advance:massOrg', 'evaluation.advance:review', 'export.evaluation', 'export.evaluation',
    ]);
  });
});
