import { randomBytes } from 'node:crypto';
import { sha256 } from '../audit/canonical.js';

export const SESSION_COOKIE = 'jiceng_session';
export const CSRF_COOKIE = 'jiceng_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => sha256(token);
