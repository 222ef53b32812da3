// Two-factor sign-in for tests: enrol an account and log in with codes made by the same TOTP library.
import { TOTP } from '@jiceng/contract';
import { codeAt } from '../src/platform/auth/totp.js';
import type { App } from '../src/platform/http/types.js';
import { call, cookiesOf, DEMO_PASSWORD, type Session } from './harness.js';

export const STEP_MS = TOTP.periodSeconds * 1000;

/** The secret inside an otpauth:// URI. */
export const secretOf = (uri: string) => new URL(uri).searchParams.get('secret')!;

/**
 * Enrols the session's account. The confirming code is the previous step's, so the current and the next
 * step stay free for two logins (each step is accepted once).
 */
export async function enrol(app: App, s: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await call(app, s, 'POST', '/api/me/totp/setup');
  if (setup.status !== 200) throw new Error(`totp setup: ${setup.status} ${JSON.stringify(setup.body)}`);
  const secret = secretOf(setup.body.uri);
  const confirm = await call(app, s, 'POST', '/api/me/totp/confirm', { code: codeAt(secret, Date.now() - STEP_MS) });
  if (confirm.status !== 200) throw new Error(`totp confirm: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return { secret, recoveryCodes: confirm.body.recoveryCodes };
}

/** Password step only: the half-session and what it leads to. */
export async function passwordStep(app: App, username: string, password = DEMO_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const c = cookiesOf(res);
  const session: Session = { cookie: `jiceng_session=${c.jiceng_session}; jiceng_csrf=${c.jiceng_csrf}`, csrf: c.jiceng_csrf!, username };
  return { status: res.statusCode, body: JSON.parse(res.body) as { ok?: true; next?: string; error?: { code: string } }, session };
}

/** Both steps, with the code of the step `offsetSteps` from now. */
export async function loginWithTotp(app: App, username: string, secret: string, { password = DEMO_PASSWORD, offsetSteps = 0 } = {}): Promise<Session> {
  const first = await passwordStep(app, username, password);
  if (first.body.next !== 'totp') throw new Error(`login ${username}: ${first.status} ${JSON.stringify(first.body)}`);
  const second = await call(app, first.session, 'POST', '/api/auth/totp', { code: codeAt(secret, Date.now() + offsetSteps * STEP_MS) });
  if (second.status !== 200) throw new Error(`totp ${username}: ${second.status} ${JSON.stringify(second.body)}`);
  return first.session;
}

/** A 6-digit code that is none of the codes within two steps of now. */
export function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((k) => codeAt(secret, Date.now() + k * STEP_MS)));
  for (let n = 123456; ; n = (n + 1) % 1_000_000) {
    const c = String(n).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}
