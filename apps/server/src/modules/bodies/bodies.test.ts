import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';

let t: TestContext;
let county: Session;
let village: Session;
let byCode: (c: string) => OrgView;
beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
  village = await login(t.app, 'demo-village');
});
afterAll(() => t.close());

describe('131n bodies and pairings', () => {
  it('records a village’s bodies and keeps them in scope', async () => {
    const r = await call(t.app, village, 'POST', '/api/bodies', { orgId: byCode('SFX-QS-QS').id, kind: 'deliberationCouncil', name: '青山村村民议事会', leaderName: '张德明', memberCount: 9 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'deliberationCouncil', orgName: byCode('SFX-QS-QS').name });
    expect((await call(t.app, village, 'POST', '/api/bodies', { orgId: byCode('SFX-QS-SM').id, kind: 'villageCommittee', name: 'x' })).status).toBe(403);
    expect((await call(t.app, county, 'POST', '/api/bodies', { orgId: byCode('SFX-QS').id, kind: 'villageCommittee', name: 'x' })).body.error.code).toBe('body.orgTier');
    expect((await call(t.app, village, 'POST', '/api/bodies', { orgId: byCode('SFX-QS-QS').id, kind: 'guild', name: 'x' })).status).toBe(400);
    const edited = await call(t.app, village, 'PATCH', `/api/bodies/${r.body.id}`, { memberCount: 11 });
    expect(edited.body.memberCount).toBe(11);
    const township = await login(t.app, 'demo-township');
    expect((await call(t.app, township, 'GET', '/api/bodies')).body.items).toHaveLength(1);
    const hk = await login(t.app, 'demo-county');
    expect((await call(t.app, hk, 'GET', `/api/bodies?orgId=${byCode('SFX-HK').id}`)).body.items).toHaveLength(0);
  });

  it('pairs a village with a county organ, a department and an enterprise', async () => {
    const depts = (await call(t.app, county, 'GET', '/api/departments')).body.items;
    const organ = await call(t.app, county, 'POST', '/api/pairings', { orgId: byCode('SFX-QS-QS').id, kind: 'coBuilding', partnerKind: 'org', partnerOrgId: byCode('SFX-JG-MZ').id, startedOn: '2025-01-01', purpose: '支部共建' });
    expect(organ.body).toMatchObject({ partnerName: '县民政局机关党支部', current: true });
    const dept = await call(t.app, county, 'POST', '/api/pairings', { orgId: byCode('SFX-QS-QS').id, kind: 'assistance', partnerKind: 'department', partnerDepartmentId: depts[0].id, startedOn: '2023-01-01', endedOn: '2024-12-31' });
    expect(dept.body.current).toBe(false);
    const ent = await call(t.app, village, 'POST', '/api/pairings', { orgId: byCode('SFX-QS-QS').id, kind: 'enterpriseVillage', partnerKind: 'enterprise', partnerName: '宏达建材有限公司', startedOn: '2026-03-01' });
    expect(ent.status).toBe(201);
    expect((await call(t.app, village, 'POST', '/api/pairings', { orgId: byCode('SFX-QS-QS').id, kind: 'enterpriseVillage', partnerKind: 'enterprise', startedOn: '2026-03-01' })).body.error.fields.partnerName).toBeDefined();
    expect((await call(t.app, village, 'POST', '/api/pairings', { orgId: byCode('SFX-QS-QS').id, kind: 'coBuilding', partnerKind: 'enterprise', partnerName: 'x', startedOn: '2026-03-01', endedOn: '2026-01-01' })).body.error.fields.endedOn).toBeDefined();
    expect((await call(t.app, village, 'GET', '/api/pairings?current=true')).body.items).toHaveLength(2);
    expect((await call(t.app, village, 'GET', '/api/pairings?current=false')).body.items).toHaveLength(1);
    const ended = await call(t.app, village, 'PATCH', `/api/pairings/${ent.body.id}`, { endedOn: '2026-06-30' });
    expect(ended.body.current).toBe(false);
  });
});
