import {
  CreateGridInput, CreateHouseholdInput, GridList, GridView, HouseholdPage, HouseholdView, IdParams, ResidentInput,
  UpdateGridInput, UpdateHouseholdInput, UpdateResidentInput, getHouseholdQuery, listGridsQuery, listHouseholdsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as gridsService from './grids.service.js';
import * as householdsService from './households.service.js';

export async function gridRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['grids'];
  app.get('/api/grids', {
    config: { permission: 'grid.read' },
    schema: { tags, summary: '网格列表（户数超出范围的标记出来）', querystring: listGridsQuery, response: { 200: GridList } },
  }, async (req) => gridsService.listGrids(db, actorOf(req), req.query));

  app.get('/api/grids/:id', {
    config: { permission: 'grid.read' },
    schema: { tags, summary: '网格详情', params: IdParams, response: { 200: GridView } },
  }, async (req) => gridsService.getGrid(db, actorOf(req), req.params.id));

  app.post('/api/grids', {
    config: { permission: 'grid.write' },
    schema: { tags, summary: '新建网格', body: CreateGridInput, response: { 201: GridView } },
  }, async (req, reply) => reply.status(201).send(await gridsService.createGrid(db, actorOf(req), req.body)));

  app.patch('/api/grids/:id', {
    config: { permission: 'grid.write' },
    schema: { tags, summary: '修改网格（名称、编码、党小组、边界、归档）', params: IdParams, body: UpdateGridInput, response: { 200: GridView } },
  }, async (req) => gridsService.updateGrid(db, actorOf(req), req.params.id, req.body));

  const hTags = ['households'];
  app.get('/api/households', {
    config: { permission: 'household.read' },
    schema: { tags: hTags, summary: '户籍台账（身份证号等敏感信息默认脱敏）', querystring: listHouseholdsQuery, response: { 200: HouseholdPage } },
  }, async (req) => householdsService.listHouseholds(db, actorOf(req), req.query));

  app.get('/api/households/:id', {
    config: { permission: 'household.read' },
    schema: { tags: hTags, summary: '户详情（含家庭成员；unmask=true 查看敏感信息并留痕）', params: IdParams, querystring: getHouseholdQuery, response: { 200: HouseholdView } },
  }, async (req) => householdsService.getHousehold(db, actorOf(req), req.params.id, req.query));

  app.post('/api/households', {
    config: { permission: 'household.write' },
    schema: { tags: hTags, summary: '新增户（含家庭成员，须有一名户主）', body: CreateHouseholdInput, response: { 201: HouseholdView } },
  }, async (req, reply) => reply.status(201).send(await householdsService.createHousehold(db, actorOf(req), req.body)));

  app.patch('/api/households/:id', {
    config: { permission: 'household.write' },
    schema: { tags: hTags, summary: '修改户（网格、地址、六访标签、归档）', params: IdParams, body: UpdateHouseholdInput, response: { 200: HouseholdView } },
  }, async (req) => householdsService.updateHousehold(db, actorOf(req), req.params.id, req.body));

  app.post('/api/households/:id/residents', {
    config: { permission: 'household.write' },
    schema: { tags: hTags, summary: '添加家庭成员', params: IdParams, body: ResidentInput, response: { 201: HouseholdView } },
  }, async (req, reply) => reply.status(201).send(await householdsService.addResident(db, actorOf(req), req.params.id, req.body)));

  app.patch('/api/residents/:id', {
    config: { permission: 'household.write' },
    schema: { tags: hTags, summary: '修改家庭成员', params: IdParams, body: UpdateResidentInput, response: { 200: HouseholdView } },
  }, async (req) => householdsService.updateResident(db, actorOf(req), req.params.id, req.body));

  app.delete('/api/residents/:id', {
    config: { permission: 'household.write' },
    schema: { tags: hTags, summary: '删除家庭成员（户主除外）', params: IdParams, response: { 200: HouseholdView } },
  }, async (req) => householdsService.deleteResident(db, actorOf(req), req.params.id));
}
