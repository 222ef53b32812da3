import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { OrgView, SurveyDrawView, SurveyResults } from '@jiceng/contract';
import { SURVEY_DEFAULT_QUESTIONS } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { households } from '../grids/grids.tables.js';
import { verifyDraw } from './surveys.service.js';

let t: TestContext;
let county: Session, township: Session, village: Session, grid: Session, shimen: Session;
let byCode: (c: string) => OrgView;
const archivedId = uuidv7();

/** `n` households on the org, created a minute ago (fast: straight into the table). */
async function addHouseholds(org: OrgView, n: number, prefix: string) {
  const ids = Array.from({ length: n }, () => uuidv7());
  await t.database.db.insert(households).values(ids.map((id, i) => ({
    countyId: org.countyId, id, orgId: org.id, orgPath: org.path, address: `${prefix}${i + 1}号`, headName: `${prefix}户主${i + 1}`,
    searchText: `${prefix}${i + 1}`, createdAt: new Date(Date.now() - 60_000),
  })));
  return ids;
}

const allFives = Object.fromEntries(SURVEY_DEFAULT_QUESTIONS.map((q) => [q.key, 5]));

beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  grid = await login(t.app, 'demo-grid');
  const u = await call(t.app, county, 'POST', '/api/users', { username: 'sm-cadre', displayName: '石门村书记 周明', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' });
  expect(u.status).toBe(201);
  shimen = await login(t.app, 'sm-cadre', 'Shi-Men-2026x');
  // 青山乡: 青山村 12 (on the general branch and on a party group), 石门村 6, 白果村 2, 茶园村 none; 城关镇 红旗村 3
  await addHouseholds(byCode('SFX-QS-QS'), 8, '青山村1组');
  await addHouseholds(byCode('SFX-QS-QS-B1-G1'), 4, '青山村2组');
  await addHouseholds(byCode('SFX-QS-SM'), 6, '石门村1组');
  await addHouseholds(byCode('SFX-QS-BG-G1'), 2, '白果村1组');
  await addHouseholds(byCode('SFX-CG-HQ'), 3, '红旗村1组');
  const qs = byCode('SFX-QS-QS');
  await t.database.db.insert(households).values({
    countyId: qs.countyId, id: archivedId, orgId: qs.id, orgPath: qs.path, address: '青山村已迁出', headName: '迁出户', searchText: 'x',
    createdAt: new Date(Date.now() - 120_000), archivedAt: new Date(Date.now() - 60_000),
  });
});
afterAll(() => t.close());

const drawBody = (over: Record<string, unknown> = {}) => ({ orgId: byCode('SFX-QS').id, level: 'township', title: '2026年青山乡入户走访', sampleSize: 10, ...over });

