import {
  BodyList, BodyView, CreateBodyInput, CreatePairingInput, IdParams, PairingList, PairingView, UpdateBodyInput, UpdatePairingInput,
  listBodiesQuery, listPairingsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './bodies.service.js';

export async function bodyRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['131n'];
  app.get('/api/bodies', {
    config: { permission: 'body.read' },
    schema: { tags, summary: '131n 组织（村委会、议事会、监委会、集体经济组织及 n 个组织）', querystring: listBodiesQuery, response: { 200: BodyList } },
  }, async (req) => ({ items: await service.listBodies(db, actorOf(req), req.query) }));

  app.post('/api/bodies', {
    config: { permission: 'body.write' },
    schema: { tags, summary: '新增 131n 组织', body: CreateBodyInput, response: { 201: BodyView } },
  }, async (req, reply) => reply.status(201).send(await service.createBody(db, actorOf(req), req.body)));

  app.patch('/api/bodies/:id', {
    config: { permission: 'body.write' },
    schema: { tags, summary: '修改 131n 组织', params: IdParams, body: UpdateBodyInput, response: { 200: BodyView } },
  }, async (req) => service.updateBody(db, actorOf(req), req.params.id, req.body));

  const pTags = ['pairings'];
  app.get('/api/pairings', {
    config: { permission: 'body.read' },
    schema: { tags: pTags, summary: '结对共建/帮扶', querystring: listPairingsQuery, response: { 200: PairingList } },
  }, async (req) => ({ items: await service.listPairings(db, actorOf(req), req.query) }));

  app.post('/api/pairings', {
    config: { permission: 'body.write' },
    schema: { tags: pTags, summary: '新增结对', body: CreatePairingInput, response: { 201: PairingView } },
  }, async (req, reply) => reply.status(201).send(await service.createPairing(db, actorOf(req), req.body)));

  app.patch('/api/pairings/:id', {
    config: { permission: 'body.write' },
    schema: { tags: pTags, summary: '修改结对（endedOn：结束）', params: IdParams, body: UpdatePairingInput, response: { 200: PairingView } },
  }, async (req) => service.updatePairing(db, actorOf(req), req.params.id, req.body));
}
