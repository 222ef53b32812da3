import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, call, cookiesOf, login, DEMO_PASSWORD, type TestContext } from '../../../test/harness.js';
import { purgeExpiredSessions } from './auth.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login', () => {
  it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const res = await attempt('demo-county', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'jiceng_session')!;
    const csrf = res.cookies.find((c) => c.name === 'jiceng_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf.sameSite).toBe('Strict');
  });

  it('stores only a hash of the session token', async () => {
    const res = await attempt('demo-county', DEMO_PASSWORD);
    const token = cookiesOf(res).jiceng_session!;
    const rows = (await t.database.db.execute(sql`select token_hash from sessions`)) as unknown as { rows: { token_hash: string }[] };
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('answers an unknown user and a wrong password with the same 401', async () => {
    const a = await attempt('nobody-here', 'Whatever-123');
    const b = await attempt('demo-township', 'Wrong-Pass-123');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.body).toBe(b.body);
    expect(JSON.parse(a.body).error.message).toBe('用户名或密码错误');
  });

  it('locks a name after 5 failures for unknown and known names alike, even with the right password', async () => {
    for (const name of ['demo-evaluator', 'ghost-user']) {
      for (let i = 0; i < 5; i++) expect((await attempt(name, 'Wrong-Pass-123')).statusCode).toBe(401);
      const locked = await attempt(name, DEMO_PASSWORD);
      expect(locked.statusCode, name).toBe(429);
      expect(JSON.parse(locked.body).error.code).toBe('auth.locked');
      expect(locked.headers['retry-after']).toBe(String(15 * 60));
    }
    // when the lock has run out, the right password works again
    await t.database.db.execute(sql`update login_throttle set locked_until = now() - interval '1 second'`);
    expect((await attempt('demo-evaluator', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('audits successful and failed logins', async () => {
    const county = await login(t.app, 'demo-county');
    const failed = await call(t.app, county, 'GET', '/api/audit?action=auth.loginFailed');
    expect(failed.body.items.length).toBeGreaterThan(0);
    expect(failed.body.items[0].detail.reason).toBeDefined();
    const ok = await call(t.app, county, 'GET', '/api/audit?action=auth.login');
    expect(ok.body.items.length).toBeGreaterThan(0);
  });

  it('rate-limits a login flood per address', async () => {
    const strict = await createTestApp({ loginRateLimit: 5 }, { demo: false });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        codes.push((await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `flood${i}`, password: 'x' } })).statusCode);
      }
      expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  it('refuses a login body with unknown fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.fields.admin).toBe('不允许的字段');
  });
});

describe('sessions', () => {
  it('logout kills the session', async () => {
    const s = await login(t.app, 'demo-grid');
    expect((await call(t.app, s, 'GET', '/api/me')).status).toBe(200);
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).status).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/me')).status).toBe(401);
  });

  it('expires after the idle timeout and after the absolute lifetime', async () => {
    const idle = await login(t.app, 'demo-grid');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    const r = await call(t.app, idle, 'GET', '/api/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('auth.sessionExpired');

    const old = await login(t.app, 'demo-grid');
    await t.database.db.execute(sql`update sessions set created_at = now() - interval '12 hours 1 minute'`);
    expect((await call(t.app, old, 'GET', '/api/me')).status).toBe(401);
  });

  it('disabling a user kills all their sessions', async () => {
    const county = await login(t.app, 'demo-county');
    const a = await login(t.app, 'demo-dept');
    const b = await login(t.app, 'demo-dept');
    const me = await call(t.app, a, 'GET', '/api/me');
    expect((await call(t.app, county, 'PATCH', `/api/users/${me.body.user.id}`, { disabled: true })).status).toBe(200);
    expect((await call(t.app, a, 'GET', '/api/me')).status).toBe(401);
    expect((await call(t.app, b, 'GET', '/api/me')).status).toBe(401);
    expect((await attempt('demo-dept', DEMO_PASSWORD)).statusCode).toBe(401);
    await call(t.app, county, 'PATCH', `/api/users/${me.body.user.id}`, { disabled: false });
    expect((await attempt('demo-dept', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a write whose CSRF header does not match the session', async () => {
    const s = await login(t.app, 'demo-county');
    const r = await call(t.app, { ...s, csrf: 'forged' }, 'POST', '/api/auth/logout');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('auth.csrf');
  });

  it('/api/me tells the role, permissions and scope', async () => {
    const s = await login(t.app, 'demo-village');
    const r = await call(t.app, s, 'GET', '/api/me');
    expect(r.body.user.role).toBe('villageCadre');
    expect(r.body.permissions).toContain('org.write');
    expect(r.body.scope).toHaveLength(1);
    expect(r.body.countyName).toBe('中共示范县委员会');
    expect(r.body.passwordRules).toEqual({ minLength: 8, minClasses: 3 });
  });

  it('changing one’s own password checks the current one and the policy, and ends other sessions', async () => {
    const s = await login(t.app, 'demo-township');
    const other = await login(t.app, 'demo-township');
    expect((await call(t.app, s, 'POST', '/api/me/password', { currentPassword: 'nope', newPassword: 'New-Pass-2027' })).body.error.fields.currentPassword).toBeDefined();
    expect((await call(t.app, s, 'POST', '/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' })).body.error.code).toBe('password.tooShort');
    expect((await call(t.app, s, 'POST', '/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'P@ssw0rd1' })).body.error.code).toBe('password.common');
    expect((await call(t.app, s, 'POST', '/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'New-Pass-2027' })).status).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/me')).status).toBe(200);
    expect((await call(t.app, other, 'GET', '/api/me')).status).toBe(401);
    expect((await attempt('demo-township', 'New-Pass-2027')).statusCode).toBe(200);
  });

  it('purges sessions past their limits and keeps live ones', async () => {
    const live = await login(t.app, 'demo-county');
    await login(t.app, 'demo-grid');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '2 hours' where user_id = (select id from users where username = 'demo-grid')`);
    expect(await purgeExpiredSessions(t.database.db)).toBeGreaterThan(0);
    expect((await call(t.app, live, 'GET', '/api/me')).status).toBe(200);
  });
});
