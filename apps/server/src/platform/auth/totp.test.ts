import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { enrol, loginWithTotp, passwordStep, secretOf, STEP_MS, wrongCode } from '../../../test/two-factor.js';
import { codeAt } from './totp.js';
import { resetTotpFromCli } from './totp.service.js';

let t: TestContext;
let county: Session;
let villageId: string;
beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  villageId = d.byCode('SFX-QS-SM').id;
});
afterAll(() => t.close());

const query = async <T>(text: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(text));

/** A fresh account of the demo county (the demo county opts out of the 2FA requirement). */
async function account(username: string, role = 'villageCadre', orgId = villageId) {
  const r = await call(t.app, county, 'POST', '/api/users', { username, displayName: username, role, orgId, password: DEMO_PASSWORD });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('two-factor enrolment', () => {
  it('sets up by QR code and manual key, confirms with a code from the app, and hands out 10 recovery codes once', async () => {
    const s = await login(t.app, 'demo-township');
    expect((await call(t.app, s, 'GET', '/api/me/totp')).body).toEqual({ enabled: false, required: false, confirmedAt: null, recoveryCodesLeft: 0 });

    const setup = await call(t.app, s, 'POST', '/api/me/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(setup.body.qrDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    const secret = secretOf(setup.body.uri);
    expect(setup.body.manualKey.replaceAll(' ', '')).toBe(secret);
    expect(secret.length).toBe(32); // 160 bits

    // not in force before it is confirmed
    expect((await passwordStep(t.app, 'demo-township')).body.next).toBe('done');
    // the secret is encrypted at rest
    const [stored] = await query<{ secret_enc: string }>(sql`select secret_enc from user_totp where user_id = (select id from users where username = 'demo-township')`);
    expect(stored!.secret_enc.startsWith('v1:')).toBe(true);
    expect(stored!.secret_enc).not.toContain(secret);

    const wrong = await call(t.app, s, 'POST', '/api/me/totp/confirm', { code: wrongCode(secret) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields.code).toBe('动态码不正确或已使用过，请等待下一个动态码');
    expect((await call(t.app, s, 'POST', '/api/me/totp/confirm', { code: '12ab56' })).status).toBe(400);

    const ok = await call(t.app, s, 'POST', '/api/me/totp/confirm', { code: codeAt(secret, Date.now() - STEP_MS) });
    expect(ok.status).toBe(200);
    const codes = ok.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    // only salted hashes are kept
    const hashes = await query<{ code_hash: string; salt: string }>(sql`select code_hash, salt from user_recovery_codes where user_id = (select id from users where username = 'demo-township')`);
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => codes.some((c) => h.code_hash.includes(c.replace('-', ''))))).toBe(false);
    expect(new Set(hashes.map((h) => h.salt)).size).toBe(10);

    const status = (await call(t.app, s, 'GET', '/api/me/totp')).body;
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await call(t.app, s, 'POST', '/api/me/totp/setup')).body.error.code).toBe('auth.totpAlreadyEnabled');
    expect((await call(t.app, county, 'GET', '/api/audit?action=auth.totpEnabled')).body.items).toHaveLength(1);
  });
});

