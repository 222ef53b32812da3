import { IdParams, DisplayTokenList, DisplayTokenView, IssuedDisplayToken, ScreenData, createDisplayTokenInput, screenQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './screen.service.js';

const tags = ['dashboards'];

/** 大屏 and its display tokens (issue 12 part 4). */
export async function screenRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/screen-tokens', {
    config: { permission: 'screen.manage' },
    schema: { tags, summary: '大屏令牌（本县）', response: { 200: DisplayTokenList } },
  }, async (req) => service.listTokens(db, actorOf(req)));

  app.post('/api/screen-tokens', {
    config: { permission: 'screen.manage' },
    schema: { tags, summary: '新建大屏令牌（名称、有效期；令牌只显示这一次）', body: createDisplayTokenInput, response: { 201: IssuedDisplayToken } },
  }, async (req, reply) => reply.status(201).header('cache-control', 'no-store').send(await service.issueToken(db, actorOf(req), req.body)));

  app.post('/api/screen-tokens/:id/revoke', {
    config: { permission: 'screen.manage' },
    schema: { tags, summary: '吊销大屏令牌', params: IdParams, response: { 200: DisplayTokenView } },
  }, async (req) => service.revokeToken(db, actorOf(req), req.params.id));

  // no account: the token is the only key, and it opens this route only (it is not a session). Its own budget per
  // address: a screen refreshes once a minute; a guesser meets the limit long before 2^192 secrets.
  app.get('/api/screen', {
    config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: '大屏数据（凭大屏令牌，无需登录；不含任何个人信息）', querystring: screenQuery, response: { 200: ScreenData } },
  }, async (req, reply) => reply.header('cache-control', 'no-store').send(await service.screenData(db, req.query.token)));
}
