import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicServiceItemDetail, ServiceItemView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { matchRank, normalizeQuery } from './catalog.search.js';

// 办事指南 search (issue 16 point 4) and an item's page with where to go (point 5), on the demo county's catalog.
let t: TestContext;
let county: Session;
let village: Session;
let countyId: string;
let orgs: { id: string; name: string; tier: string; parentId: string | null }[];
beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  village = await login(t.app, 'demo-village');
  countyId = (await call(t.app, county, 'GET', '/api/me')).body.user.countyId;
  orgs = (await call(t.app, null, 'GET', `/api/public/orgs?countyId=${countyId}`)).body.items;
});
afterAll(() => t.close());

const pub = async (q: string) => {
  const res = await call(t.app, null, 'GET', `/api/public/catalog?countyId=${countyId}&q=${encodeURIComponent(q)}`);
  expect(res.status, q).toBe(200);
  return (res.body.items as ServiceItemView[]).map((i) => i.code);
};
const desk = async (q: string) => ((await call(t.app, village, 'GET', `/api/catalog?q=${encodeURIComponent(q)}`)).body.items as ServiceItemView[]).map((i) => i.code);
const org = (name: string) => orgs.find((o) => o.name.includes(name))!;

describe('the guide finds what residents call things (names, aliases, conditions, materials; characters, pinyin, initials)', () => {
  it('finds 最低生活保障 by its alias 低保, its pinyin and its initials — on the public guide and at the desk', async () => {
    for (const q of ['低保', 'dibao', 'DiBao', 'di bao', '最低生活', 'zuidishenghuo', 'cxjm']) {
      expect((await pub(q))[0], q).toBe('MZ-01');
      expect((await desk(q))[0], q).toBe('MZ-01');
    }
    // initials: 低保's db, after the item whose code is DB-01 (a code is typed on purpose)
    expect(await pub('db')).toEqual(expect.arrayContaining(['DB-01', 'MZ-01']));
  });

  it('finds the placeholder’s own example 居住证 (and 养老保险), the name before a material that mentions it', async () => {
    expect((await pub('居住证'))[0]).toBe('GA-02');
    expect(await pub('暂住证')).toEqual(['GA-02']);
    expect(await pub('juzhuzheng')).toContain('GA-02');
    const pension = await pub('养老保险');
    expect(pension.slice(0, 2).sort()).toEqual(['RS-01', 'RS-02']);
  });

  it('finds items by what to bring and by their conditions', async () => {
    expect(await pub('林权证')).toEqual(['LY-01']);
    expect(await pub('80周岁')).toEqual(['MZ-03']);
    expect(await pub('linquanzheng')).toEqual(['LY-01']);
    const cards = await pub('银行卡');
    expect(cards).toEqual(expect.arrayContaining(['MZ-03', 'RS-02', 'CL-02']));
  });

  it('ranks the name first, then an alias, then the code, then pinyin, then conditions and materials', () => {
    const item = { id: 'x', code: 'MZ-09', name: '临时救助', aliases: ['救急'], conditions: '突发疾病', materials: ['身份证'], updatedAt: new Date(0) };
    expect([matchRank(item, '救助'), matchRank(item, '救急'), matchRank(item, 'mz-0'), matchRank(item, 'lsjz'), matchRank(item, '身份证'), matchRank(item, '低保')])
      .toEqual([0, 1, 2, 3, 4, null]);
    // initials of a paragraph would match almost anything: only full pinyin of ≥ 4 letters there
    expect(matchRank(item, 'tf')).toBeNull();
    expect(matchRank(item, 'tufa')).toBe(4);
    expect(normalizeQuery("  Xi'an  lu ")).toBe('xianlu');
  });

  it('finds nothing for what is not there, and bounds the query', async () => {
    expect(await pub('火星移民')).toEqual([]);
    const long = await call(t.app, null, 'GET', `/api/public/catalog?countyId=${countyId}&q=${'低'.repeat(51)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.fields.q).toBeDefined();
    expect((await call(t.app, county, 'GET', `/api/catalog?q=${'x'.repeat(51)}`)).body.error.fields.q).toBeDefined();
  });

  it('keeps aliases as data on the item: the county adds one and the guide finds it; bounded and named on error', async () => {
    const created = await call(t.app, county, 'POST', '/api/catalog', {
      code: 'MZ-77', name: '困难群众冬季取暖补助', aliases: ['烤火费', '取暖费'], category: 'civilAffairs', tier: 'township', promisedDays: 5, published: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.aliases).toEqual(['烤火费', '取暖费']);
    expect(await pub('烤火费')).toEqual(['MZ-77']);
    expect(await pub('khf')).toContain('MZ-77');
    const patched = await call(t.app, county, 'PATCH', `/api/catalog/${created.body.id}`, { aliases: ['烤火补贴'] });
    expect(patched.body.aliases).toEqual(['烤火补贴']);
    expect(await pub('烤火费')).toEqual([]);
    expect(await pub('烤火')).toEqual(['MZ-77']);
    const bad = await call(t.app, county, 'POST', '/api/catalog', { code: 'MZ-78', name: '某事项', aliases: ['长'.repeat(31)], category: 'other', tier: 'village', promisedDays: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)[0]).toMatch(/^aliases/);
  });
});

describe('an item of the guide says where to go (point 5)', () => {
  const detail = async (code: string, orgId?: string) => {
    const items = (await call(t.app, null, 'GET', `/api/public/catalog?countyId=${countyId}`)).body.items as ServiceItemView[];
    const id = items.find((i) => i.code === code)!.id;
    return call(t.app, null, 'GET', `/api/public/catalog/${id}?countyId=${countyId}${orgId ? `&orgId=${orgId}` : ''}`);
  };

  it('a township item: the resident’s village room (代办) and the township hall, each with address, hours and phone', async () => {
    const res = await detail('MZ-02', org('青山村').id);
    expect(res.status).toBe(200);
    const body = res.body as PublicServiceItemDetail;
    expect(body.item.code).toBe('MZ-02');
    expect(body.rooms.map((r) => [r.tier, r.name])).toEqual([['village', '青山村党群服务中心'], ['township', '青山乡便民服务中心']]);
    for (const r of body.rooms) expect(r, r.name ?? '').toMatchObject({ address: expect.any(String), hours: expect.stringContaining('周一至周五'), phone: expect.stringMatching(/^0710-\d{7}$/) });
    expect(body.departmentPhone).toBeNull();
  });

  it('a village item stops at the village room; a county item names its department’s phone; a township resident sees the hall', async () => {
    expect((await detail('RS-01', org('青山村').id)).body.rooms.map((r: { tier: string }) => r.tier)).toEqual(['village']);
    const county = (await detail('GA-02', org('青山村').id)).body as PublicServiceItemDetail;
    expect(county.rooms.map((r) => r.tier)).toEqual(['village', 'township']);
    expect(county.departmentPhone).toMatch(/^0710-/);
    const township = org('青山乡');
    expect(township.tier).toBe('township');
    expect((await detail('MZ-02', township.id)).body.rooms.map((r: { name: string }) => r.name)).toEqual(['青山乡便民服务中心']);
    expect((await detail('MZ-02')).body.rooms).toEqual([]);
  });

  it('refuses an org that is not a place of this county, and hides unpublished or unknown items', async () => {
    const countyRoot = orgs.find((o) => o.tier === 'county')!;
    for (const bad of [countyRoot.id, '0190a000-0000-7000-8000-000000000000']) {
      const res = await detail('MZ-02', bad);
      expect(res.status).toBe(422);
      expect(res.body.error.fields.orgId).toBeDefined();
    }
    expect((await call(t.app, null, 'GET', `/api/public/catalog/${orgs[0]!.id}?countyId=${countyId}`)).status).toBe(404);
    const hidden = await call(t.app, county, 'POST', '/api/catalog', { code: 'WQ-77', name: '未公开事项', category: 'rights', tier: 'township', promisedDays: 10, published: false });
    expect((await call(t.app, null, 'GET', `/api/public/catalog/${hidden.body.id}?countyId=${countyId}`)).status).toBe(404);
    expect((await call(t.app, null, 'GET', `/api/public/catalog/${hidden.body.id}?countyId=${countyId}&orgId=x`)).status).toBe(400);
  });
});

describe('service rooms are the county’s data (服务场所)', () => {
  it('lists every township hall and village room; the county admin sets one and the guide shows it; audited', async () => {
    const rooms = (await call(t.app, village, 'GET', '/api/service-rooms')).body.items as { orgId: string; tier: string; name: string | null; hours: string | null }[];
    const qs = org('青山村');
    expect(rooms.length).toBe(orgs.filter((o) => o.tier !== 'county').length);
    expect(rooms.find((r) => r.orgId === qs.id)).toMatchObject({ tier: 'village', name: '青山村党群服务中心', hours: expect.stringContaining('周一至周五') });
    const input = { name: '青山村党群服务中心', address: '青山乡青山村文化广场东侧', hours: '每天 8:00—18:00', phone: '0710-3231999' };
    expect((await call(t.app, village, 'PUT', `/api/service-rooms/${qs.id}`, input)).status).toBe(403);
    const put = await call(t.app, county, 'PUT', `/api/service-rooms/${qs.id}`, input);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ orgId: qs.id, ...input });
    const items = (await call(t.app, null, 'GET', `/api/public/catalog?countyId=${countyId}&q=MZ-02`)).body.items as ServiceItemView[];
    const shown = (await call(t.app, null, 'GET', `/api/public/catalog/${items[0]!.id}?countyId=${countyId}&orgId=${qs.id}`)).body as PublicServiceItemDetail;
    expect(shown.rooms[0]).toMatchObject(input);
    const audit = (await call(t.app, county, 'GET', '/api/audit?action=serviceRoom.update')).body.items;
    expect(audit[0].detail.after).toEqual(input);
    expect(audit[0].detail.before.hours).toContain('周一至周五');
  });

  it('refuses a bad phone and an org that is not a place, naming the field', async () => {
    const bad = await call(t.app, county, 'PUT', `/api/service-rooms/${org('青山村').id}`, { name: '青山村党群服务中心', phone: '电话0710' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.phone).toBeDefined();
    const root = orgs.find((o) => o.tier === 'county')!;
    const notPlace = await call(t.app, county, 'PUT', `/api/service-rooms/${root.id}`, { name: '县委' });
    expect(notPlace.status).toBe(422);
    expect(notPlace.body.error.fields.orgId).toBeDefined();
    expect((await call(t.app, county, 'PUT', `/api/service-rooms/${org('青山村').id}`, { name: '' })).body.error.fields.name).toBeDefined();
  });
});