describe('two-factor login', () => {
  let secret: string;
  beforeAll(async () => {
    await account('tf-login');
    ({ secret } = await enrol(t.app, await login(t.app, 'tf-login')));
  });

  it('asks for the code after the password; the half-session opens nothing else', async () => {
    const first = await passwordStep(t.app, 'tf-login');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ok: true, next: 'totp' });
    const me = await call(t.app, first.session, 'GET', '/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('auth.totpRequired');
    expect((await call(t.app, first.session, 'GET', '/api/orgs')).status).toBe(401);
    expect((await call(t.app, first.session, 'GET', '/api/me/totp')).status).toBe(401);
    // it may log out
    expect((await call(t.app, first.session, 'POST', '/api/auth/logout')).status).toBe(200);
    // the code step needs exactly one of code and recovery code
    const again = await passwordStep(t.app, 'tf-login');
    const none = await call(t.app, again.session, 'POST', '/api/auth/totp', {});
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('请填写动态码或恢复码（二选一）');
    expect((await call(t.app, again.session, 'POST', '/api/auth/totp', { code: '123456', recoveryCode: 'abcde-fghij' })).status).toBe(400);
  });

  it('completes with a code made by the library, and refuses the same code again within its window', async () => {
    const code = codeAt(secret);
    const first = await passwordStep(t.app, 'tf-login');
    expect((await call(t.app, first.session, 'POST', '/api/auth/totp', { code })).status).toBe(200);
    expect((await call(t.app, first.session, 'GET', '/api/me')).status).toBe(200);
    // a completed session has nothing pending
    expect((await call(t.app, first.session, 'POST', '/api/auth/totp', { code })).body.error.code).toBe('auth.totpNotPending');

    const replay = await passwordStep(t.app, 'tf-login');
    const refused = await call(t.app, replay.session, 'POST', '/api/auth/totp', { code });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('auth.totpInvalid');
    // an earlier step's code, though inside the drift window, is refused too
    expect((await call(t.app, replay.session, 'POST', '/api/auth/totp', { code: codeAt(secret, Date.now() - STEP_MS) })).status).toBe(401);
    expect((await call(t.app, replay.session, 'GET', '/api/me')).status).toBe(401);
    // the next step's code is fresh
    expect((await call(t.app, replay.session, 'POST', '/api/auth/totp', { code: codeAt(secret, Date.now() + STEP_MS) })).status).toBe(200);

    const audit = (await call(t.app, county, 'GET', '/api/audit?action=auth.login')).body.items as { actorName: string; detail: Record<string, unknown> }[];
    expect(audit.filter((a) => a.detail.username === 'tf-login' && a.detail.secondFactor === 'totp').length).toBeGreaterThanOrEqual(2);
    expect((await call(t.app, county, 'GET', '/api/audit?action=auth.totpFailed')).body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('counts wrong codes towards the lockout; a right password does not reset the count', async () => {
    await account('tf-lock');
    const { secret: s2 } = await enrol(t.app, await login(t.app, 'tf-lock'));
    const bad = wrongCode(s2);
    let step = await passwordStep(t.app, 'tf-lock');
    for (let i = 0; i < 2; i++) expect((await call(t.app, step.session, 'POST', '/api/auth/totp', { code: bad })).status).toBe(401);
    step = await passwordStep(t.app, 'tf-lock');
    expect(step.body.next).toBe('totp');
    for (let i = 0; i < 2; i++) expect((await call(t.app, step.session, 'POST', '/api/auth/totp', { code: bad })).status).toBe(401);
    const fifth = await call(t.app, step.session, 'POST', '/api/auth/totp', { code: bad });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('auth.locked');
    // the half-session is gone and the name is locked, even with the right password and code
    expect((await call(t.app, step.session, 'GET', '/api/me')).body.error.code).toBe('auth.required');
    expect((await passwordStep(t.app, 'tf-lock')).status).toBe(429);

    await t.database.db.execute(sql`update login_throttle set locked_until = now() - interval '1 second' where username = 'tf-lock'`);
    await loginWithTotp(t.app, 'tf-lock', s2);
    expect(await query(sql`select 1 from login_throttle where username = 'tf-lock'`)).toHaveLength(0);
  });

  it('takes a recovery code once (case, spaces and dashes forgiven)', async () => {
    await account('tf-recovery');
    const { recoveryCodes } = await enrol(t.app, await login(t.app, 'tf-recovery'));
    const typed = ` ${recoveryCodes[3]!.toUpperCase().replace('-', ' ')} `;
    const first = await passwordStep(t.app, 'tf-recovery');
    expect((await call(t.app, first.session, 'POST', '/api/auth/totp', { recoveryCode: typed })).status).toBe(200);
    expect((await call(t.app, first.session, 'GET', '/api/me/totp')).body.recoveryCodesLeft).toBe(9);
    const used = (await call(t.app, county, 'GET', '/api/audit?action=auth.recoveryCodeUsed')).body.items;
    expect(used[0].detail).toEqual({ left: 9 });

    const again = await passwordStep(t.app, 'tf-recovery');
    const refused = await call(t.app, again.session, 'POST', '/api/auth/totp', { recoveryCode: recoveryCodes[3] });
    expect(refused.status).toBe(401);
    expect(refused.body.error.fields.recoveryCode).toBe('恢复码不正确或已使用过');
    expect((await call(t.app, again.session, 'POST', '/api/auth/totp', { recoveryCode: recoveryCodes[4] })).status).toBe(200);
  });
});

describe('two-factor policy', () => {
  it('keeps a role the county requires it for on the enrolment routes until it enrols', async () => {
    await account('tf-required');
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'totp.required.villageCadre': 1 } })).status).toBe(200);
    try {
      const first = await passwordStep(t.app, 'tf-required');
      expect(first.body).toEqual({ ok: true, next: 'enrol' });
      const s = first.session;
      for (const url of ['/api/me', '/api/orgs', '/api/households']) {
        const r = await call(t.app, s, 'GET', url);
        expect(r.status, url).toBe(403);
        expect(r.body.error.code).toBe('auth.totpEnrolmentRequired');
      }
      expect((await call(t.app, s, 'POST', '/api/auth/totp', { code: '123456' })).status).toBe(403);
      expect((await call(t.app, s, 'GET', '/api/me/totp')).body).toMatchObject({ enabled: false, required: true });

      const setup = await call(t.app, s, 'POST', '/api/me/totp/setup');
      const secret = secretOf(setup.body.uri);
      expect((await call(t.app, s, 'POST', '/api/me/totp/confirm', { code: codeAt(secret) })).status).toBe(200);
      // enrolled: the same session is full now
      expect((await call(t.app, s, 'GET', '/api/orgs')).status).toBe(200);
      // and the role may not turn it off
      const off = await call(t.app, s, 'POST', '/api/me/totp/disable', { code: codeAt(secret, Date.now() + STEP_MS) });
      expect(off.status).toBe(422);
      expect(off.body.error.code).toBe('auth.totpRequiredByPolicy');
    } finally {
      await call(t.app, county, 'PUT', '/api/policy', { values: { 'totp.required.villageCadre': null } });
    }
  });

  it('lets a role that may go without turn it off with a current code, and renew recovery codes', async () => {
    await account('tf-optional');
    const s = await login(t.app, 'tf-optional');
    const { secret, recoveryCodes } = await enrol(t.app, s);
    expect((await call(t.app, s, 'POST', '/api/me/totp/recovery-codes', { code: wrongCode(secret) })).status).toBe(422);
    const renewed = await call(t.app, s, 'POST', '/api/me/totp/recovery-codes', { code: codeAt(secret) });
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect((await call(t.app, s, 'POST', '/api/me/totp/disable', { code: codeAt(secret, Date.now() + STEP_MS) })).status).toBe(200);
    expect((await passwordStep(t.app, 'tf-optional')).body.next).toBe('done');
  });

  it('defaults to requiring it for county and township admins and evaluators (GB/T 22239 第三级), not for others', async () => {
    const entries = (await call(t.app, county, 'GET', '/api/policy')).body.entries as { key: string; default: number; value: number }[];
    const defaults = Object.fromEntries(entries.filter((e) => e.key.startsWith('totp.required.')).map((e) => [e.key.slice(14), e.default]));
    expect(defaults).toEqual({ countyAdmin: 1, townshipAdmin: 1, evaluator: 1, villageCadre: 0, gridWorker: 0, departmentHandler: 0, member: 0 });
    // the demo county opts out so its shared accounts stay usable
    expect(entries.filter((e) => e.key.startsWith('totp.required.')).every((e) => e.value === 0)).toBe(true);
  });
});

