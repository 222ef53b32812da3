import {
  PortalCodeParams, PortalRatingInput, PortalReceipt, PortalRequestInput, PortalStatus, PublicOrgList, portalLookupQuery, publicOrgsQuery,
} from '@jiceng/contract';
import type { Config } from '../../config.js';
import type { App, ModuleContext } from '../../platform/http/types.js';
import * as service from './portal.service.js';
import { publicBudget } from '../../platform/http/rate-limit.js';

/** A phone photo comes inline (base64) with the form. */
const PORTAL_BODY_LIMIT = 8 * 1024 * 1024;

export async function portalRoutes(app: App, { database: { db } }: ModuleContext, config: Config) {
  const tags = ['portal'];
  // every portal route counts against one per-IP budget, shared with Open311: submissions and code guesses alike
  const budget = publicBudget(app, config.portalRateLimit);

  app.get('/api/public/orgs', {
    config: { permission: 'public' }, onRequest: budget,
    schema: { tags, summary: '县内乡镇(街道)与村(社区)（群众选择所在地，无需登录）', querystring: publicOrgsQuery, response: { 200: PublicOrgList } },
  }, async (req) => service.publicOrgs(db, req.query.countyId));

  app.post('/api/portal/requests', {
    config: { permission: 'public' }, onRequest: budget, bodyLimit: PORTAL_BODY_LIMIT,
    schema: { tags, summary: '群众提交诉求（无需登录）→ 查询码', body: PortalRequestInput, response: { 201: PortalReceipt } },
  }, async (req, reply) => reply.status(201).send(await service.submitRequest(db, req.body, req.ip)));

  app.get('/api/portal/requests/:code', {
    config: { permission: 'public' }, onRequest: budget,
    schema: { tags, summary: '凭查询码和查询密码（回执上，只显示一次）查询办理进度', params: PortalCodeParams, querystring: portalLookupQuery, response: { 200: PortalStatus } },
  }, async (req) => service.lookupRequest(db, req.params.code, req.query.secret));

  app.post('/api/portal/requests/:code/rating', {
    config: { permission: 'public' }, onRequest: budget,
    schema: { tags, summary: '群众评价（回复后一次，1–5 分）', params: PortalCodeParams, body: PortalRatingInput, response: { 200: PortalStatus } },
  }, async (req) => service.rateRequest(db, req.params.code, req.body, req.ip));
}
