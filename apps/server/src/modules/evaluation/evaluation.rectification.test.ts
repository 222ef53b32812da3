import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { RectificationDraft, RectificationList, RectificationView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { addWorkdays } from '../../platform/calendar/working-days.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { POLICY_DEFINITIONS } from '@jiceng/contract';
import { roundValues } from './evaluation.demo.js';
import {
  evaluationContests, evaluationEntries, evaluationIndicators, evaluationMetricValues, evaluationRounds, evaluationTargets, evaluationTemplates,
} from './evaluation.tables.js';

// 软弱涣散整顿 on a hand-built round: a template of four scored indicators and a veto item; 青山村 lagging by a veto,
// 石门村 lagging by its score, 白果村 good; and a round still under review where 茶园村's lagging is only proposed.
let t: TestContext;
let county: Session, township: Session, village: Session, shimen: Session;
let byCode: (c: string) => { id: string; name: string; path?: string };
let countyId: string;
const ids = { published: uuidv7(), review: uuidv7(), template: uuidv7(), a: uuidv7(), b: uuidv7(), c: uuidv7(), d: uuidv7(), x: uuidv7() };
let secretaryId: string;
const today = shanghaiToday();
const dayOffset = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
// a 1×1 PNG
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5d3a2c90000000049454e44ae426082', 'hex');

const orgRow = async (code: string) => rowsOf<{ id: string; path: string }>(await t.database.db.execute(sql`select id, path::text as path from orgs where code = ${code}`))[0]!;

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode;
  countyId = d.byCode('SFX').id;
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');
  const m = await call(t.app, county, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '张德明', status: 'formal' });
  expect(m.status, JSON.stringify(m.body)).toBe(201);
  secretaryId = m.body.id;
  expect((await call(t.app, county, 'POST', `/api/members/${secretaryId}/positions`, { kind: 'secretary', orgId: byCode('SFX-QS-QS').id, startedOn: '2018-01-01' })).status).toBe(201);

  const db = t.database.db;
  const createdBy = rowsOf<{ id: string }>(await db.execute(sql`select id from users where username = 'demo-county'`))[0]!.id;
  const root = await orgRow('SFX');
  await db.insert(evaluationTemplates).values({ countyId, id: ids.template, name: '测试农村指标', sector: 'rural', createdBy: createdBy, lockedAt: new Date() });
  await db.insert(evaluationIndicators).values([
    { countyId, id: ids.a, templateId: ids.template, position: 0, code: 'A1', group: 'performance', name: '办件按时办结', maxPoints: 30, method: 'computed', metric: 'caseOnTimeRate', curve: { kind: 'linear', zeroAt: 0.6, fullAt: 1 } },
    { countyId, id: ids.b, templateId: ids.template, position: 1, code: 'B1', group: 'leadership', name: '班子建设', maxPoints: 30, method: 'evidence', basePoints: 24 },
    { countyId, id: ids.c, templateId: ids.template, position: 2, code: 'C1', group: 'venue', name: '活动场所', maxPoints: 20, method: 'evidence' },
    { countyId, id: ids.d, templateId: ids.template, position: 3, code: 'D1', group: 'institutions', name: '制度上墙', maxPoints: 20, method: 'evidence' },
    { countyId, id: ids.x, templateId: ids.template, position: 4, code: 'X1', group: 'performance', name: '发生重大群体性事件', maxPoints: 0, method: 'veto' },
  ]);
  const templates = [{ sector: 'rural', templateId: ids.template }];
  await db.insert(evaluationRounds).values([
    roundValues(countyId, { id: ids.published, year: 2025, title: '2025年度考评', state: 'published', orgId: root.id, orgPath: root.path, templates, createdBy: createdBy, publishedAt: new Date() }),
    roundValues(countyId, { id: ids.review, year: 2026, title: '2026年度考评', state: 'review', orgId: root.id, orgPath: root.path, templates, createdBy: createdBy }),
  ]);
  const target = async (roundId: string, code: string, grade: string | null, proposed: string | null, final: number) => {
    const o = await orgRow(code);
    return { countyId, roundId, orgId: o.id, orgPath: o.path, sector: 'rural', templateId: ids.template, grade, proposedGrade: proposed, finalScore: final };
  };
  await db.insert(evaluationTargets).values([
    await target(ids.published, 'SFX-QS-QS', 'lagging', 'lagging', 71.2),
    await target(ids.published, 'SFX-QS-SM', 'lagging', 'lagging', 52.4),
    await target(ids.published, 'SFX-QS-BG', 'good', 'good', 84.1),
    await target(ids.published, 'SFX-HK-XQ', 'lagging', 'lagging', 55),
    await target(ids.review, 'SFX-QS-CY', null, 'lagging', 50),
  ]);
  const qs = byCode('SFX-QS-QS').id;
  // 青山村: A1 6 / 30 (20 %); B1 24 − 12 = 12 / 30 (40 %); C1 20 − 6 = 14, contested down to… changed to 8 / 20 (40 %);
  // D1 20 / 20; a veto event. Weakest three: A1, then B1 and C1 tied at 40 % in the template's order.
  await db.insert(evaluationMetricValues).values({ countyId, roundId: ids.published, orgId: qs, indicatorId: ids.a, metric: 'caseOnTimeRate', value: 0.68, numerator: 68, denominator: 100, points: 6, computedAt: new Date() });
  const entry = (indicatorId: string, kind: 'adjust' | 'veto', delta: number | null, reason: string, stage: 'self' | 'org' = 'org', withdrawnAt: Date | null = null) => ({
    countyId, id: uuidv7(), roundId: ids.published, orgId: qs, indicatorId, stage, kind, delta, reason, createdBy: createdBy, createdByName: '考评组', withdrawnAt,
  });
  await db.insert(evaluationEntries).values([
    entry(ids.b, 'adjust', -12, '班子分工不明确'),
    entry(ids.b, 'adjust', 6, '自评加分', 'self'),
    entry(ids.c, 'adjust', -6, '场所利用率低'),
    entry(ids.d, 'adjust', -10, '已撤回的扣分', 'org', new Date()),
    entry(ids.x, 'veto', null, '8月发生群体性上访事件'),
  ]);
  await db.insert(evaluationContests).values({
    countyId, id: uuidv7(), roundId: ids.published, orgId: qs, indicatorId: ids.c, reason: '异议', pointsBefore: 14, state: 'changed',
    filedBy: createdBy, filerName: '青山村', decidedBy: createdBy, deciderName: '县委组织部', decidedAt: new Date(), newPoints: 8, decisionReason: '复核改分',
  });
});
afterAll(() => t.close());

