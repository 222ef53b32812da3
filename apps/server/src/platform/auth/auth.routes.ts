import type { FastifyReply } from 'fastify';
import { LoginInput, LoginView, OkView } from '@jiceng/contract';
import type { App, ModuleContext } from '../http/types.js';
import { actorOf } from '../http/auth-hook.js';
import { login, logout } from './auth.service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './tokens.js';
import { totpRoutes } from './totp.routes.js';

const tags = ['auth'];

export async function authRoutes(app: App, { database: { db } }: ModuleContext, opts: { secureCookies: boolean; loginRateLimit: number; mapTileUrl: string | null }) {
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: opts.secureCookies };
  const clearCookies = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { ...cookieBase, httpOnly: true }).clearCookie(CSRF_COOKIE, cookieBase);

  app.post('/api/auth/login', {
    config: { permission: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: '登录（第一步：密码；next 说明是否还需动态码或先绑定）', body: LoginInput, response: { 200: LoginView } },
  }, async (req, reply) => {
    const result = await login(db, req.body.username, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    // Session cookie lives until the browser closes; the server enforces idle and absolute limits.
    reply.setCookie(SESSION_COOKIE, result.sessionToken, { ...cookieBase, httpOnly: true });
    // Readable by the page, echoed in x-csrf-token on every write.
    reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase, httpOnly: false });
    return { ok: true as const, next: result.next };
  });

  app.post('/api/auth/logout', {
    config: { permission: 'authenticated', stages: ['totp', 'enrol'] },
    schema: { tags, summary: '退出登录', response: { 200: OkView } },
  }, async (req, reply) => {
    await logout(db, actorOf(req));
    clearCookies(reply);
    return { ok: true as const };
  });

  totpRoutes(app, db, opts);
}
