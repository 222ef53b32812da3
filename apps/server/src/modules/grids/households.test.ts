import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { GridView, HouseholdView, OrgView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';

let t: TestContext;
let county: Session;
let village: Session;
let byCode: (c: string) => OrgView;
let grid: GridView;
let otherGrid: GridView;
let household: HouseholdView;
const headId = idNumber('19620315');

beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
  village = await login(t.app, 'demo-village');
  grid = (await call(t.app, village, 'POST', '/api/grids', {
    orgId: byCode('SFX-QS-QS').id, name: '测试一网格', code: code('W'), partyGroupId: byCode('SFX-QS-QS-B1-G1').id,
    boundary: { type: 'Polygon', coordinates: [[[111.3, 30.7], [111.31, 30.7], [111.31, 30.71], [111.3, 30.71], [111.3, 30.7]]] },
  })).body;
  otherGrid = (await call(t.app, county, 'POST', '/api/grids', { orgId: byCode('SFX-QS-SM').id, name: '石门一网格', code: code('W') })).body;
  household = (await call(t.app, village, 'POST', '/api/households', {
    orgId: byCode('SFX-QS-QS').id, gridId: grid.id, address: '青山村3组12号', phone: '13800001111', visitTags: ['emptyNest', 'disabled'],
    residents: [
      { name: '张德顺', relation: 'head', idNumber: headId, disability: '肢体三级', phone: '13800001111' },
      { name: '李桂英', relation: 'spouse', idNumber: idNumber('19640808'), poverty: '低保户' },
      { name: '张小宝', relation: 'grandchild', idNumber: idNumber('20180601') },
    ],
  })).body;
  await call(t.app, county, 'POST', '/api/households', {
    orgId: byCode('SFX-QS-SM').id, gridId: otherGrid.id, address: '石门村1组1号',
    residents: [{ name: '王石门', relation: 'head', idNumber: idNumber('19700101') }],
  });
});
afterAll(() => t.close());

describe('grids', () => {
  it('puts a grid under the village and its party group, and flags a size outside the policy range', async () => {
    expect(grid).toMatchObject({ orgId: byCode('SFX-QS-QS').id, partyGroupName: byCode('SFX-QS-QS-B1-G1').name, householdCount: 0, sizeFlag: 'tooFew' });
    const list = await call(t.app, village, 'GET', '/api/grids');
    expect(list.body.range).toEqual({ min: 50, max: 100 });
    const mine = list.body.items.find((g: GridView) => g.id === grid.id);
    expect(mine.householdCount).toBe(1);
  });

  it('refuses a grid on a township, a party group of another village, a bad polygon and a duplicate code', async () => {
    expect((await call(t.app, county, 'POST', '/api/grids', { orgId: byCode('SFX-QS').id, name: 'x', code: code('W') })).body.error.fields.orgId).toBeDefined();
    expect((await call(t.app, county, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: 'x', code: code('W'), partyGroupId: byCode('SFX-QS-SM-G1').id })).body.error.code).toBe('grid.partyGroup');
    const bad = await call(t.app, county, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: 'x', code: code('W'), boundary: { type: 'Polygon', coordinates: [[[200, 30]]] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)[0]).toMatch(/^boundary/);
    expect((await call(t.app, county, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: 'x', code: grid.code })).status).toBe(409);
  });

  it('lets the grid worker bound to the grid’s party group see that grid and its households only', async () => {
    const worker = await login(t.app, 'demo-grid');
    const grids = (await call(t.app, worker, 'GET', '/api/grids')).body.items.map((g: GridView) => g.id);
    expect(grids).toEqual([grid.id]);
    const hs = (await call(t.app, worker, 'GET', '/api/households')).body;
    expect(hs.items.map((h: HouseholdView) => h.id)).toEqual([household.id]);
  });
});