const draftOf = (s: Session, code: string, roundId = ids.published) => call(t.app, s, 'GET', `/api/rectifications/draft?roundId=${roundId}&orgId=${byCode(code).id}`);
const create = (s: Session, code: string, extra: Record<string, unknown> = {}, roundId = ids.published) =>
  call(t.app, s, 'POST', '/api/rectifications', { roundId, orgId: byCode(code).id, measures: ['调整充实班子', '补齐台账'], responsibleName: '张德明', ...extra });

describe('rectification', () => {
  it('refuses anonymous callers and accounts without the right', async () => {
    expect((await call(t.app, null, 'GET', '/api/rectifications')).status).toBe(401);
    expect((await draftOf(village, 'SFX-QS-QS')).status).toBe(403);
    expect((await create(village, 'SFX-QS-QS')).status).toBe(403);
  });

  it('pre-fills the draft with the veto events and the weakest indicators in order, the deadline in working days and the secretary', async () => {
    const r = await draftOf(township, 'SFX-QS-QS');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const d = r.body as RectificationDraft;
    expect(d.problems).toEqual([
      { text: '发生重大群体性事件（一票否决）：8月发生群体性上访事件', indicatorId: ids.x },
      { text: '办件按时办结：得分 6 / 满分 30', indicatorId: ids.a },
      { text: '班子建设：得分 12 / 满分 30', indicatorId: ids.b },
      { text: '活动场所：得分 8 / 满分 20', indicatorId: ids.c },
    ]);
    const days = POLICY_DEFINITIONS['evaluation.rectificationWorkingDays'].default;
    expect(d.dueOn).toBe(addWorkdays(today, days, await countyCalendar(t.database.db, countyId)));
    expect(d).toMatchObject({ responsibleName: '张德明', responsibleMemberId: secretaryId });
    // the number of weakest indicators is the county's policy
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weakestIndicators': 1 } })).status).toBe(200);
    expect(((await draftOf(township, 'SFX-QS-QS')).body as RectificationDraft).problems.map((p) => p.indicatorId)).toEqual([ids.x, ids.a]);
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weakestIndicators': null } })).status).toBe(200);
    // an org outside the township's area does not exist for it
    expect((await draftOf(township, 'SFX-HK-XQ')).status).toBe(404);
  });

  it('refuses a plan for an org not graded lagging (a good grade; a lagging grade only proposed in review), naming the field', async () => {
    const good = await create(township, 'SFX-QS-BG');
    expect(good.status).toBe(422);
    expect(good.body.error.code).toBe('rectification.notLagging');
    expect(Object.keys(good.body.error.fields)).toEqual(['orgId']);
    expect((await create(township, 'SFX-QS-CY', {}, ids.review)).status).toBe(422);
    expect((await call(t.app, county, 'GET', '/api/rectifications')).body.items).toEqual([]);
  });

  let plan: RectificationView;
  it('lets the township make the plan of its village (problems from the draft by default), once per round and org', async () => {
    const r = await create(township, 'SFX-QS-QS', { responsibleMemberId: secretaryId });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    plan = r.body;
    expect(plan).toMatchObject({ orgName: byCode('SFX-QS-QS').name, grade: 'lagging', finalScore: 71.2, state: 'open', overdue: false, lastRecheck: null, year: 2025, notes: [] });
    expect(plan.problems).toHaveLength(4);
    const dup = await create(county, 'SFX-QS-QS');
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('rectification.exists');
    const audit = (await call(t.app, county, 'GET', '/api/audit?action=rectification.create')).body.items;
    expect(audit).toHaveLength(1);
  });

  it('refuses a responsible person from another org and a problem naming an indicator of another template', async () => {
    const other = (await call(t.app, county, 'POST', '/api/members', { orgId: byCode('SFX-QS-BG').id, name: '外村党员', status: 'formal' })).body.id;
    const r = await create(county, 'SFX-QS-SM', { responsibleMemberId: other });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields)).toEqual(['responsibleMemberId']);
    const p = await create(county, 'SFX-QS-SM', { problems: [{ text: '问题', indicatorId: uuidv7() }] });
    expect(p.status).toBe(422);
    expect(Object.keys(p.body.error.fields)).toEqual(['problems.0.indicatorId']);
  });

  it('shows the board in scope only, with overdue plans marked', async () => {
    const late = await create(county, 'SFX-QS-SM', { dueOn: dayOffset(today, -1), problems: [{ text: '班子软弱' }] });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ overdue: true, problems: [{ text: '班子软弱', indicatorId: null }] });
    const board = (await call(t.app, township, 'GET', '/api/rectifications')).body as RectificationList;
    expect(board.items.map((x) => x.orgName).sort()).toEqual([byCode('SFX-QS-QS').name, byCode('SFX-QS-SM').name].sort());
    expect(board.items.every((x) => x.townshipName === byCode('SFX-QS').name)).toBe(true);
    const mine = (await call(t.app, village, 'GET', '/api/rectifications')).body as RectificationList;
    expect(mine.items.map((x) => x.id)).toEqual([plan.id]);
    expect((await call(t.app, shimen, 'GET', `/api/rectifications/${plan.id}`)).status).toBe(404);
    expect((await call(t.app, county, 'GET', `/api/rectifications?townshipId=${byCode('SFX-HK').id}`)).body.items).toEqual([]);
    expect((await call(t.app, county, 'GET', '/api/rectifications?state=closed')).body.items).toEqual([]);
  });

  it('takes progress from the village itself, but a re-check only from the township or the county', async () => {
    const p = await call(t.app, village, 'POST', `/api/rectifications/${plan.id}/notes`, { kind: 'progress', text: '召开专题组织生活会，查摆问题 6 条' });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.notes).toHaveLength(1);
    const self = await call(t.app, village, 'POST', `/api/rectifications/${plan.id}/notes`, { kind: 'recheck', result: 'passed', text: '自己验收通过' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('rectification.recheckBy');
    expect((await call(t.app, village, 'PATCH', `/api/rectifications/${plan.id}`, { measures: ['自己改方案'] })).status).toBe(403);
    const noResult = await call(t.app, township, 'POST', `/api/rectifications/${plan.id}/notes`, { kind: 'recheck', text: '复查' });
    expect(noResult.status).toBe(422);
    expect(Object.keys(noResult.body.error.fields)).toEqual(['result']);
    const notYet = await call(t.app, township, 'POST', `/api/rectifications/${plan.id}/notes`, { kind: 'recheck', result: 'notYet', text: '台账仍不全，继续整改' });
    expect(notYet.body).toMatchObject({ state: 'open', lastRecheck: 'notYet' });
  });

  it('closes the plan on a passed re-check (销号), with its photo kept and audited', async () => {
    const patched = await call(t.app, township, 'PATCH', `/api/rectifications/${plan.id}`, { measures: ['调整充实班子', '补齐台账', '每月公示办件'] });
    expect(patched.body.measures).toHaveLength(3);
    const r = await call(t.app, township, 'POST', `/api/rectifications/${plan.id}/notes`, {
      kind: 'recheck', result: 'passed', text: '复查通过，同意销号', file: { name: '复查现场.png', mime: 'image/png', data: PNG.toString('base64') },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = r.body as RectificationView;
    expect(v).toMatchObject({ state: 'closed', lastRecheck: 'passed', overdue: false });
    expect(v.closedAt).not.toBeNull();
    const note = v.notes.at(-1)!;
    expect(note.file).toMatchObject({ name: '复查现场.png', mime: 'image/png', size: PNG.length });
    const f = await t.app.inject({ method: 'GET', url: `/api/rectifications/${plan.id}/notes/${note.id}/files/${note.file!.id}`, headers: { cookie: village.cookie } });
    expect(f.statusCode).toBe(200);
    expect(f.rawPayload.equals(PNG)).toBe(true);
    expect(f.headers['x-content-sha256']).toBe(note.file!.sha256);
    const audit = (await call(t.app, county, 'GET', '/api/audit?action=rectification.recheck')).body.items;
    expect(audit[0].detail).toMatchObject({ result: 'passed', closed: true });
    expect((await call(t.app, county, 'GET', '/api/rectifications?state=closed')).body.items.map((x: RectificationView) => x.id)).toEqual([plan.id]);
  });

  it('refuses notes and changes after closing', async () => {
    const n = await call(t.app, village, 'POST', `/api/rectifications/${plan.id}/notes`, { kind: 'progress', text: '再补一条' });
    expect(n.status).toBe(409);
    expect(n.body.error.code).toBe('rectification.closed');
    expect((await call(t.app, county, 'PATCH', `/api/rectifications/${plan.id}`, { responsibleName: '李四' })).status).toBe(409);
    expect((await call(t.app, county, 'GET', `/api/rectifications/${plan.id}`)).body.notes).toHaveLength(3);
  });
});
