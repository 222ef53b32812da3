import {
  CreateUserInput,
  IdParams,
  OkView,
  ResetPasswordInput,
  UpdateUserInput,
  UserList,
  UserView,
  listUsersQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as accounts from './accounts.service.js';

const tags = ['accounts'];

export async function accountRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/users', {
    config: { permission: 'user.read' },
    schema: { tags, summary: '账号列表（管辖范围内）', querystring: listUsersQuery, response: { 200: UserList } },
  }, async (req) => ({ items: await accounts.listUsers(db, actorOf(req), req.query) }));

  app.get('/api/users/:id', {
    config: { permission: 'user.read' },
    schema: { tags, summary: '账号详情', params: IdParams, response: { 200: UserView } },
  }, async (req) => accounts.getUser(db, actorOf(req), req.params.id));

  app.post('/api/users', {
    config: { permission: 'user.write' },
    schema: { tags, summary: '新建账号', body: CreateUserInput, response: { 201: UserView } },
  }, async (req, reply) => reply.status(201).send(await accounts.createUser(db, actorOf(req), req.body)));

  app.patch('/api/users/:id', {
    config: { permission: 'user.write' },
    schema: { tags, summary: '修改账号（停用即注销其全部会话）', params: IdParams, body: UpdateUserInput, response: { 200: UserView } },
  }, async (req) => accounts.updateUser(db, actorOf(req), req.params.id, req.body));

  app.post('/api/users/:id/totp/reset', {
    config: { permission: 'user.write' },
    schema: { tags, summary: '重置他人的双因素认证（仅上级角色；记入审计；注销其全部会话）', params: IdParams, response: { 200: OkView } },
  }, async (req) => {
    await accounts.resetUserTotp(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/api/users/:id/password', {
    config: { permission: 'user.write' },
    schema: { tags, summary: '重置密码（注销其全部会话）', params: IdParams, body: ResetPasswordInput, response: { 200: OkView } },
  }, async (req) => {
    await accounts.resetPassword(db, actorOf(req), req.params.id, req.body.password);
    return { ok: true as const };
  });
}
