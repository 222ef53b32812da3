import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgView } from '@jiceng/contract';
import { createTestApp, call, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { enrol, passwordStep } from '../../../test/two-factor.js';
import { createCounty } from './counties.service.js';
import { verifyAudit } from '../../platform/audit/audit.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('counties in one installation', () => {
  it('bootstraps a second county whose admin sees only it, and the demo county admin never sees it', async () => {
    await createCounty(t.database.db, { name: '中共临江县委员会', code: 'LJX', adminUsername: 'lj-admin', adminDisplayName: '临江县委组织部', adminPassword: 'Lin-Jiang-2026' });
    // a new county keeps the GB/T 22239 default: its admin enrols two-factor sign-in before anything else
    const first = await passwordStep(t.app, 'lj-admin', 'Lin-Jiang-2026');
    expect(first.body.next).toBe('enrol');
    expect((await call(t.app, first.session, 'GET', '/api/orgs')).status).toBe(403);
    await enrol(t.app, first.session);
    const lj = first.session;
    const mine = (await call(t.app, lj, 'GET', '/api/orgs')).body.items as OrgView[];
    expect(mine.map((o) => o.code)).toEqual(['LJX']);
    const { county, orgs } = await demoOrgs(t.app);
    expect(orgs.some((o) => o.code === 'LJX')).toBe(false);
    expect((await call(t.app, county, 'GET', `/api/orgs/${mine[0]!.id}`)).status).toBe(404);
    expect((await call(t.app, lj, 'GET', `/api/orgs/${orgs[0]!.id}`)).status).toBe(404);
    // a child org created in the new county lands there
    const r = await call(t.app, lj, 'POST', '/api/orgs', { parentId: mine[0]!.id, name: '中共江口镇委员会', code: 'LJX-JK', tier: 'township', level: 'committee', sector: 'rural' });
    expect(r.status).toBe(201);
    expect(r.body.countyId).toBe(mine[0]!.countyId);
    // the same code may exist in another county
    expect((await call(t.app, county, 'POST', '/api/orgs', { parentId: orgs[0]!.id, name: '同码测试', code: 'LJX-JK', tier: 'county', level: 'branch', sector: 'organ' })).status).toBe(201);
    expect((await call(t.app, lj, 'GET', '/api/users')).body.items.map((u: { username: string }) => u.username)).toEqual(['lj-admin']);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true, counties: 2 });
  });

  it('refuses a weak admin password and a taken username', async () => {
    await expect(createCounty(t.database.db, { name: 'x', code: 'X1', adminUsername: 'x-admin', adminDisplayName: 'x', adminPassword: 'password' })).rejects.toThrow(/policy/);
    await expect(createCounty(t.database.db, { name: 'x', code: 'X2', adminUsername: 'demo-county', adminDisplayName: 'x', adminPassword: 'Strong-Pass-2026' })).rejects.toThrow(/taken/);
  });
});
