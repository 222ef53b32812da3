import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs } from '../../../test/factories.js';
import { verifyAudit } from './audit.service.js';
import { canonicalJson } from './canonical.js';
import { rowsOf } from '../../db/client.js';

let t: TestContext;
let county: Session;
beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  const township = await login(t.app, 'demo-township');
  await call(t.app, township, 'POST', '/api/orgs', { parentId: d.byCode('SFX-QS').id, name: '审计测试村', code: code(), tier: 'village', level: 'branch', sector: 'rural' });
  await call(t.app, county, 'POST', '/api/departments', { name: '县审计局', code: 'SJ' });
});
afterAll(() => t.close());

describe('audit log', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('chains every write and login, and the chain verifies', async () => {
    const r = await verifyAudit(t.database.db);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.entries).toBeGreaterThanOrEqual(5);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    for (const stmt of [sql`update audit_log set action = 'x'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
      await expect(t.database.db.execute(stmt)).rejects.toThrow();
    }
  });

  it('shows a township admin only entries inside its township', async () => {
    const township = await login(t.app, 'demo-township');
    const me = await call(t.app, township, 'GET', '/api/me');
    const r = await call(t.app, township, 'GET', '/api/audit?limit=200');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    for (const e of r.body.items) expect(e.orgPath.startsWith(me.body.scope[0])).toBe(true);
    expect(r.body.items.some((e: { action: string }) => e.action === 'department.create')).toBe(false);
    const all = await call(t.app, county, 'GET', '/api/audit?limit=200');
    expect(all.body.items.some((e: { action: string }) => e.action === 'department.create')).toBe(true);
  });

  it('pages newest first with a keyset cursor and filters by action', async () => {
    const first = await call(t.app, county, 'GET', '/api/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
    const next = await call(t.app, county, 'GET', `/api/audit?limit=2&before=${first.body.nextBefore}`);
    expect(next.body.items[0].seq).toBeLessThan(first.body.items[1].seq);
    const creates = await call(t.app, county, 'GET', '/api/audit?action=org.create');
    expect(creates.body.items.every((e: { action: string }) => e.action === 'org.create')).toBe(true);
    expect((await call(t.app, county, 'GET', '/api/audit?from=2026-13-01')).status).toBe(400);
  });

  it('is not readable by a grid worker', async () => {
    const grid = await login(t.app, 'demo-grid');
    expect((await call(t.app, grid, 'GET', '/api/audit')).status).toBe(403);
  });

  it('reports the first broken link when an entry is altered behind the trigger', async () => {
    // behind the trigger without ALTER TABLE (which a distributed table would propagate to every shard): replica
    // mode skips ordinary triggers for this transaction; Citus carries the SET LOCAL to the shard's node
    const [{ county_id: countyId }] = rowsOf<{ county_id: string }>(await t.database.db.execute(sql`
      select county_id from audit_log where action = 'seed.demo' limit 1`)) as [{ county_id: string }];
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local citus.propagate_set_commands = 'local'`);
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set detail = '{"forged":true}' where county_id = ${countyId}::uuid and seq = 3`);
    });
    const r = await verifyAudit(t.database.db);
    expect(r).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('hash') });
  });
});
