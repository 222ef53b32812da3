import { OkView, RecoveryCodesView, TotpConfirmInput, TotpLoginInput, TotpSetupView, TotpStatusView } from '@jiceng/contract';
import type { App } from '../http/types.js';
import type { Db } from '../../db/client.js';
import { actorOf } from '../http/auth-hook.js';
import * as totp from './totp.service.js';

const tags = ['auth'];

/**
 * Two-factor sign-in: the login's second step and the caller's own enrolment. Code guesses are bounded by the
 * lockout (wrong codes count with wrong passwords) and by the login's rate limit per address.
 */
export function totpRoutes(app: App, db: Db, opts: { loginRateLimit: number }) {
  app.post('/api/auth/totp', {
    config: { permission: 'authenticated', stages: ['totp'], rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: '登录第二步：身份验证器动态码或恢复码', body: TotpLoginInput, response: { 200: OkView } },
  }, async (req) => {
    await totp.completeTotpLogin(db, actorOf(req), req.sessionStage, req.body);
    return { ok: true as const };
  });

  app.get('/api/me/totp', {
    config: { permission: 'authenticated', stages: ['enrol'] },
    schema: { tags, summary: '本人双因素认证状态', response: { 200: TotpStatusView } },
  }, async (req) => totp.totpStatus(db, actorOf(req)));

  app.post('/api/me/totp/setup', {
    config: { permission: 'authenticated', stages: ['enrol'] },
    schema: { tags, summary: '开始绑定：生成密钥与二维码（确认前不生效）', response: { 200: TotpSetupView } },
  }, async (req) => totp.startTotpSetup(db, actorOf(req)));

  app.post('/api/me/totp/confirm', {
    config: { permission: 'authenticated', stages: ['enrol'] },
    schema: { tags, summary: '确认绑定：输入动态码，返回一次性恢复码（仅显示一次）', body: TotpConfirmInput, response: { 200: RecoveryCodesView } },
  }, async (req) => totp.confirmTotp(db, actorOf(req), req.body.code));

  app.post('/api/me/totp/recovery-codes', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '重新生成恢复码（旧码作废）', body: TotpConfirmInput, response: { 200: RecoveryCodesView } },
  }, async (req) => totp.renewRecoveryCodes(db, actorOf(req), req.body.code));

  app.post('/api/me/totp/disable', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '解绑本人双因素认证（角色须使用时不可解绑）', body: TotpConfirmInput, response: { 200: OkView } },
  }, async (req) => {
    await totp.disableOwnTotp(db, actorOf(req), req.body.code);
    return { ok: true as const };
  });
}
