import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberView, OrgView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';

let t: TestContext;
let county: Session;
let village: Session;
let byCode: (c: string) => OrgView;
let zhang: MemberView;

beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
  village = await login(t.app, 'demo-village');
  zhang = (await call(t.app, village, 'POST', '/api/members', {
    orgId: byCode('SFX-QS-QS-B1').id, name: '张三丰', idNumber: idNumber('19700202'), phone: '13900000001',
    status: 'formal', activistOn: '1995-03-01', admittedOn: '1996-07-01', fullOn: '1997-07-01',
  })).body;
  await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B2').id, name: '李四', status: 'probationary', admittedOn: '2026-07-01', floating: true, floatingTo: '广东省深圳市' });
  await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1-G1').id, name: '王五', status: 'activist', activistOn: '2026-03-01' });
  await call(t.app, county, 'POST', '/api/members', { orgId: byCode('SFX-QS-SM').id, name: '赵六', status: 'formal' });
});
afterAll(() => t.close());

describe('members', () => {
  it('answers 401, then 403 to a department handler', async () => {
    expect((await call(t.app, null, 'GET', '/api/members')).status).toBe(401);
    expect((await call(t.app, await login(t.app, 'demo-dept'), 'GET', '/api/members')).status).toBe(403);
  });

  it('derives gender and birth date from the ID number and masks it', () => {
    // masked: the birth year, not the date, and the region code only (issue 15, finding 2)
    expect(zhang).toMatchObject({ birthDate: null, birthYear: 1970, masked: true, status: 'formal', orgName: byCode('SFX-QS-QS-B1').name });
    expect(zhang.idNumber).toMatch(/^420502\*{12}$/);
  });

  it('finds members by characters, full pinyin and initials ("zs" → 张三丰)', async () => {
    for (const q of ['张三', 'zhangsanfeng', 'zsf', 'zs']) {
      const r = await call(t.app, village, 'GET', `/api/members?q=${q}`);
      expect(r.body.items.map((m: MemberView) => m.name), q).toContain('张三丰');
    }
    expect((await call(t.app, village, 'GET', '/api/members?q=ls')).body.items.map((m: MemberView) => m.name)).toEqual(['李四']);
  });

  it('filters by status and floating, and pages with a total', async () => {
    expect((await call(t.app, village, 'GET', '/api/members?status=probationary')).body.items.map((m: MemberView) => m.name)).toEqual(['李四']);
    expect((await call(t.app, village, 'GET', '/api/members?floating=true')).body.items[0].floatingTo).toBe('广东省深圳市');
    const page = await call(t.app, village, 'GET', '/api/members?pageSize=2&page=2');
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.items).toHaveLength(1);
  });

  it('keeps a village cadre inside the village: list, by id and create', async () => {
    const all = (await call(t.app, county, 'GET', '/api/members')).body.items as MemberView[];
    const zhao = all.find((m) => m.name === '赵六')!;
    expect((await call(t.app, village, 'GET', `/api/members/${zhao.id}`)).status).toBe(404);
    expect((await call(t.app, village, 'GET', '/api/members')).body.items.map((m: MemberView) => m.name)).not.toContain('赵六');
    expect((await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-SM').id, name: 'x', status: 'formal' })).status).toBe(403);
  });

  it('refuses members on a committee, dates out of order, a floating member without a place, a duplicate ID', async () => {
    const onCommittee = await call(t.app, county, 'POST', '/api/members', { orgId: byCode('SFX-QS').id, name: 'x', status: 'formal' });
    expect(onCommittee.body.error.fields.orgId).toBe('党员应归属到党支部或党小组');
    const order = await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: 'x', status: 'formal', admittedOn: '2020-01-01', fullOn: '2019-01-01' });
    expect(order.body.error.fields.fullOn).toBeDefined();
    const floating = await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: 'x', status: 'formal', floating: true });
    expect(floating.body.error.fields.floatingTo).toBeDefined();
    const unmasked = await call(t.app, village, 'GET', `/api/members/${zhang.id}?unmask=true&unmaskReason=check`);
    const dup = await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '冒名', status: 'formal', idNumber: unmasked.body.idNumber });
    expect(dup.status).toBe(409);
  });

  it('records positions with dates and builds the development file', async () => {
    const grid = (await call(t.app, village, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: '中心户网格', code: code('W') })).body;
    const withPost = await call(t.app, village, 'POST', `/api/members/${zhang.id}/positions`, { kind: 'centralHousehold', gridId: grid.id, startedOn: '2024-01-01' });
    expect(withPost.status).toBe(201);
    expect(withPost.body.positions[0]).toMatchObject({ kind: 'centralHousehold', gridName: '中心户网格', current: true });
    const g = await call(t.app, village, 'GET', `/api/grids/${grid.id}`);
    expect(g.body.centralHouseholds.map((c: { name: string }) => c.name)).toEqual(['张三丰']);
    const bad = await call(t.app, village, 'PATCH', `/api/positions/${withPost.body.positions[0].id}`, { endedOn: '2023-01-01' });
    expect(bad.body.error.code).toBe('position.dates');
    await call(t.app, village, 'PATCH', `/api/positions/${withPost.body.positions[0].id}`, { endedOn: '2025-12-31' });
    expect((await call(t.app, village, 'GET', `/api/members?position=centralHousehold`)).body.total).toBe(0);
    const file = await call(t.app, village, 'GET', `/api/members/${zhang.id}/file`);
    expect(file.body.timeline.map((e: { title: string }) => e.title)).toEqual([
      '卸任党员中心户(楼栋长)', '任党员中心户(楼栋长)', '转为正式党员', '接收为预备党员', '确定为入党积极分子',
    ]);
  });

  it('archives (transfers out) a member: hidden from the list unless asked', async () => {
    const li = (await call(t.app, village, 'GET', '/api/members?q=ls')).body.items[0];
    expect((await call(t.app, village, 'PATCH', `/api/members/${li.id}`, { archived: true })).body.archived).toBe(true);
    expect((await call(t.app, village, 'GET', '/api/members?q=ls')).body.total).toBe(0);
    expect((await call(t.app, village, 'GET', '/api/members?q=ls&includeArchived=true')).body.total).toBe(1);
  });
});
