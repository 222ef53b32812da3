import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DisplayTokenList, IssuedDisplayToken, ScreenData, WorkStatistics } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { rowsOf } from '../../db/client.js';
import { decrypt } from '../../platform/crypto/crypto.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { seedDemo } from '../demo/demo.seed.js';

// 大屏: a display token opens GET /api/screen of its county only, shows the statistics' figures, and no personal data.
describe('big screen and display tokens', () => {
  let t: TestContext;
  let county: Session, township: Session;
  let issued: IssuedDisplayToken;
  let screen: ScreenData;
  const nextMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({}, { demo: false });
    await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
    county = await login(t.app, 'demo-county');
    township = await login(t.app, 'demo-township');
    const res = await call(t.app, county, 'POST', '/api/screen-tokens', { name: '县委组织部会议室', expiresOn: nextMonth() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    issued = res.body;
    const s = await t.app.inject({ method: 'GET', url: `/api/screen?token=${encodeURIComponent(issued.secret)}` });
    expect(s.statusCode, s.body).toBe(200);
    screen = s.json();
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('issues a token shown once, stores only its hash, lists it and audits it', async () => {
    expect(issued.token.state).toBe('active');
    const list: DisplayTokenList = (await call(t.app, county, 'GET', '/api/screen-tokens')).body;
    expect(list.items.map((i) => i.name)).toContain('县委组织部会议室');
    expect(JSON.stringify(list)).not.toContain(issued.secret.split('.')[1]);
    const stored = rowsOf<{ secret_hash: string }>(await t.database.db.execute(sql`select secret_hash from display_tokens`));
    expect(stored.every((r) => !r.secret_hash.includes(issued.secret.split('.')[1]!))).toBe(true);
    const audit = rowsOf<{ action: string }>(await t.database.db.execute(sql`select action from audit_log where entity = 'displayToken'`));
    expect(audit.map((a) => a.action)).toContain('displayToken.issue');
  });

  it('is for the county only; bad expiry refused by field', async () => {
    expect((await call(t.app, township, 'GET', '/api/screen-tokens')).status).toBe(403);
    expect((await call(t.app, township, 'POST', '/api/screen-tokens', { name: 'x', expiresOn: nextMonth() })).status).toBe(403);
    const past = await call(t.app, county, 'POST', '/api/screen-tokens', { name: '过期', expiresOn: shanghaiToday() });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toHaveProperty('expiresOn');
  });

  it('shows the statistics figures of the county', async () => {
    const stats: WorkStatistics = (await call(t.app, county, 'GET', `/api/statistics?period=year&date=${shanghaiToday()}`)).body;
    expect(screen.cases.year).toBe(stats.total.received);
    expect(screen.cases.onTimeRate).toBe(stats.total.onTimeRate);
    expect(screen.visits.year).toBe(stats.total.visits);
    expect(screen.volunteerHours).toBe(stats.total.volunteerHours);
    expect(screen.byTownship.reduce((s, r) => s + r.received, 0)).toBeLessThanOrEqual(stats.total.received);
    expect(screen.trend.reduce((s, r) => s + r.received, 0)).toBe(stats.total.received);
    expect(screen.cases.year).toBeGreaterThan(0);
    expect(screen.events.length).toBeGreaterThan(0);
  });

  it('carries no personal data of the demo residents, households, requesters or members', async () => {
    const db = t.database.db;
    const secrets = new Set<string>();
    const add = (v: string | null | undefined) => { if (v && v.trim().length >= 2) secrets.add(v.trim()); };
    for (const r of rowsOf<{ name: string; phone: string | null; id_enc: string | null }>(await db.execute(sql`select name, phone, id_enc from residents`))) {
      add(r.name); add(r.phone); if (r.id_enc) add(decrypt(r.id_enc));
    }
    for (const h of rowsOf<{ head_name: string; phone: string | null; address: string }>(await db.execute(sql`select head_name, phone, address from households`))) {
      add(h.head_name); add(h.phone); add(h.address);
    }
    for (const c of rowsOf<{ requester_name: string | null; requester_phone: string | null; address: string | null; description: string; title: string }>(await db.execute(sql`select requester_name, requester_phone, address, description, title from cases`))) {
      add(c.requester_name); add(c.requester_phone); add(c.address); add(c.description); add(c.title);
    }
    for (const m of rowsOf<{ name: string }>(await db.execute(sql`select name from members`))) add(m.name);
    // place names that are part of an org's or a department's own (public) name are no personal data (an address 西街)
    const publicNames = rowsOf<{ name: string }>(await db.execute(sql`select name from orgs union select name from departments`)).map((o) => o.name);
    for (const p of [...secrets]) if (publicNames.some((n) => n.includes(p))) secrets.delete(p);
    expect(secrets.size).toBeGreaterThan(50);
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => { strings.push(k); walk(x); });
    };
    walk(screen);
    const leaks = strings.flatMap((s) => [...secrets].filter((p) => s.includes(p)).map((p) => `${p} in ${s}`));
    expect(leaks).toEqual([]);
  });

  it('answers one 401 for a guessed, malformed, revoked or expired token, and opens no other route', async () => {
    const countyPart = issued.secret.split('.')[0];
    const bad = [`${countyPart}.${'A'.repeat(32)}`, 'nonsense', `${'0'.repeat(32)}.${issued.secret.split('.')[1]}`];
    const answers = await Promise.all(bad.map((tok) => t.app.inject({ method: 'GET', url: `/api/screen?token=${encodeURIComponent(tok)}` })));
    for (const a of answers) { expect(a.statusCode).toBe(401); expect(a.json().error.code).toBe('screen.token'); }
    // a token is not a session: no other /api route opens with it (query, bearer or cookie)
    for (const url of ['/api/me', '/api/cases', '/api/screen-tokens', `/api/statistics?period=year`]) {
      const tok = encodeURIComponent(issued.secret);
      for (const r of await Promise.all([
        t.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}token=${tok}` }),
        t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${issued.secret}` } }),
        t.app.inject({ method: 'GET', url, headers: { cookie: `jiceng_session=${issued.secret}` } }),
      ])) expect([400, 401]).toContain(r.statusCode);
    }
    // expired
    await t.database.db.execute(sql`update display_tokens set expires_at = now() - interval '1 second' where id = ${issued.token.id}::uuid`);
    const expired = await t.app.inject({ method: 'GET', url: `/api/screen?token=${encodeURIComponent(issued.secret)}` });
    expect(expired.statusCode).toBe(401);
    expect(expired.body).toBe(answers[0]!.body);
    await t.database.db.execute(sql`update display_tokens set expires_at = now() + interval '1 day' where id = ${issued.token.id}::uuid`);
    expect((await t.app.inject({ method: 'GET', url: `/api/screen?token=${encodeURIComponent(issued.secret)}` })).statusCode).toBe(200);
    // revoked
    const rev = await call(t.app, county, 'POST', `/api/screen-tokens/${issued.token.id}/revoke`);
    expect(rev.status).toBe(200);
    expect(rev.body.state).toBe('revoked');
    const after = await t.app.inject({ method: 'GET', url: `/api/screen?token=${encodeURIComponent(issued.secret)}` });
    expect(after.statusCode).toBe(401);
    expect(after.body).toBe(answers[0]!.body);
  });
});
