import type { FastifyReply } from 'fastify';
import { ActivateAccountInput, ChangePasswordInput, LoginInput, LoginView, MeView, OkView, ROLE_PERMISSIONS } from '@jiceng/contract';
import type { App, ModuleContext } from '../http/types.js';
import { actorOf } from '../http/auth-hook.js';
import { login, logout } from './auth.service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './tokens.js';
import { changeOwnPassword, userView } from '../../modules/accounts/accounts.service.js';
import { orgById } from '../../modules/orgs/orgs.service.js';
import { policyValue } from '../policy/policy.service.js';
import { totpRoutes } from './totp.routes.js';
import { activateAccount } from '../../modules/duties/member-accounts.service.js';

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

  // a member's own login (issue 10): the one-time code from the village cadre and the member's own password;
  // throttled like the login (the same per-name lockout and per-address budget)
  app.post('/api/auth/activate', {
    config: { permission: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: '激活党员本人账号（激活码 + 设置密码；之后正常登录）', body: ActivateAccountInput, response: { 200: OkView } },
  }, async (req) => {
    await activateAccount(db, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    return { ok: true as const };
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

  app.get('/api/me', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '当前用户、权限与管辖范围', response: { 200: MeView } },
  }, async (req) => {
    const actor = actorOf(req);
    const county = await orgById(db, actor.countyId, actor.countyId);
    return {
      user: await userView(db, actor.countyId, actor.userId),
      permissions: [...ROLE_PERMISSIONS[actor.role]],
      scope: actor.scope,
      countyName: county?.name ?? '',
      sessionExpiresAt: (req.sessionExpiresAt ?? new Date()).toISOString(),
      passwordRules: {
        minLength: await policyValue(db, actor.countyId, 'password.minLength'),
        minClasses: await policyValue(db, actor.countyId, 'password.minClasses'),
      },
      mapTileUrl: opts.mapTileUrl,
    };
  });

  app.post('/api/me/password', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '修改本人密码（其他会话将被注销）', body: ChangePasswordInput, response: { 200: OkView } },
  }, async (req) => {
    await changeOwnPassword(db, actorOf(req), req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });
}
