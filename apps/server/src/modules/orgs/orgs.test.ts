import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, call, login, type TestContext, type Session } from '../../../test/harness.js';
import { code, demoOrgs } from '../../../test/factories.js';
import type { OrgView } from '@jiceng/contract';
import { rowsOf } from '../../db/client.js';
import { sql } from 'drizzle-orm';

let t: TestContext;
let county: Session;
let byCode: (code: string) => OrgView;

beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
});
afterAll(() => t.close());

describe('orgs: the gate comes first', () => {
  it('answers 401 without a session', async () => {
    const r = await call(t.app, null, 'GET', '/api/orgs');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('auth.required');
    expect(r.body.error.message).toBe('请先登录');
  });

  it('answers 403 to a role without org.read (department handler)', async () => {
    const dept = await login(t.app, 'demo-dept');
    expect((await call(t.app, dept, 'GET', '/api/orgs')).status).toBe(403);
  });

  it('refuses a write without the CSRF header', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: county.cookie }, payload: {} });
    expect(r.statusCode).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('auth.csrf');
  });
});

describe('orgs: bad input is named and changes nothing', () => {
  it('names unknown fields, wrong types and over-long strings', async () => {
    const qs = byCode('SFX-QS');
    const r = await call(t.app, county, 'POST', '/api/orgs', {
      parentId: qs.id, name: 'x'.repeat(101), code: 'OK-1', tier: 'village', level: 7, sector: 'rural', color: 'red',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation.failed');
    expect(r.body.error.fields).toMatchObject({ name: '最多 100 个字符', level: expect.stringContaining('取值必须是以下之一'), color: '不允许的字段' });
  });

  it('says "required" for a missing field, in English when asked', async () => {
    const r = await call(t.app, county, 'POST', '/api/orgs', { name: '新村' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('Some fields are invalid');
    expect(r.body.error.fields.parentId).toBe('is required');
  });

  it('refuses a duplicate code with 409 on the code field', async () => {
    const r = await call(t.app, county, 'POST', '/api/orgs', {
      parentId: byCode('SFX-QS').id, name: '重复村', code: 'SFX-QS-QS', tier: 'village', level: 'branch', sector: 'rural',
    });
    expect(r.status).toBe(409);
    expect(r.body.error.fields.code).toContain('SFX-QS-QS');
  });

  it('refuses a group directly under a township committee', async () => {
    const r = await call(t.app, county, 'POST', '/api/orgs', {
      parentId: byCode('SFX-QS').id, name: '错层小组', code: code(), tier: 'village', level: 'group', sector: 'rural',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.level).toBeDefined();
  });

  it('refuses moving an org under its own descendant, and nothing moves', async () => {
    const qs = byCode('SFX-QS');
    const child = byCode('SFX-QS-QS');
    const r = await call(t.app, county, 'POST', `/api/orgs/${qs.id}/move`, { parentId: child.id });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('org.moveIntoOwnSubtree');
    expect((await call(t.app, county, 'GET', `/api/orgs/${qs.id}`)).body.path).toBe(qs.path);
  });

  it('answers 400 on a malformed id and 404 on an unknown one', async () => {
    expect((await call(t.app, county, 'GET', '/api/orgs/not-a-uuid')).status).toBe(400);
    expect((await call(t.app, county, 'GET', '/api/orgs/01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

describe('orgs: create, rename, move, archive', () => {
  it('creates a village under a township with a path below the parent', async () => {
    const qs = byCode('SFX-QS');
    const r = await call(t.app, county, 'POST', '/api/orgs', {
      parentId: qs.id, name: '中共桃源村支部委员会', code: code('TY'), tier: 'village', level: 'branch', sector: 'rural',
    });
    expect(r.status).toBe(201);
    expect(r.body.path.startsWith(`${qs.path}.`)).toBe(true);
    expect(r.body.depth).toBe(qs.depth + 1);
  });

  it('finds orgs by characters, full pinyin and initials', async () => {
    for (const q of ['青山村', 'qingshancun', 'qsc']) {
      const r = await call(t.app, county, 'GET', `/api/orgs?q=${encodeURIComponent(q)}`);
      expect(r.body.items.map((o: OrgView) => o.code), q).toContain('SFX-QS-QS');
    }
  });

  it('renames an org and records before/after in the audit log', async () => {
    const sm = byCode('SFX-QS-SM');
    const r = await call(t.app, county, 'PATCH', `/api/orgs/${sm.id}`, { name: '中共石门村支部委员会（新）' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('中共石门村支部委员会（新）');
    const audit = await call(t.app, county, 'GET', '/api/audit?action=org.update&limit=1');
    expect(audit.body.items[0].detail).toMatchObject({ before: { name: sm.name }, after: { name: '中共石门村支部委员会（新）' } });
  });

  it('moves a village with all its descendants and the accounts bound below it', async () => {
    const village = byCode('SFX-QS-QS');
    const target = byCode('SFX-HK');
    const before = (await call(t.app, county, 'GET', '/api/orgs')).body.items.filter((o: OrgView) => o.path.startsWith(village.path)).length;
    const r = await call(t.app, county, 'POST', `/api/orgs/${village.id}/move`, { parentId: target.id });
    expect(r.status).toBe(200);
    expect(r.body.movedCount).toBe(before);
    const after = (await call(t.app, county, 'GET', '/api/orgs')).body.items as OrgView[];
    const moved = after.filter((o) => o.path.startsWith(`${target.path}.${village.path.split('.').at(-1)}`));
    expect(moved).toHaveLength(before);
    // the village cadre bound to the village keeps seeing exactly the village's subtree
    const cadre = await login(t.app, 'demo-village');
    const seen = (await call(t.app, cadre, 'GET', '/api/orgs')).body.items as OrgView[];
    expect(seen.map((o) => o.id).sort()).toEqual(moved.map((o) => o.id).sort());
    // its root names the new parent, though the parent is outside the cadre's scope
    expect(seen.find((o) => o.id === village.id)?.parentName).toBe(target.name);
    const paths = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from users where org_path <@ ${r.body.org.path}::ltree`));
    expect(paths[0]!.n).toBe(2); // demo-village and demo-grid
    // and back
    expect((await call(t.app, county, 'POST', `/api/orgs/${village.id}/move`, { parentId: village.parentId })).status).toBe(200);
  });

  it('archives only leaves, hides archived orgs by default, and restores them', async () => {
    const village = byCode('SFX-QS-BG');
    expect((await call(t.app, county, 'POST', `/api/orgs/${village.id}/archive`)).body.error.code).toBe('org.hasActiveChildren');
    const groups = (await call(t.app, county, 'GET', '/api/orgs')).body.items.filter((o: OrgView) => o.parentId === village.id);
    for (const g of groups) expect((await call(t.app, county, 'POST', `/api/orgs/${g.id}/archive`)).status).toBe(200);
    expect((await call(t.app, county, 'POST', `/api/orgs/${village.id}/archive`)).status).toBe(200);
    const visible = (await call(t.app, county, 'GET', '/api/orgs')).body.items.map((o: OrgView) => o.id);
    expect(visible).not.toContain(village.id);
    const all = (await call(t.app, county, 'GET', '/api/orgs?includeArchived=true')).body.items as OrgView[];
    expect(all.find((o) => o.id === village.id)?.archived).toBe(true);
    expect((await call(t.app, county, 'POST', `/api/orgs/${groups[0].id}/restore`)).body.error.code).toBe('org.parentArchived');
    expect((await call(t.app, county, 'POST', `/api/orgs/${village.id}/restore`)).status).toBe(200);
  });

  it('deletes an org only when nothing hangs on it', async () => {
    const qs = byCode('SFX-QS-QS');
    expect((await call(t.app, county, 'DELETE', `/api/orgs/${qs.id}`)).status).toBe(409);
    const created = await call(t.app, county, 'POST', '/api/orgs', {
      parentId: byCode('SFX-QS').id, name: '临时村', code: code(), tier: 'village', level: 'branch', sector: 'rural',
    });
    expect((await call(t.app, county, 'DELETE', `/api/orgs/${created.body.id}`)).status).toBe(200);
    expect((await call(t.app, county, 'GET', `/api/orgs/${created.body.id}`)).status).toBe(404);
  });

  it('does not let a township admin move its own township', async () => {
    const township = await login(t.app, 'demo-township');
    const r = await call(t.app, township, 'POST', `/api/orgs/${byCode('SFX-QS').id}/move`, { parentId: byCode('SFX-QS').parentId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('org.moveRoot');
  });
});

describe('departments', () => {
  it('lists the county departments and lets only the county admin add one', async () => {
    const list = await call(t.app, county, 'GET', '/api/departments');
    expect(list.body.items.map((d: { name: string }) => d.name)).toContain('县民政局');
    const township = await login(t.app, 'demo-township');
    expect((await call(t.app, township, 'POST', '/api/departments', { name: '县水利局', code: 'SL' })).status).toBe(403);
    expect((await call(t.app, county, 'POST', '/api/departments', { name: '县水利局', code: 'SL' })).status).toBe(201);
    expect((await call(t.app, county, 'POST', '/api/departments', { name: '县水利局2', code: 'SL' })).status).toBe(409);
  });
});
