import { ActivateAccountInput, IdParams, MemberAccountView, OkView, MemberActivationIssued, MemberFileView, OpenMemberAccountInput, VolunteerPlaceList } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './member-accounts.service.js';

const tags = ['duties'];
const authTags = ['auth'];

/** A member's own login (issue 10 part 2): opened from the member record; the member's own routes under /api/me. */
export async function memberAccountRoutes(app: App, { database: { db } }: ModuleContext, opts: { loginRateLimit: number }) {
  // a member's own login (issue 10): the one-time code from the village cadre and the member's own password;
  // throttled like the login (the same per-name lockout and per-address budget)
  app.post('/api/auth/activate', {
    config: { permission: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags: authTags, summary: '激活党员本人账号（激活码 + 设置密码；之后正常登录）', body: ActivateAccountInput, response: { 200: OkView } },
  }, async (req) => {
    await service.activateAccount(db, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    return { ok: true as const };
  });

  app.get('/api/members/:id/account', {
    config: { permission: 'user.read' },
    schema: { tags, summary: '党员本人账号状态（未开通 / 待激活 / 已激活 / 已停用）', params: IdParams, response: { 200: MemberAccountView } },
  }, async (req) => service.memberAccount(db, actorOf(req), req.params.id));

  app.post('/api/members/:id/account', {
    config: { permission: 'user.write' },
    schema: {
      tags, summary: '为党员开通本人账号（返回一次性激活码，仅显示一次，7 天内有效）', params: IdParams, body: OpenMemberAccountInput,
      response: { 201: MemberActivationIssued },
    },
  }, async (req, reply) => reply.status(201).header('cache-control', 'no-store').send(await service.openMemberAccount(db, actorOf(req), req.params.id, req.body ?? {})));

  app.post('/api/members/:id/account/reset', {
    config: { permission: 'user.write' },
    schema: { tags, summary: '重新生成激活码（原密码失效，注销其全部会话）', params: IdParams, response: { 200: MemberActivationIssued } },
  }, async (req, reply) => reply.header('cache-control', 'no-store').send(await service.reissueActivation(db, actorOf(req), req.params.id)));

  app.get('/api/me/member', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '本人党员发展档案（党员本人账号）', response: { 200: MemberFileView } },
  }, async (req) => service.ownMemberFile(db, actorOf(req)));

  app.get('/api/me/volunteer-places', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '本人可登记志愿服务的村（本村与结对帮扶村）', response: { 200: VolunteerPlaceList } },
  }, async (req) => ({ items: await service.ownVolunteerPlaces(db, actorOf(req)) }));
}
