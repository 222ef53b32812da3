import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPermission, type RouteGate } from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import { resolveSession, type SessionStage } from '../auth/auth.service.js';
import { CSRF_HEADER, SESSION_COOKIE, tokenHash } from '../auth/tokens.js';
import type { Actor } from '../access/access.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** what a caller needs to reach the route; a route without one is refused (deny by default) */
    permission?: RouteGate;
    /**
     * half-sessions that may reach the route besides full ones (two-factor sign-in): `totp` (password
     * given, code not yet) and `enrol` (the role must enrol first); no route but these opens for them
     */
    stages?: readonly Exclude<SessionStage, 'full'>[];
  }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    sessionExpiresAt: Date | null;
    sessionStage: SessionStage | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The caller of a route that declared a permission (set by the hook below). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actorOrNull) throw new AppError('auth.required', 401);
  return req.actorOrNull;
}

/**
 * Auth runs before validation (401/403 before 400): session → CSRF for writes → the route's permission.
 */
export function installAuthHook(app: FastifyInstance, db: Db) {
  app.decorateRequest('actorOrNull', null);
  app.decorateRequest('sessionExpiresAt', null);
  app.decorateRequest('sessionStage', null);
  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.url) return; // unknown URL: the not-found handler answers
    const gate = req.routeOptions.config.permission;
    if (gate === undefined) throw new AppError('auth.forbidden', 403);
    if (gate === 'public') return;

    const token = req.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(db, token, req.ip) : null;
    if (resolved === null) throw new AppError('auth.required', 401);
    if (resolved === 'expired') throw new AppError('auth.sessionExpired', 401);

    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || tokenHash(header) !== resolved.csrfHash) throw new AppError('auth.csrf', 403);
    }
    if (resolved.stage !== 'full' && !req.routeOptions.config.stages?.includes(resolved.stage)) {
      throw resolved.stage === 'totp' ? new AppError('auth.totpRequired', 401) : new AppError('auth.totpEnrolmentRequired', 403);
    }
    if (gate !== 'authenticated' && !hasPermission(resolved.actor.role, gate)) throw new AppError('auth.forbidden', 403);
    req.actorOrNull = resolved.actor;
    req.sessionExpiresAt = resolved.expiresAt;
    req.sessionStage = resolved.stage;
  });
}
