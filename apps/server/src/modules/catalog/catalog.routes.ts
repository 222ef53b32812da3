import {
  CreateServiceItemInput, IdParams, PublicServiceItemDetail, ServiceItemList, ServiceItemView, UpdateServiceItemInput, listCatalogQuery,
  publicCatalogItemQuery, publicCatalogQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './catalog.service.js';
import { publicItem } from './catalog.rooms.js';

export async function catalogRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['catalog'];
  app.get('/api/catalog', {
    config: { permission: 'catalog.read' },
    schema: { tags, summary: '便民服务事项目录（本县）', querystring: listCatalogQuery, response: { 200: ServiceItemList } },
  }, async (req) => ({ items: await service.listCatalog(db, actorOf(req), req.query) }));

  app.get('/api/catalog/:id', {
    config: { permission: 'catalog.read' },
    schema: { tags, summary: '便民服务事项详情', params: IdParams, response: { 200: ServiceItemView } },
  }, async (req) => service.getServiceItem(db, actorOf(req), req.params.id));

  app.post('/api/catalog', {
    config: { permission: 'catalog.write' },
    schema: { tags, summary: '新增便民服务事项', body: CreateServiceItemInput, response: { 201: ServiceItemView } },
  }, async (req, reply) => reply.status(201).send(await service.createServiceItem(db, actorOf(req), req.body)));

  app.patch('/api/catalog/:id', {
    config: { permission: 'catalog.write' },
    schema: { tags, summary: '修改便民服务事项（published：向群众公开；archived：停用）', params: IdParams, body: UpdateServiceItemInput, response: { 200: ServiceItemView } },
  }, async (req) => service.updateServiceItem(db, actorOf(req), req.params.id, req.body));

  // Residents read the published catalog without an account (篇三: 公开办事指南).
  app.get('/api/public/catalog', {
    config: { permission: 'public' },
    schema: { tags, summary: '公开的便民服务事项（无需登录）', querystring: publicCatalogQuery, response: { 200: ServiceItemList } },
  }, async (req) => ({ items: await service.publicCatalog(db, req.query.countyId, req.query) }));

  // 办事指南's item page: what to bring, where to go (the resident's village room and township hall, hours, phone)
  app.get('/api/public/catalog/:id', {
    config: { permission: 'public' },
    schema: { tags, summary: '公开的便民服务事项详情：去哪办（村服务室、乡镇便民服务中心的地址、时间、电话）', params: IdParams, querystring: publicCatalogItemQuery, response: { 200: PublicServiceItemDetail } },
  }, async (req) => publicItem(db, req.query.countyId, req.params.id, req.query.orgId));
}
