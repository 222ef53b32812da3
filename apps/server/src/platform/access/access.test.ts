// Access control, tested against an independent model: ancestry by walking parent ids (no ltree),
// permissions from the role table. Roles × every org node × every org route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type OrgView, type Role } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { DEMO_ACCOUNTS } from '../../modules/demo/demo.data.js';
import { rowsOf } from '../../db/client.js';
import { isWithin } from './access.js';

let t: TestContext;
let orgs: OrgView[];
const sessions = new Map<string, { s: Session; role: Role; orgId: string | null }>();

beforeAll(async () => {
  t = await createTestApp();
  ({ orgs } = await demoOrgs(t.app));
  for (const a of DEMO_ACCOUNTS) {
    const s = await login(t.app, a.username);
    const me = await call(t.app, s, 'GET', '/api/me');
    sessions.set(a.username, { s, role: a.role, orgId: me.body.user.orgId });
  }
  // a member's own login (issue 10; the harness seeds no members): bound to a branch of 青山村, it sees no org at all
  const village = sessions.get('demo-village')!.s;
  const branch = orgs.find((o) => o.code === 'SFX-QS-QS-B1')!;
  const m = await call(t.app, village, 'POST', '/api/members', { orgId: branch.id, name: '矩阵党员', status: 'activist', activistOn: '2026-01-01' });
  const opened = await call(t.app, village, 'POST', `/api/members/${m.body.id}/account`, { username: 'matrix-member' });
  await call(t.app, null, 'POST', '/api/auth/activate', { username: 'matrix-member', code: opened.body.activationCode, newPassword: DEMO_PASSWORD });
  sessions.set('matrix-member', { s: await login(t.app, 'matrix-member'), role: 'member', orgId: branch.id });
});
afterAll(() => t.close());

/** Independent model: is `node` the org `rootId` or below it, by walking parent ids. */
function isInside(nodeId: string, rootId: string | null): boolean {
  if (!rootId) return false;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  for (let cur = byId.get(nodeId); cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    if (cur.id === rootId) return true;
  }
  return false;
}
const may = (role: Role, p: 'org.read' | 'org.write') => ROLE_PERMISSIONS[role].includes(p);

describe('access matrix: roles × org nodes × org routes', () => {
  it('GET /api/orgs/:id answers 200 exactly inside the subtree, 404 outside, 403 without org.read', async () => {
    let checked = 0;
    for (const [name, { s, role, orgId }] of sessions) {
      for (const node of orgs) {
        const expected = !may(role, 'org.read') ? 403 : isInside(node.id, orgId) ? 200 : 404;
        const r = await call(t.app, s, 'GET', `/api/orgs/${node.id}`);
        expect(r.status, `${name} GET ${node.code}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBe(sessions.size * orgs.length);
  });

  it('the list holds exactly what GET /:id allows (record-vs-list consistency)', async () => {
    for (const [name, { s, role }] of sessions) {
      if (!may(role, 'org.read')) continue;
      const list = (await call(t.app, s, 'GET', '/api/orgs?includeArchived=true')).body.items.map((o: OrgView) => o.id).sort();
      const allowed: string[] = [];
      for (const node of orgs) if ((await call(t.app, s, 'GET', `/api/orgs/${node.id}`)).status === 200) allowed.push(node.id);
      expect(list, name).toEqual(allowed.sort());
    }
  });

  it('PATCH /api/orgs/:id (no-op rename) is allowed exactly for writers inside the subtree', async () => {
    for (const [name, { s, role, orgId }] of sessions) {
      for (const node of orgs) {
        const expected = !may(role, 'org.write') ? 403 : isInside(node.id, orgId) ? 200 : 404;
        const r = await call(t.app, s, 'PATCH', `/api/orgs/${node.id}`, { name: node.name });
        expect(r.status, `${name} PATCH ${node.code}`).toBe(expected);
      }
    }
  });

  it('POST /api/orgs/:id/move (to its own parent) needs the node strictly below the scope root and the parent in scope', async () => {
    for (const [name, { s, role, orgId }] of sessions) {
      for (const node of orgs) {
        if (!node.parentId) continue;
        const expected = !may(role, 'org.write')
          ? 403
          : !isInside(node.id, orgId)
            ? 404
            : node.id === orgId
              ? 403 // moving one's own root
              : 200;
        const r = await call(t.app, s, 'POST', `/api/orgs/${node.id}/move`, { parentId: node.parentId });
        expect(r.status, `${name} MOVE ${node.code}`).toBe(expected);
      }
    }
  });

  it('POST /api/orgs under a node is allowed exactly for writers whose subtree holds the parent', async () => {
    let n = 0;
    for (const [name, { s, role, orgId }] of sessions) {
      for (const node of orgs) {
        if (node.level === 'group') continue;
        const child = node.level === 'branch'
          ? { tier: node.tier, level: 'group', sector: node.sector }
          : { tier: node.tier, level: 'branch', sector: node.sector };
        const expected = !may(role, 'org.write') ? 403 : isInside(node.id, orgId) ? 201 : 403;
        const r = await call(t.app, s, 'POST', '/api/orgs', { parentId: node.id, name: `矩阵测试${n}`, code: `MX-${n++}`, ...child });
        expect(r.status, `${name} CREATE under ${node.code}: ${JSON.stringify(r.body)}`).toBe(expected);
      }
    }
  });
});

describe('scope filter', () => {
  it('ltree `<@` in the database agrees with the string model for any pair of paths', async () => {
    const label = fc.constantFrom('a', 'b', 'c', 'ab');
    const path = fc.array(label, { minLength: 1, maxLength: 5 }).map((xs) => xs.join('.'));
    await fc.assert(
      fc.asyncProperty(path, path, async (p, root) => {
        const [row] = rowsOf<{ inside: boolean }>(await t.database.db.execute(sql`select ${p}::ltree <@ ${root}::ltree as inside`));
        expect(row!.inside).toBe(isWithin(p, root));
      }),
      { numRuns: 200 },
    );
  });
});
