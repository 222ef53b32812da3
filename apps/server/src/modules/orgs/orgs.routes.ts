import {
  CreateDepartmentInput,
  CreateOrgInput,
  DepartmentList,
  DepartmentView,
  IdParams,
  MoveOrgInput,
  MoveOrgResult,
  OkView,
  OrgList,
  OrgView,
  UpdateDepartmentInput,
  UpdateOrgInput,
  listOrgsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as orgsService from './orgs.service.js';

const tags = ['orgs'];

export async function orgRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/orgs', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织树（调用者的管辖范围，平铺）', querystring: listOrgsQuery, response: { 200: OrgList } },
  }, async (req) => ({ items: await orgsService.listOrgs(db, actorOf(req), req.query) }));

  app.get('/api/orgs/:id', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织详情', params: IdParams, response: { 200: OrgView } },
  }, async (req) => orgsService.getOrg(db, actorOf(req), req.params.id));

  app.post('/api/orgs', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '新建组织', body: CreateOrgInput, response: { 201: OrgView } },
  }, async (req, reply) => reply.status(201).send(await orgsService.createOrg(db, actorOf(req), req.body)));

  app.patch('/api/orgs/:id', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '修改组织（名称、编码、领域、层级）', params: IdParams, body: UpdateOrgInput, response: { 200: OrgView } },
  }, async (req) => orgsService.updateOrg(db, actorOf(req), req.params.id, req.body));

  app.post('/api/orgs/:id/move', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '移动组织（连同下级）', params: IdParams, body: MoveOrgInput, response: { 200: MoveOrgResult } },
  }, async (req) => orgsService.moveOrg(db, actorOf(req), req.params.id, req.body.parentId));

  app.post('/api/orgs/:id/archive', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '归档组织', params: IdParams, response: { 200: OrgView } },
  }, async (req) => orgsService.archiveOrg(db, actorOf(req), req.params.id));

  app.post('/api/orgs/:id/restore', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '恢复已归档的组织', params: IdParams, response: { 200: OrgView } },
  }, async (req) => orgsService.restoreOrg(db, actorOf(req), req.params.id));

  app.delete('/api/orgs/:id', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '删除组织（仅限无下级、无记录）', params: IdParams, response: { 200: OkView } },
  }, async (req) => {
    await orgsService.deleteOrg(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  const dTags = ['departments'];
  app.get('/api/departments', {
    config: { permission: 'department.read' },
    schema: { tags: dTags, summary: '职能部门列表', response: { 200: DepartmentList } },
  }, async (req) => ({ items: await orgsService.listDepartments(db, actorOf(req)) }));

  app.get('/api/departments/:id', {
    config: { permission: 'department.read' },
    schema: { tags: dTags, summary: '职能部门详情', params: IdParams, response: { 200: DepartmentView } },
  }, async (req) => orgsService.getDepartment(db, actorOf(req), req.params.id));

  app.post('/api/departments', {
    config: { permission: 'department.write' },
    schema: { tags: dTags, summary: '新建职能部门', body: CreateDepartmentInput, response: { 201: DepartmentView } },
  }, async (req, reply) => reply.status(201).send(await orgsService.createDepartment(db, actorOf(req), req.body)));

  app.patch('/api/departments/:id', {
    config: { permission: 'department.write' },
    schema: { tags: dTags, summary: '修改职能部门', params: IdParams, body: UpdateDepartmentInput, response: { 200: DepartmentView } },
  }, async (req) => orgsService.updateDepartment(db, actorOf(req), req.params.id, req.body));
}

