// A member's own login (issue 10 part 2): opening from the member record (scope), one-time activation (good /
// wrong / expired / reused / guessed codes), login after activation, the member's own routes, and the role matrix
// of `member` over every route of the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type Permission } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs, idNumber } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';

let t: TestContext;
let byCode: (code: string) => { id: string };
let county: Session;
let township: Session;
let village: Session;
let shimen: Session;
let wang: { id: string };
let li: { id: string };
let zhao: { id: string };
let organ: { id: string };
const NEW_PASSWORD = 'Hong-Xin-2026!a';

const activate = (username: string, code: string, newPassword = NEW_PASSWORD) =>
  call(t.app, null, 'POST', '/api/auth/activate', { username, code, newPassword });

beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  // 石门村's own cadre, opened by the township
  const made = await call(t.app, township, 'POST', '/api/users', { username: 'shimen-cadre', displayName: '石门村书记', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: DEMO_PASSWORD });
  expect(made.status).toBe(201);
  shimen = await login(t.app, 'shimen-cadre');
  const member = async (s: Session, body: Record<string, unknown>) => {
    const r = await call(t.app, s, 'POST', '/api/members', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string };
  };
  wang = await member(village, { orgId: byCode('SFX-QS-QS-B1').id, name: '王小红', idNumber: idNumber('19980305'), phone: '13900000011', status: 'probationary', activistOn: '2025-01-01', admittedOn: '2026-03-01' });
  li = await member(village, { orgId: byCode('SFX-QS-QS-B2').id, name: '李四', status: 'activist', activistOn: '2026-01-01' });
  zhao = await member(shimen, { orgId: byCode('SFX-QS-SM').id, name: '赵六', status: 'activist', activistOn: '2026-02-01' });
  organ = await member(county, { orgId: byCode('SFX-JG-MZ').id, name: '钱七', status: 'activist', activistOn: '2026-02-01' });
});
afterAll(() => t.close());

async function auditText(): Promise<string> {
  return rowsOf<{ d: string }>(await t.database.db.execute(sql`select coalesce(detail::text, '') as d from audit_log`)).map((r) => r.d).join('\n');
}

