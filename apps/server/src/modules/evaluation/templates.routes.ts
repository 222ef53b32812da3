import { IdParams as Params, SaveTemplateInput, TemplateList, TemplateView } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './evaluation.templates.service.js';

const tags = ['evaluation'];

// 指标体系 (issue 11, F17; 篇五(4) 六有, 篇一 八有): the county's templates; a template a round opened with is frozen
export async function templateRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/evaluation/templates', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '考评指标体系列表（各领域、各版本，是否已被考评轮次使用而冻结）', response: { 200: TemplateList } },
  }, async (req) => service.listTemplates(db, actorOf(req)));

  app.get('/api/evaluation/templates/:id', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '考评指标体系详情：指标、分值、评分方式、计分曲线', params: Params, response: { 200: TemplateView } },
  }, async (req) => service.getTemplate(db, actorOf(req), req.params.id));

  app.post('/api/evaluation/templates', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '新建考评指标体系（分值合计须为 100）', body: SaveTemplateInput, response: { 201: TemplateView } },
  }, async (req, reply) => reply.status(201).send(await service.createTemplate(db, actorOf(req), req.body)));

  app.put('/api/evaluation/templates/:id', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '修改考评指标体系（已被考评轮次使用的不能修改，须复制新版本）', params: Params, body: SaveTemplateInput, response: { 200: TemplateView } },
  }, async (req) => service.updateTemplate(db, actorOf(req), req.params.id, req.body));

  app.post('/api/evaluation/templates/:id/copy', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '复制考评指标体系为新版本（指标编码不变，可修改）', params: Params, response: { 201: TemplateView } },
  }, async (req, reply) => reply.status(201).send(await service.copyTemplate(db, actorOf(req), req.params.id)));
}