describe('resetting another person’s two-factor sign-in', () => {
  it('is done from above only, ends their sessions, and is audited', async () => {
    const id = await account('tf-target', 'villageCadre', villageId);
    const target = await login(t.app, 'tf-target');
    await enrol(t.app, target);
    const peerId = await account('tf-peer', 'villageCadre', villageId);
    const peer = await login(t.app, 'tf-peer');

    // a peer may not, the grid worker and the evaluator may not, nor oneself through this route
    expect((await call(t.app, peer, 'POST', `/api/users/${id}/totp/reset`)).body.error.code).toBe('user.totpResetRank');
    expect((await call(t.app, await login(t.app, 'demo-grid'), 'POST', `/api/users/${id}/totp/reset`)).status).toBe(403);
    expect((await call(t.app, await login(t.app, 'demo-evaluator'), 'POST', `/api/users/${id}/totp/reset`)).status).toBe(403);
    expect((await call(t.app, target, 'POST', `/api/users/${id}/totp/reset`)).status).toBe(403);
    expect((await call(t.app, county, 'GET', `/api/users/${id}`)).body.totpEnabled).toBe(true);

    const r = await call(t.app, county, 'POST', `/api/users/${id}/totp/reset`);
    expect(r.status).toBe(200);
    expect((await call(t.app, target, 'GET', '/api/me')).status).toBe(401);
    expect((await call(t.app, county, 'GET', `/api/users/${id}`)).body.totpEnabled).toBe(false);
    expect((await passwordStep(t.app, 'tf-target')).body.next).toBe('done');
    expect((await call(t.app, county, 'POST', `/api/users/${id}/totp/reset`)).body.error.code).toBe('user.totpNotEnabled');
    expect((await call(t.app, county, 'POST', `/api/users/${peerId}/totp/reset`)).status).toBe(409);

    const audit = (await call(t.app, county, 'GET', '/api/audit?action=user.totpReset')).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: id, detail: { username: 'tf-target', role: 'villageCadre' } });
    expect(audit[0].actorName).toContain('王建国');
  });

  it('resets a county admin’s from the server CLI (no higher role in the app), audited with the operator as actor', async () => {
    const admin = await login(t.app, 'demo-county');
    await enrol(t.app, admin);
    const other = await call(t.app, admin, 'POST', '/api/users', { username: 'tf-county2', displayName: '县委组织部 二', role: 'countyAdmin', orgId: (await call(t.app, admin, 'GET', '/api/me')).body.user.orgId, password: DEMO_PASSWORD });
    expect(other.status).toBe(201);
    // a county admin cannot reset another county admin's in the app: peers do not manage peers
    const me = (await call(t.app, admin, 'GET', '/api/me')).body.user.id as string;
    expect((await call(t.app, await login(t.app, 'tf-county2'), 'POST', `/api/users/${me}/totp/reset`)).status).toBe(403);

    expect(await resetTotpFromCli(t.database.db, 'nobody-here')).toEqual({ ok: false, reason: 'no account nobody-here' });
    expect(await resetTotpFromCli(t.database.db, 'Demo-County ')).toMatchObject({ ok: true });
    expect(await resetTotpFromCli(t.database.db, 'demo-county')).toEqual({ ok: false, reason: 'demo-county has no two-factor sign-in' });
    expect((await call(t.app, admin, 'GET', '/api/me')).status).toBe(401);
    const fresh = await login(t.app, 'demo-county');
    const audit = (await call(t.app, fresh, 'GET', '/api/audit?action=user.totpReset')).body.items;
    expect(audit[0]).toMatchObject({ actorName: 'jiceng totp reset (server operator)', detail: { username: 'demo-county', via: 'cli' } });
    county = fresh;
  });
});
