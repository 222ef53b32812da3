import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgView, UserView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { passwordProblem } from '../../platform/auth/password.js';

let t: TestContext;
let county: Session;
let byCode: (c: string) => OrgView;
beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
});
afterAll(() => t.close());

const rules = { minLength: 8, minClasses: 3 };

describe('password rules', () => {
  it('asks for length, three character classes, and no common password', () => {
    expect(passwordProblem('Ab1-', 'u', rules)?.code).toBe('password.tooShort');
    expect(passwordProblem('abcdefgh1', 'u', rules)?.code).toBe('password.classes');
    expect(passwordProblem('Aa123456', 'u', rules)?.code).toBe('password.common');
    expect(passwordProblem('Zhang-San-2026', 'zhang', rules)?.code).toBe('password.containsUsername');
    expect(passwordProblem('Qing-Shan-2026', 'u', rules)).toBeNull();
  });
});

describe('accounts', () => {
  it('lets a township admin create a village cadre inside its township only', async () => {
    const township = await login(t.app, 'demo-township');
    const ok = await call(t.app, township, 'POST', '/api/users', {
      username: 'shimen-shuji', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ username: 'shimen-shuji', role: 'villageCadre', orgName: byCode('SFX-QS-SM').name });
    expect(ok.body.passwordHash).toBeUndefined();
    const outside = await call(t.app, township, 'POST', '/api/users', {
      username: 'hekou-shuji', displayName: '河口村书记', role: 'villageCadre', orgId: byCode('SFX-HK-HK').id, password: 'He-Kou-2026',
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.fields.orgId).toBeDefined();
  });

  it('never lets a user grant a role above their own', async () => {
    const township = await login(t.app, 'demo-township');
    const r = await call(t.app, township, 'POST', '/api/users', {
      username: 'sneaky', displayName: 'x', role: 'countyAdmin', orgId: byCode('SFX-QS').id, password: 'Sneaky-2026-x',
    });
    expect(r.status).toBe(403);
    expect(r.body.error.fields.role).toBeDefined();
  });

  it('binds roles to their tier and department handlers to a department', async () => {
    const wrongTier = await call(t.app, county, 'POST', '/api/users', {
      username: 'tier-probe', displayName: 'x', role: 'townshipAdmin', orgId: byCode('SFX-QS-QS').id, password: 'Tier-Probe-2026',
    });
    expect(wrongTier.status).toBe(422);
    expect(wrongTier.body.error.fields.orgId).toContain('乡镇');
    const noDept = await call(t.app, county, 'POST', '/api/users', {
      username: 'dept-probe', displayName: 'x', role: 'departmentHandler', password: 'Renshe-Ju-2026',
    });
    expect(noDept.body.error.fields.departmentId).toBeDefined();
    const depts = await call(t.app, county, 'GET', '/api/departments');
    const ok = await call(t.app, county, 'POST', '/api/users', {
      username: 'dept-probe', displayName: '人社局 孙丽', role: 'departmentHandler', departmentId: depts.body.items[1].id, password: 'Renshe-Ju-2026',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.departmentName).toBe(depts.body.items[1].name);
  });

  it('refuses a duplicate username (any case) with 409 on the username field', async () => {
    const r = await call(t.app, county, 'POST', '/api/users', {
      username: 'Demo-Village'.toLowerCase(), displayName: 'x', role: 'villageCadre', orgId: byCode('SFX-QS-QS').id, password: 'Dup-Name-2026',
    });
    expect(r.status).toBe(409);
    expect(r.body.error.fields.username).toContain('demo-village');
  });

  it('refuses bad usernames and over-long names with the field named', async () => {
    const r = await call(t.app, county, 'POST', '/api/users', {
      username: '张三', displayName: 'x'.repeat(51), role: 'villageCadre', orgId: byCode('SFX-QS-QS').id, password: 'Dup-Name-2026',
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(['displayName', 'username']);
  });

  it('shows a village cadre only the accounts of its village; by id too', async () => {
    const village = await login(t.app, 'demo-village');
    const list = (await call(t.app, village, 'GET', '/api/users')).body.items as UserView[];
    expect(list.map((u) => u.username).sort()).toEqual(['demo-grid', 'demo-village']);
    const all = (await call(t.app, county, 'GET', '/api/users')).body.items as UserView[];
    for (const u of all) {
      const r = await call(t.app, village, 'GET', `/api/users/${u.id}`);
      expect(r.status, u.username).toBe(list.some((x) => x.id === u.id) ? 200 : 404);
    }
  });

  it('finds accounts by display name in pinyin initials is not required, but by name and username it is', async () => {
    const r = await call(t.app, county, 'GET', '/api/users?q=demo-v');
    expect(r.body.items.map((u: UserView) => u.username)).toEqual(['demo-village']);
  });

  it('resets a password: old sessions end, the new password works', async () => {
    const grid = await login(t.app, 'demo-grid');
    const me = await call(t.app, grid, 'GET', '/api/me');
    const village = await login(t.app, 'demo-village');
    expect((await call(t.app, village, 'POST', `/api/users/${me.body.user.id}/password`, { password: 'Grid-Reset-2026' })).status).toBe(200);
    expect((await call(t.app, grid, 'GET', '/api/me')).status).toBe(401);
    await login(t.app, 'demo-grid', 'Grid-Reset-2026');
  });

  it('never lets a peer manage a peer: only a higher account resets, changes or disables (issue 15)', async () => {
    const make = async (username: string, role: string, org: string) => {
      const r = await call(t.app, county, 'POST', '/api/users', { username, displayName: username, role, orgId: byCode(org).id, password: 'Peer-Probe-2026' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body as UserView;
    };
    const cadre2 = await make('qs-cadre2', 'villageCadre', 'SFX-QS-QS');
    const township2 = await make('qs-township2', 'townshipAdmin', 'SFX-QS');
    const county2 = await make('county-admin2', 'countyAdmin', 'SFX');
    const village = await login(t.app, 'demo-village');
    const township = await login(t.app, 'demo-township');
    const peers: [Session, UserView][] = [[village, cadre2], [township, township2], [county, county2]];
    for (const [who, peer] of peers) {
      const reset = await call(t.app, who, 'POST', `/api/users/${peer.id}/password`, { password: 'Lock-Out-2026x' });
      expect(reset.status, `${who.username} → ${peer.username}`).toBe(403);
      expect(reset.body.error).toMatchObject({ code: 'user.notManaged', message: expect.stringContaining('同级账号不能互相管理') });
      expect((await call(t.app, who, 'PATCH', `/api/users/${peer.id}`, { disabled: true })).status).toBe(403);
      expect((await call(t.app, who, 'PATCH', `/api/users/${peer.id}`, { displayName: '改名' })).status).toBe(403);
      // the peer is not locked out
      await login(t.app, peer.username, 'Peer-Probe-2026');
    }
    // from above it works: the township resets the village cadre, the county the township admin
    expect((await call(t.app, township, 'POST', `/api/users/${cadre2.id}/password`, { password: 'From-Above-2026' })).status).toBe(200);
    expect((await call(t.app, county, 'PATCH', `/api/users/${township2.id}`, { displayName: '青山乡 新管理员' })).status).toBe(200);
    // …and the village cadre still manages the grid worker below it (the password test above)
  });

  it('does not let a user disable themselves', async () => {
    const me = await call(t.app, county, 'GET', '/api/me');
    const r = await call(t.app, county, 'PATCH', `/api/users/${me.body.user.id}`, { disabled: true });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.disabled).toBeDefined();
  });
});
