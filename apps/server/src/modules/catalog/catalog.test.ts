import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceItemView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let county: Session;
let countyId: string;
let deptId: string;
beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  countyId = (await call(t.app, county, 'GET', '/api/me')).body.user.countyId;
  deptId = (await call(t.app, county, 'GET', '/api/departments')).body.items.find((d: { name: string }) => d.name === '县民政局').id;
});
afterAll(() => t.close());

const item = {
  code: 'MZ-001', name: '城乡居民最低生活保障申请', category: 'civilAffairs', tier: 'county', handler: '社会救助股',
  contactPhone: '0710-3220101', conditions: '家庭人均收入低于当地低保标准', materials: ['户口簿', '身份证', '家庭收入证明'],
  steps: ['村(社区)受理代办', '乡镇审核', '县民政局审批'], promisedDays: 20, published: true,
};

describe('service catalog (便民服务事项)', () => {
  it('comes with the demo county’s items on all three tiers, rights items among them', async () => {
    const items = (await call(t.app, county, 'GET', '/api/catalog')).body.items as ServiceItemView[];
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(new Set(items.map((i) => i.tier))).toEqual(new Set(['village', 'township', 'county']));
    expect(items.filter((i) => i.category === 'rights').length).toBeGreaterThan(0);
    expect(items.filter((i) => i.tier === 'county').every((i) => i.departmentName)).toBe(true);
  });

  it('lets the county admin add items; a county-level item needs its department; codes are unique', async () => {
    expect((await call(t.app, county, 'POST', '/api/catalog', item)).body.error.fields.departmentId).toBeDefined();
    const created = await call(t.app, county, 'POST', '/api/catalog', { ...item, departmentId: deptId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ departmentName: '县民政局', materials: ['户口簿', '身份证', '家庭收入证明'], promisedDays: 20 });
    expect((await call(t.app, county, 'POST', '/api/catalog', { ...item, departmentId: deptId })).status).toBe(409);
    expect((await call(t.app, county, 'POST', '/api/catalog', { ...item, code: 'X-1', promisedDays: -1, category: 'magic' })).body.error.fields).toMatchObject({ promisedDays: expect.any(String), category: expect.any(String) });
    await call(t.app, county, 'POST', '/api/catalog', { code: 'WQ-001', name: '劳动纠纷调解', category: 'rights', tier: 'township', promisedDays: 10, published: false });
  });

  it('is read by every account of the county, written only by the county admin', async () => {
    for (const name of ['demo-township', 'demo-village', 'demo-grid', 'demo-dept', 'demo-evaluator']) {
      const s = await login(t.app, name);
      const codes = (await call(t.app, s, 'GET', '/api/catalog')).body.items.map((i: ServiceItemView) => i.code);
      expect(codes, name).toEqual(expect.arrayContaining(['MZ-001', 'WQ-001']));
      expect((await call(t.app, s, 'POST', '/api/catalog', { ...item, code: 'Z-9' })).status, name).toBe(403);
    }
  });

  it('publishes only published, active items to residents without an account', async () => {
    const ours = (items: ServiceItemView[]) => items.map((i) => i.code).filter((c) => c === 'MZ-001' || c === 'WQ-001');
    const pub = await call(t.app, null, 'GET', `/api/public/catalog?countyId=${countyId}`);
    expect(ours(pub.body.items)).toEqual(['MZ-001']);
    expect(pub.body.items.every((i: ServiceItemView) => i.published && !i.archived)).toBe(true);
    const all = (await call(t.app, county, 'GET', '/api/catalog')).body.items as ServiceItemView[];
    const mz = all.find((i) => i.code === 'MZ-001')!;
    expect((await call(t.app, county, 'PATCH', `/api/catalog/${mz.id}`, { archived: true })).body.archived).toBe(true);
    expect(ours((await call(t.app, null, 'GET', `/api/public/catalog?countyId=${countyId}`)).body.items)).toEqual([]);
    expect(ours((await call(t.app, county, 'GET', '/api/catalog')).body.items)).toEqual(['WQ-001']);
    expect(ours((await call(t.app, county, 'GET', '/api/catalog?includeArchived=true')).body.items).sort()).toEqual(['MZ-001', 'WQ-001']);
    const audit = await call(t.app, county, 'GET', '/api/audit?action=catalog.update');
    expect(audit.body.items[0].detail.after).toEqual({ archived: true });
  });
});