describe('survey draws (三级入户走访)', () => {
  let draw: SurveyDrawView;

  it('refuses callers without the draw permission: 401 anonymous, 403 village cadre and grid worker', async () => {
    expect((await call(t.app, null, 'POST', '/api/surveys/draws', drawBody())).status).toBe(401);
    expect((await call(t.app, village, 'POST', '/api/surveys/draws', drawBody({ orgId: byCode('SFX-QS-QS').id }))).status).toBe(403);
    expect((await call(t.app, grid, 'POST', '/api/surveys/draws', drawBody())).status).toBe(403);
    expect((await call(t.app, null, 'GET', '/api/surveys/draws')).status).toBe(401);
  });

  it('names the wrong fields in Chinese', async () => {
    const bad = await call(t.app, township, 'POST', '/api/surveys/draws', { orgId: byCode('SFX-QS').id, level: 'province', sampleSize: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ title: '必填', sampleSize: '不能小于 1' });
    expect(bad.body.error.fields.level).toMatch(/取值必须是以下之一/);
    const level = await call(t.app, township, 'POST', '/api/surveys/draws', drawBody({ level: 'county' }));
    expect(level.status).toBe(422);
    expect(level.body.error.fields.level).toBe('乡镇(街道)只能组织乡级入户走访；市、县级走访由县委组织部组织');
    const empty = await call(t.app, township, 'POST', '/api/surveys/draws', drawBody({ orgId: byCode('SFX-QS-CY').id }));
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.orgId).toBe('所选组织下没有可抽取的农户');
    const dup = await call(t.app, township, 'POST', '/api/surveys/draws', drawBody({ questions: [{ key: 'a', text: '满意吗' }, { key: 'a', text: '还满意吗' }] }));
    expect(dup.body.error.fields['questions.1.key']).toBe('问题编号不能重复');
  });

  it('refuses an org outside the township (403, the field named)', async () => {
    const res = await call(t.app, township, 'POST', '/api/surveys/draws', drawBody({ orgId: byCode('SFX-CG').id }));
    expect(res.status).toBe(403);
    expect(res.body.error.fields.orgId).toBe('该记录不在您的管辖范围内');
  });

  it('draws households stratified by village with a seed, the input hash and the 六有 questions', async () => {
    const res = await call(t.app, township, 'POST', '/api/surveys/draws', drawBody({ seed: '2026-双色球-001' }));
    expect(res.status).toBe(201);
    draw = res.body;
    expect(draw).toMatchObject({ level: 'township', seed: '2026-双色球-001', sampleSize: 10, drawnCount: 10, answeredCount: 0, orgName: '中共青山乡委员会' });
    expect(draw.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.algorithm).toMatch(/^jiceng-stratified\/1/);
    expect(draw.questions.map((q) => q.key)).toEqual(['leadership', 'cadres', 'venue', 'carriers', 'mechanisms', 'results']);
    // 20 households: 青山 12 → 6, 石门 6 → 3, 白果 2 → 1 (largest remainder)
    const byVillage = Object.fromEntries(draw.strata.map((s) => [s.orgName, [s.population, s.drawn]]));
    expect(byVillage).toEqual({ 中共青山村总支部委员会: [12, 6], 中共石门村支部委员会: [6, 3], 中共白果村支部委员会: [2, 1] });
    expect(draw.households).toHaveLength(10);
    expect(draw.households.map((h) => h.id)).not.toContain(archivedId);
    const first = draw.households[0]!;
    expect(first).toMatchObject({ address: expect.any(String), headName: expect.any(String), villageName: expect.any(String), answered: false, response: null });
  });

  it('gives the same sample for the same seed, and a fresh 32-hex seed when none is given', async () => {
    const again = (await call(t.app, county, 'POST', '/api/surveys/draws', drawBody({ seed: '2026-双色球-001', level: 'county' }))).body as SurveyDrawView;
    expect(again.households.map((h) => h.id)).toEqual(draw.households.map((h) => h.id));
    expect(again.inputHash).toBe(draw.inputHash);
    const fresh = await call(t.app, county, 'POST', '/api/surveys/draws', drawBody({ level: 'city', title: '市级考评入户走访', sampleSize: 3 }));
    expect(fresh.status).toBe(201);
    expect(fresh.body.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.body.strata.map((s: { drawn: number }) => s.drawn)).toEqual([1, 1, 1]);
  });

  it('lists draws to whoever the draw covers; a village sees only its own drawn households', async () => {
    const list = (await call(t.app, village, 'GET', '/api/surveys/draws')).body.items as { id: string }[];
    expect(list.map((d) => d.id)).toContain(draw.id);
    const mine = (await call(t.app, village, 'GET', `/api/surveys/draws/${draw.id}`)).body as SurveyDrawView;
    expect(mine.households).toHaveLength(6);
    expect(new Set(mine.households.map((h) => h.villageName))).toEqual(new Set(['中共青山村总支部委员会']));
    const cities = (await call(t.app, township, 'GET', '/api/surveys/draws?level=city')).body.items as { level: string }[];
    expect(cities.length).toBe(1);
    expect((await call(t.app, township, 'GET', '/api/surveys/draws/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('a visitor answers once per drawn household of their own area', async () => {
    const qsHousehold = draw.households.find((h) => h.villageName === '中共青山村总支部委员会')!;
    const smHousehold = draw.households.find((h) => h.villageName === '中共石门村支部委员会')!;
    const url = `/api/surveys/draws/${draw.id}/responses`;
    // 石门村 cadre cannot answer for a 青山村 household
    const other = await call(t.app, shimen, 'POST', url, { householdId: qsHousehold.id, answers: allFives });
    expect(other.status).toBe(403);
    expect(other.body.error.fields.householdId).toBe('该记录不在您的管辖范围内');
    // a 石门村 household not drawn
    const smIds = rowsIds(await t.database.db.execute(sql`select id::text from households where org_id = ${byCode('SFX-QS-SM').id}::uuid`));
    const notDrawn = smIds.find((id) => !draw.households.some((h) => h.id === id))!;
    const nd = await call(t.app, shimen, 'POST', url, { householdId: notDrawn, answers: allFives });
    expect(nd.status).toBe(422);
    expect(nd.body.error.fields.householdId).toBe('该户不在本次抽样名单中');
    const range = await call(t.app, village, 'POST', url, { householdId: qsHousehold.id, answers: { ...allFives, leadership: 6 } });
    expect(range.status).toBe(400);
    expect(range.body.error.fields['answers.leadership']).toBe('不能大于 5');
    const { results: _r, ...partial } = allFives;
    const missing = await call(t.app, village, 'POST', url, { householdId: qsHousehold.id, answers: { ...partial, extra: 3 } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields).toEqual({ 'answers.results': '请为该问题打分（1–5 分）', 'answers.extra': '本次测评没有这个问题' });
    const ok = await call(t.app, village, 'POST', url, { householdId: qsHousehold.id, answers: { ...allFives, venue: 3 }, comment: '活动室晚上开门就更好了' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ visitorName: '青山村书记 张德明', answers: { venue: 3 }, comment: '活动室晚上开门就更好了' });
    const twice = await call(t.app, village, 'POST', url, { householdId: qsHousehold.id, answers: allFives });
    expect(twice.status).toBe(409);
    expect(twice.body.error.fields.householdId).toBe('该户已填写本次测评，每户只能填写一次');
    expect((await call(t.app, shimen, 'POST', url, { householdId: smHousehold.id, answers: Object.fromEntries(Object.keys(allFives).map((k) => [k, 4])) })).status).toBe(201);

    const detail = (await call(t.app, township, 'GET', `/api/surveys/draws/${draw.id}`)).body as SurveyDrawView;
    expect(detail.answeredCount).toBe(2);
    const row = detail.households.find((h) => h.id === qsHousehold.id)!;
    expect(row).toMatchObject({ answered: true, response: { answers: { venue: 3 }, visitorName: '青山村书记 张德明' } });
    expect(detail.households.filter((h) => h.answered)).toHaveLength(2);
  });

  it('sums up per question and per village, within the caller’s area', async () => {
    const res = (await call(t.app, township, 'GET', `/api/surveys/draws/${draw.id}/results`)).body as SurveyResults;
    expect(res).toMatchObject({ drawnCount: 10, answeredCount: 2 });
    expect(res.questions.find((q) => q.key === 'venue')).toMatchObject({ average: 3.5, count: 2, text: expect.stringContaining('服务场所') });
    expect(res.questions.find((q) => q.key === 'leadership')).toMatchObject({ average: 4.5, count: 2 });
    const qs = res.villages.find((v) => v.orgName === '中共青山村总支部委员会')!;
    expect(qs).toMatchObject({ drawn: 6, answered: 1 });
    expect(qs.questions.find((q) => q.key === 'venue')).toMatchObject({ average: 3, count: 1 });
    const fromVillage = (await call(t.app, village, 'GET', `/api/surveys/draws/${draw.id}/results`)).body as SurveyResults;
    expect(fromVillage).toMatchObject({ drawnCount: 6, answeredCount: 1 });
    expect(fromVillage.villages.map((v) => v.orgName)).toEqual(['中共青山村总支部委员会']);
  });

  it('tells a village nothing of the other villages of a township draw, in the list and the detail (issue 15)', async () => {
    const others = ['中共石门村支部委员会', '中共白果村支部委员会'];
    const fromList = ((await call(t.app, village, 'GET', '/api/surveys/draws')).body.items as SurveyDrawView[]).find((d) => d.id === draw.id)!;
    const fromDetail = (await call(t.app, village, 'GET', `/api/surveys/draws/${draw.id}`)).body as SurveyDrawView;
    for (const seen of [fromList, fromDetail]) {
      expect(seen.strata.map((s) => s.orgName)).toEqual(['中共青山村总支部委员会']);
      expect(seen).toMatchObject({ drawnCount: 6, answeredCount: 1 });
      for (const name of others) expect(JSON.stringify(seen)).not.toContain(name);
    }
    // a grid worker (bound to a party group) counts the drawn households of their own area only
    const worker = (await call(t.app, grid, 'GET', `/api/surveys/draws/${draw.id}`)).body as SurveyDrawView;
    expect(worker.strata.map((s) => s.orgName)).toEqual(['中共青山村总支部委员会']);
    expect(worker.drawnCount).toBe(worker.households.length);
    expect((await call(t.app, township, 'GET', `/api/surveys/draws/${draw.id}`)).body).toMatchObject({ drawnCount: 10, answeredCount: 2 });
  });

  it('records both writes in the audit log', async () => {
    const rows = rowsIds(await t.database.db.execute(sql`select action as id from audit_log where entity = 'surveyDraw' and entity_id = ${draw.id} order by seq`));
    expect(rows).toEqual(['survey.draw', 'survey.answer', 'survey.answer']);
  });
});

function rowsIds(res: unknown): string[] {
  const rows = (Array.isArray(res) ? res : (res as { rows: { id: string }[] }).rows) as { id: string }[];
  return rows.map((r) => r.id);
}

describe('survey verify (npm run jiceng -- survey verify <drawId>)', () => {
  let id: string;
  beforeAll(async () => {
    id = (await call(t.app, township, 'POST', '/api/surveys/draws', drawBody({ title: '复核用抽样', sampleSize: 7 }))).body.id;
  });

  it('re-derives the same sample from the stored seed', async () => {
    expect(await verifyDraw(t.database.db, id)).toEqual({ ok: true, drawn: 7, population: 20 });
  });

  it('still verifies after households are added or archived later: the input is taken as of the draw', async () => {
    await addHouseholds(byCode('SFX-QS-SM'), 2, '石门村新');
    await t.database.db.execute(sql`update households set created_at = now() where address like '石门村新%'`);
    await t.database.db.execute(sql`update households set archived_at = now() where address = '石门村1组1号'`);
    expect((await verifyDraw(t.database.db, id)).ok).toBe(true);
  });

  it('says plainly when the input changed (a household moved to another village)', async () => {
    const bg = byCode('SFX-QS-BG');
    await t.database.db.execute(sql`update households set org_id = ${bg.id}::uuid, org_path = ${bg.path}::ltree where address = '石门村1组2号'`);
    const r = await verifyDraw(t.database.db, id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^input changed: hash [0-9a-f]{64}/);
    const sm = byCode('SFX-QS-SM');
    await t.database.db.execute(sql`update households set org_id = ${sm.id}::uuid, org_path = ${sm.path}::ltree where address = '石门村1组2号'`);
    expect((await verifyDraw(t.database.db, id)).ok).toBe(true);
  });

  it('fails on a tampered sample (changed household_ids) with the reason', async () => {
    const outsider = rowsIds(await t.database.db.execute(sql`select h.id::text from households h where h.address like '青山村%' and h.id not in (
      select unnest(household_ids) from survey_draws where id = ${id}::uuid) limit 1`))[0]!;
    await t.database.db.execute(sql`update survey_draws set household_ids[1] = ${outsider}::uuid where id = ${id}::uuid`);
    const r = await verifyDraw(t.database.db, id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^sample mismatch/);
    expect(!r.ok && r.reason).toContain(outsider);
  });

  it('names an unknown draw', async () => {
    expect(await verifyDraw(t.database.db, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, reason: 'no draw 00000000-0000-4000-8000-000000000000' });
  });
});
