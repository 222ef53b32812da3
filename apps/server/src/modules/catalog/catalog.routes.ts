import {
  CreateServiceItemInput, IdParams, PublicServiceItemDetail, ServiceItemList, ServiceRoomInput, ServiceRoomList, ServiceRoomParams, ServiceRoomView, ServiceItemView, UpdateServiceItemInput, listCatalogQuery,
  publicCatalogItemQuery, publicCatalogQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './catalog.service.js';
import { listServiceRooms, publicItem, putServiceRoom } from './catalog.rooms.js';

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

  // 服务场所: each township's 便民服务中心 and village's 党群服务中心 — what the guide shows under 去哪办
  app.get('/api/service-rooms', {
    config: { permission: 'catalog.read' },
    schema: { tags, summary: '服务场所（乡镇便民服务中心、村党群服务中心：地址、办公时间、电话）', response: { 200: ServiceRoomList } },
  }, async (req) => ({ items: await listServiceRooms(db, actorOf(req).countyId) }));

  app.put('/api/service-rooms/:orgId', {
    config: { permission: 'catalog.write' },
    schema: { tags, summary: '设置一处服务场所', params: ServiceRoomParams, body: ServiceRoomInput, response: { 200: ServiceRoomView } },
  }, async (req) => putServiceRoom(db, actorOf(req), req.params.orgId, req.body));
}
