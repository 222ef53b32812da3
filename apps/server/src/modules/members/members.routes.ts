import {
  CreateMemberInput, CreatePositionInput, IdParams, MemberFileView, MemberPage, MemberView, UpdateMemberInput,
  UpdatePositionInput, listMembersQuery, unmaskOnlyQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './members.service.js';

const tags = ['members'];

export async function memberRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/members', {
    config: { permission: 'member.read' },
    schema: { tags, summary: '党员列表（q：姓名、全拼或首字母）', querystring: listMembersQuery, response: { 200: MemberPage } },
  }, async (req) => service.listMembers(db, actorOf(req), req.query));

  app.get('/api/members/:id', {
    config: { permission: 'member.read' },
    schema: { tags, summary: '党员详情', params: IdParams, querystring: unmaskOnlyQuery, response: { 200: MemberView } },
  }, async (req) => service.getMember(db, actorOf(req), req.params.id, req.query));

  app.get('/api/members/:id/file', {
    config: { permission: 'member.read' },
    schema: { tags, summary: '党员发展档案（时间线；unmask=true 与理由查看敏感信息并留痕）', params: IdParams, querystring: unmaskOnlyQuery, response: { 200: MemberFileView } },
  }, async (req) => service.memberFile(db, actorOf(req), req.params.id, req.query));

  app.post('/api/members', {
    config: { permission: 'member.write' },
    schema: { tags, summary: '新增党员', body: CreateMemberInput, response: { 201: MemberView } },
  }, async (req, reply) => reply.status(201).send(await service.createMember(db, actorOf(req), req.body)));

  app.patch('/api/members/:id', {
    config: { permission: 'member.write' },
    schema: { tags, summary: '修改党员（archived: 转出/归档）', params: IdParams, body: UpdateMemberInput, response: { 200: MemberView } },
  }, async (req) => service.updateMember(db, actorOf(req), req.params.id, req.body));

  app.post('/api/members/:id/positions', {
    config: { permission: 'member.write' },
    schema: { tags, summary: '任职（书记、第一书记、党员中心户、设岗定责…）', params: IdParams, body: CreatePositionInput, response: { 201: MemberView } },
  }, async (req, reply) => reply.status(201).send(await service.addPosition(db, actorOf(req), req.params.id, req.body)));

  app.patch('/api/positions/:id', {
    config: { permission: 'member.write' },
    schema: { tags, summary: '修改任职（endedOn：卸任）', params: IdParams, body: UpdatePositionInput, response: { 200: MemberView } },
  }, async (req) => service.updatePosition(db, actorOf(req), req.params.id, req.body));
}
