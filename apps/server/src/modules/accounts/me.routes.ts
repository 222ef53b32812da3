// The signed-in account's own view (/api/me) and password: an account is a feature of the accounts module, so these
// live here rather than in platform/auth (which knows sessions and credentials, no feature module).
import { ChangePasswordInput, MeView, OkView, ROLE_PERMISSIONS } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { changeOwnPassword, userView } from './accounts.service.js';
import { orgById } from '../orgs/orgs.service.js';

const tags = ['auth'];

export async function meRoutes(app: App, { database: { db } }: ModuleContext, opts: { mapTileUrl: string | null }) {
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