describe('opening a member’s own account', () => {
  it('is refused outside the caller’s scope (404), without user.write (403), and for role member on the generic user route', async () => {
    expect((await call(t.app, shimen, 'POST', `/api/members/${wang.id}/account`, {})).status).toBe(404);
    expect((await call(t.app, shimen, 'GET', `/api/members/${wang.id}/account`)).status).toBe(404);
    expect((await call(t.app, await login(t.app, 'demo-grid'), 'POST', `/api/members/${wang.id}/account`, {})).status).toBe(403);
    expect((await call(t.app, village, 'POST', `/api/members/01900000-0000-7000-8000-000000000000/account`, {})).status).toBe(404);
    const generic = await call(t.app, village, 'POST', '/api/users', { username: 'wang-direct', displayName: '王小红', role: 'member', orgId: byCode('SFX-QS-QS-B1').id, password: DEMO_PASSWORD });
    expect(generic.status).toBe(422);
    expect(generic.body.error.fields.role).toContain('党员档案');
    expect((await call(t.app, village, 'GET', `/api/members/${wang.id}/account`)).body.status).toBe('none');
    // an archived (transferred-out) member gets no account
    const gone = (await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '周八', status: 'formal' })).body;
    expect((await call(t.app, village, 'PATCH', `/api/members/${gone.id}`, { archived: true })).status).toBe(200);
    const archived = await call(t.app, village, 'POST', `/api/members/${gone.id}/account`, {});
    expect(archived.status).toBe(422);
    expect(archived.body.error.message).toContain('归档');
    // two cadres at once: one account, the other answer is 409
    const wu = (await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '吴九', status: 'activist', activistOn: '2026-01-01' })).body;
    const twice = await Promise.all([1, 2].map(() => call(t.app, village, 'POST', `/api/members/${wu.id}/account`, {}).then((r) => r.status)));
    expect(twice.sort()).toEqual([201, 409]);
  });

  it('opens one account per member with a pinyin username and a one-time code that is never logged', async () => {
    const r = await call(t.app, village, 'POST', `/api/members/${wang.id}/account`, {});
    expect(r.status).toBe(201);
    expect(r.res.headers['cache-control']).toBe('no-store');
    expect(r.body.username).toMatch(/^wangxiaohong\d{4}$/);
    expect(r.body.activationCode).toMatch(/^[A-Z2-9]{10}$/);
    const days = (Date.parse(r.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect((await call(t.app, village, 'POST', `/api/members/${wang.id}/account`, {})).status).toBe(409);
    const status = (await call(t.app, village, 'GET', `/api/members/${wang.id}/account`)).body;
    expect(status).toMatchObject({ status: 'pending', username: r.body.username, activationExpired: false });
    // the account is a member of the cadre's list, bound to the member
    const users = (await call(t.app, village, 'GET', '/api/users?role=member')).body.items;
    expect(users.map((u: { memberId: string }) => u.memberId)).toContain(wang.id);
    const audit = await auditText();
    expect(audit).toContain(r.body.username);
    expect(audit).not.toContain(r.body.activationCode);
    // nobody can log in before the activation
    expect((await call(t.app, null, 'POST', '/api/auth/login', { username: r.body.username, password: r.body.activationCode })).status).toBe(401);

    // wrong code, unknown name: one answer
    const wrong = await activate(r.body.username, 'ABCDEFGHJK');
    const unknown = await activate('nobody-here', r.body.activationCode);
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(wrong.body.error.fields.code).toBeDefined();
    // a right code with a weak password: the password is named, the code stays valid
    const weak = await activate(r.body.username, r.body.activationCode, 'short');
    expect(weak.status).toBe(422);
    expect(weak.body.error.fields.newPassword).toBeDefined();
    // typed in lower case with a dash: the same code
    const typed = `${r.body.activationCode.slice(0, 5).toLowerCase()}-${r.body.activationCode.slice(5)}`;
    expect((await activate(r.body.username, typed)).status).toBe(200);
    // used once
    expect((await activate(r.body.username, r.body.activationCode, 'Another-Pass-77')).status).toBe(422);

    const me = await login(t.app, r.body.username, NEW_PASSWORD);
    const who = (await call(t.app, me, 'GET', '/api/me')).body;
    expect(who.user).toMatchObject({ role: 'member', memberId: wang.id, displayName: '王小红' });
    expect(who.scope).toEqual([]);
    expect([...who.permissions].sort()).toEqual([...ROLE_PERMISSIONS.member].sort());
    expect((await call(t.app, village, 'GET', `/api/members/${wang.id}/account`)).body.status).toBe('active');
    const actions = rowsOf<{ action: string }>(await t.database.db.execute(sql`select action from audit_log where action in ('user.memberAccountOpened', 'auth.activated', 'auth.activationFailed')`)).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['user.memberAccountOpened', 'auth.activated', 'auth.activationFailed']));
  });

  it('an expired code is refused with the same answer; a new code replaces it and ends the old password', async () => {
    const opened = (await call(t.app, village, 'POST', `/api/members/${li.id}/account`, { username: 'li-si-m' })).body;
    expect(opened.username).toBe('li-si-m');
    await t.database.db.execute(sql`update member_activations set expires_at = now() - interval '1 minute' where user_id = ${opened.userId}`);
    expect((await call(t.app, village, 'GET', `/api/members/${li.id}/account`)).body).toMatchObject({ status: 'pending', activationExpired: true });
    const expired = await activate('li-si-m', opened.activationCode);
    expect(expired.status).toBe(422);
    expect(expired.body.error.message).toBe((await activate('nobody-here', 'X')).body.error.message);
    // 石门村 cannot reissue it; 青山村 can
    expect((await call(t.app, shimen, 'POST', `/api/members/${li.id}/account/reset`)).status).toBe(404);
    const fresh = (await call(t.app, village, 'POST', `/api/members/${li.id}/account/reset`)).body;
    expect(fresh.activationCode).not.toBe(opened.activationCode);
    expect((await activate('li-si-m', opened.activationCode)).status).toBe(422);
    expect((await activate('li-si-m', fresh.activationCode)).status).toBe(200);
    const s = await login(t.app, 'li-si-m', NEW_PASSWORD);
    expect((await call(t.app, s, 'GET', '/api/me/member')).status).toBe(200);
    // a reset ends the sessions and the password until the new code is used
    const again = (await call(t.app, village, 'POST', `/api/members/${li.id}/account/reset`)).body;
    expect((await call(t.app, s, 'GET', '/api/me/member')).status).toBe(401);
    expect((await call(t.app, null, 'POST', '/api/auth/login', { username: 'li-si-m', password: NEW_PASSWORD })).status).toBe(401);
    expect((await activate('li-si-m', again.activationCode)).status).toBe(200);
    // disabling goes through the user routes (the cadre manages the member's account)
    expect((await call(t.app, village, 'PATCH', `/api/users/${opened.userId}`, { disabled: true })).status).toBe(200);
    expect((await call(t.app, village, 'GET', `/api/members/${li.id}/account`)).body.status).toBe('disabled');
    expect((await call(t.app, village, 'POST', `/api/members/${li.id}/account/reset`)).status).toBe(409);
    expect((await call(t.app, null, 'POST', '/api/auth/login', { username: 'li-si-m', password: NEW_PASSWORD })).status).toBe(401);
  });

  it('codes cannot be guessed: 20 wrong tries lock the name, then even the right code is refused', async () => {
    const opened = (await call(t.app, shimen, 'POST', `/api/members/${zhao.id}/account`, {})).body;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await activate(opened.username, `WRONG${String(i).padStart(5, '2')}`)).status);
    expect(statuses.every((s) => s === 422 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 422).length).toBeLessThan(20);
    expect(statuses.at(-1)).toBe(429);
    expect((await activate(opened.username, opened.activationCode)).status).toBe(429);
    // the login of the same name is locked too (one throttle per typed name)
    expect((await call(t.app, null, 'POST', '/api/auth/login', { username: opened.username, password: 'x' })).status).toBe(429);
  });
});

