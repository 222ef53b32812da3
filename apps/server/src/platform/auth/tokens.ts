import { randomBytes } from 'node:crypto';
import { sha256 } from '../audit/canonical.js';

export const SESSION_COOKIE = 'jiceng_session';
export const CSRF_COOKIE = 'jiceng_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => sha256(token);

/**
 * The session cookie: `<county id>.<256 random bits>`. The county id travels in clear next to the secret so the
 * lookup by token hash names its county (one shard under Citus, issue 13) — the county id is no secret (the portal
 * and Open311 publish it). The hash covers the whole value.
 */
export const newSessionToken = (countyId: string) => `${countyId}.${newToken()}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The county a session cookie names, or null for a value of another shape (refused as no session). */
export function countyOfSessionToken(token: string): string | null {
  const county = token.slice(0, token.indexOf('.'));
  return UUID.test(county) ? county : null;
}