describe('households', () => {
  it('lists exactly what GET /:id allows, for every demo role (record-vs-list consistency)', async () => {
    const all = (await call(t.app, county, 'GET', '/api/households?pageSize=500')).body.items as HouseholdView[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const name of ['demo-county', 'demo-township', 'demo-village', 'demo-grid', 'demo-dept', 'demo-evaluator']) {
      const s = await login(t.app, name);
      const list = await call(t.app, s, 'GET', '/api/households?pageSize=500');
      const listed = list.status === 200 ? (list.body.items as HouseholdView[]).map((h) => h.id).sort() : [];
      const allowed: string[] = [];
      for (const h of all) if ((await call(t.app, s, 'GET', `/api/households/${h.id}`)).status === 200) allowed.push(h.id);
      expect(listed, name).toEqual(allowed.sort());
    }
  });

  it('masks ID numbers, sensitive fields and minors in every response by default', async () => {
    const list = await call(t.app, village, 'GET', `/api/households?gridId=${grid.id}`);
    expect(list.body.items[0]).toMatchObject({ masked: true, headName: '张德顺', residentCount: 3 });
    const detail = (await call(t.app, village, 'GET', `/api/households/${household.id}`)).body as HouseholdView;
    const head = detail.residents!.find((r) => r.relation === 'head')!;
    expect(head.idNumber).toBe(`${headId.slice(0, 6)}************`);
    expect(head.disability).toBe('***');
    // the year only: with the date, the masked number was rebuilt (issue 15, finding 2)
    expect(head).toMatchObject({ birthDate: null, birthYear: 1962 });
    expect(head.gender).toBeDefined();
    const child = detail.residents!.find((r) => r.relation === 'grandchild')!;
    expect(child).toMatchObject({ minor: true, name: '张**', birthDate: null, birthYear: null });
    expect(JSON.stringify(detail)).not.toContain(headId);
  });

  it('shows clear values to a holder of resident.unmask who asks, and audits it', async () => {
    const r = await call(t.app, village, 'GET', `/api/households/${household.id}?unmask=true&unmaskReason=${encodeURIComponent('核对低保材料')}`);
    expect(r.body.masked).toBe(false);
    const head = r.body.residents.find((x: { relation: string }) => x.relation === 'head');
    expect(head).toMatchObject({ idNumber: headId, disability: '肢体三级' });
    expect(r.body.residents.find((x: { relation: string }) => x.relation === 'grandchild').name).toBe('张小宝');
    const audit = await call(t.app, county, 'GET', '/api/audit?action=resident.unmask&limit=1');
    expect(audit.body.items[0]).toMatchObject({ entity: 'household', entityId: household.id, actorName: '青山村书记 张德明', detail: { reason: '核对低保材料' } });
  });

  it('refuses unmask to a grid worker and an evaluator', async () => {
    for (const name of ['demo-grid', 'demo-evaluator']) {
      const s = await login(t.app, name);
      const r = await call(t.app, s, 'GET', `/api/households/${household.id}?unmask=true&unmaskReason=${encodeURIComponent('核对低保材料')}`);
      expect(r.status, name).toBe(403);
      expect(r.body.error.code).toBe('unmask.forbidden');
    }
  });

  it('stores ID numbers encrypted, never in clear', async () => {
    const rows = rowsOf<{ id_enc: string; id_hash: string }>(await t.database.db.execute(sql`select id_enc, id_hash from residents`));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.id_enc.startsWith('v1:')).toBe(true);
      expect(r.id_enc).not.toContain(headId);
    }
  });

  it('checks ID numbers (length, region, birth date, check digit) naming the field', async () => {
    const base = { orgId: byCode('SFX-QS-QS').id, address: '青山村9组1号' };
    const wrongCheck = headId.slice(0, 17) + (headId[17] === '1' ? '2' : '1');
    const cases: [string, string][] = [
      ['4205021980', '身份证号应为18位（最后一位可为X）'],
      ['990502198001011234', '身份证号的地区码无效'],
      [`420502${'19801341'}1230`.slice(0, 17) + '0', '身份证号中的出生日期无效'],
      [wrongCheck, '身份证号校验位错误'],
    ];
    for (const [id, message] of cases) {
      const r = await call(t.app, village, 'POST', '/api/households', { ...base, residents: [{ name: '测试', relation: 'head', idNumber: id }] });
      expect(r.status, id).toBe(422);
      expect(r.body.error.fields['residents.0.idNumber'], id).toBe(message);
    }
  });

  it('refuses a duplicate ID number in the county, and a household without exactly one head', async () => {
    const dup = await call(t.app, village, 'POST', '/api/households', { orgId: byCode('SFX-QS-QS').id, address: '青山村9组2号', residents: [{ name: '冒名', relation: 'head', idNumber: headId }] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields['residents.0.idNumber']).toBe('本县已有相同身份证号的人员');
    const noHead = await call(t.app, village, 'POST', '/api/households', { orgId: byCode('SFX-QS-QS').id, address: '青山村9组3号', residents: [{ name: '甲', relation: 'child' }] });
    expect(noHead.body.error.code).toBe('household.needsHead');
  });

  it('never shows a village cadre another village’s households, by id or by list', async () => {
    const all = (await call(t.app, county, 'GET', '/api/households')).body.items as HouseholdView[];
    const other = all.find((h) => h.address === '石门村1组1号')!;
    expect((await call(t.app, village, 'GET', `/api/households/${other.id}`)).status).toBe(404);
    const mine = (await call(t.app, village, 'GET', '/api/households?pageSize=500')).body.items.map((h: HouseholdView) => h.id);
    expect(mine).not.toContain(other.id);
    expect((await call(t.app, village, 'POST', '/api/households', { orgId: byCode('SFX-QS-SM').id, address: 'x', residents: [{ name: '甲', relation: 'head' }] })).status).toBe(403);
  });

  it('filters by tag and finds households by a resident’s name in characters, full pinyin and initials', async () => {
    expect((await call(t.app, village, 'GET', '/api/households?tag=emptyNest')).body.total).toBe(1);
    expect((await call(t.app, village, 'GET', '/api/households?tag=needy')).body.total).toBe(0);
    for (const q of ['李桂英', 'liguiying', 'lgy', 'zds', '3组12号']) {
      const r = await call(t.app, village, 'GET', `/api/households?q=${encodeURIComponent(q)}`);
      expect(r.body.items.map((h: HouseholdView) => h.id), q).toEqual([household.id]);
    }
  });

  it('adds, edits and removes residents; the head cannot be removed', async () => {
    const added = await call(t.app, village, 'POST', `/api/households/${household.id}/residents`, { name: '张建国', relation: 'child', idNumber: idNumber('19880505') });
    expect(added.status).toBe(201);
    const son = added.body.residents.find((r: { name: string }) => r.name === '张建国');
    const renamed = await call(t.app, village, 'PATCH', `/api/residents/${son.id}`, { name: '张建华', health: '高血压' });
    expect(renamed.body.residents.find((r: { id: string }) => r.id === son.id)).toMatchObject({ name: '张建华', health: '***' });
    expect((await call(t.app, village, 'GET', '/api/households?q=zjh')).body.total).toBe(1);
    const head = renamed.body.residents.find((r: { relation: string }) => r.relation === 'head');
    expect((await call(t.app, village, 'DELETE', `/api/residents/${head.id}`)).status).toBe(422);
    expect((await call(t.app, village, 'DELETE', `/api/residents/${son.id}`)).body.residentCount).toBe(3);
  });

  it('moving a household to a grid without a party group changes who sees it', async () => {
    const plain = (await call(t.app, village, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: '测试二网格', code: code('W') })).body;
    expect((await call(t.app, village, 'PATCH', `/api/households/${household.id}`, { gridId: plain.id })).status).toBe(200);
    const worker = await login(t.app, 'demo-grid');
    expect((await call(t.app, worker, 'GET', `/api/households/${household.id}`)).status).toBe(404);
    expect((await call(t.app, village, 'PATCH', `/api/households/${household.id}`, { gridId: grid.id })).status).toBe(200);
    expect((await call(t.app, worker, 'GET', `/api/households/${household.id}`)).status).toBe(200);
  });

  it('follows its village when the village moves to another township (scope paths rewritten)', async () => {
    const qs = byCode('SFX-QS-QS');
    expect((await call(t.app, county, 'POST', `/api/orgs/${qs.id}/move`, { parentId: byCode('SFX-HK').id })).status).toBe(200);
    expect((await call(t.app, village, 'GET', `/api/households/${household.id}`)).status).toBe(200);
    expect((await call(t.app, await login(t.app, 'demo-grid'), 'GET', '/api/households')).body.total).toBe(1);
    const township = await login(t.app, 'demo-township');
    expect((await call(t.app, township, 'GET', `/api/households/${household.id}`)).status).toBe(404);
    const stale = rowsOf<{ n: number }>(await t.database.db.execute(sql`
      select count(*)::int as n from residents r join households h on h.county_id = r.county_id and h.id = r.household_id
       where r.org_path <> h.org_path`));
    expect(stale[0]!.n).toBe(0);
    await call(t.app, county, 'POST', `/api/orgs/${qs.id}/move`, { parentId: byCode('SFX-QS').id });
  });
});