describe('a member’s own login', () => {
  let wangSession: Session;
  let organSession: Session;
  beforeAll(async () => {
    const wangUser = (await call(t.app, village, 'GET', `/api/members/${wang.id}/account`)).body.username;
    wangSession = await login(t.app, wangUser, NEW_PASSWORD);
    const o = (await call(t.app, county, 'POST', `/api/members/${organ.id}/account`, { username: 'qian-qi' })).body;
    expect((await activate('qian-qi', o.activationCode)).status).toBe(200);
    organSession = await login(t.app, 'qian-qi', NEW_PASSWORD);
    // 县民政局机关党支部 is paired with 青山村
    const p = await call(t.app, county, 'POST', '/api/pairings', { orgId: byCode('SFX-QS-QS').id, kind: 'coBuilding', partnerKind: 'org', partnerOrgId: byCode('SFX-JG-MZ').id, startedOn: '2025-01-01' });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
  });

  it('reads its own development file only, masked', async () => {
    const file = await call(t.app, wangSession, 'GET', '/api/me/member');
    expect(file.status).toBe(200);
    expect(file.body.member).toMatchObject({ id: wang.id, name: '王小红', masked: true, birthDate: null });
    expect(file.body.member.idNumber).toMatch(/\*/);
    expect(file.body.timeline.map((e: { kind: string }) => e.kind)).toContain('status.probationary');
    expect((await call(t.app, organSession, 'GET', '/api/me/member')).body.member.id).toBe(organ.id);
    // a cadre has no member record of its own here
    expect((await call(t.app, village, 'GET', '/api/me/member')).status).toBe(403);
  });

  it('lists the own village and the paired villages as places for volunteer hours', async () => {
    const own = (await call(t.app, wangSession, 'GET', '/api/me/volunteer-places')).body.items;
    expect(own).toEqual([expect.objectContaining({ orgId: byCode('SFX-QS-QS').id, own: true, pairingId: null })]);
    const paired = (await call(t.app, organSession, 'GET', '/api/me/volunteer-places')).body.items;
    expect(paired).toEqual([expect.objectContaining({ orgId: byCode('SFX-QS-QS').id, own: false })]);
    expect(paired[0].pairingId).toBeTruthy();
  });

  it('cannot read any other member, household, case, visit, org or account: 403 on every route outside its permissions', async () => {
    const mine = new Set<string>(ROLE_PERMISSIONS.member);
    let checked = 0;
    for (const r of t.app.routeTable) {
      if (r.method === 'HEAD' || r.permission === 'public' || r.permission === 'authenticated' || r.permission === undefined) continue;
      if (mine.has(r.permission as Permission)) continue;
      if (!r.url.startsWith('/api/')) continue;
      const url = r.url.replace(/:[A-Za-z]+/g, wang.id);
      const res = await call(t.app, wangSession, r.method as 'GET', url, r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
    // its own file through the desk route is not open either: member.read is a cadre's permission
    expect((await call(t.app, wangSession, 'GET', `/api/members/${wang.id}/file`)).status).toBe(403);
    expect((await call(t.app, wangSession, 'GET', `/api/members/${li.id}/file`)).status).toBe(403);
  });

  it('answers only its own records on the routes it may use', async () => {
    // records of others exist: a volunteer shift and a commitment of 李四 (logged by the cadre), and the member's own
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    const qs = byCode('SFX-QS-QS').id;
    const shift = (hoursAgo: number) => ({
      orgId: qs, place: '青山村党员群众服务中心', content: '整理便民服务台账',
      startsAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(), endsAt: new Date(Date.now() - (hoursAgo - 1) * 3_600_000).toISOString(),
    });
    expect((await call(t.app, village, 'POST', '/api/volunteer-records', { memberId: li.id, ...shift(30) })).status).toBe(201);
    const own = await call(t.app, wangSession, 'POST', '/api/me/volunteer-records', shift(30));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    // a member may not log for another member, nor confirm anything (its own neither)
    expect((await call(t.app, wangSession, 'POST', '/api/volunteer-records', { memberId: li.id, ...shift(50) })).status).toBe(403);
    expect((await call(t.app, wangSession, 'POST', `/api/volunteer-records/${own.body.id}/confirm`, {})).status).toBe(403);
    expect((await call(t.app, wangSession, 'GET', `/api/volunteer-records/${own.body.id}`)).status).toBe(403);
    for (const memberId of [li.id, wang.id]) {
      const c = await call(t.app, village, 'POST', '/api/commitments', { orgId: byCode('SFX-QS-QS').id, memberId, year, items: ['每月联系服务群众不少于3户'] });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
    }
    const mine = (await call(t.app, wangSession, 'GET', `/api/me/volunteer-records?year=${year}`)).body;
    expect(mine.items.map((r: { id: string }) => r.id)).toEqual([own.body.id]);
    expect((await call(t.app, wangSession, 'GET', `/api/me/commitments?year=${year}`)).body.items.map((c: { memberId: string }) => c.memberId)).toEqual([wang.id]);
    for (const r of t.app.routeTable) {
      if (r.method !== 'GET' || r.permission !== 'self.service' || r.url.includes(':')) continue;
      const res = await call(t.app, wangSession, 'GET', r.url);
      expect(res.status, r.url).toBeLessThan(300);
      const text = JSON.stringify(res.body);
      for (const other of [li.id, zhao.id, organ.id]) expect(text, r.url).not.toContain(other);
      expect(text, r.url).not.toContain('李四');
    }
  });
});
