import {
  CreateSurveyDrawInput, IdParams, SurveyAnswerInput, SurveyDrawList, SurveyDrawView, SurveyResponseView, SurveyResults, listSurveyDrawsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './surveys.service.js';

export async function surveyRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['surveys'];
  app.get('/api/surveys/draws', {
    config: { permission: 'survey.read' },
    schema: { tags, summary: '三级入户走访：本辖区的抽样（覆盖本辖区或在本辖区内）', querystring: listSurveyDrawsQuery, response: { 200: SurveyDrawList } },
  }, async (req) => ({ items: await service.listDraws(db, actorOf(req), req.query) }));

  app.post('/api/surveys/draws', {
    config: { permission: 'survey.draw' },
    schema: {
      tags, summary: '随机抽取入户走访农户（按村分层，种子可复核：npm run jiceng -- survey verify <id>）',
      body: CreateSurveyDrawInput, response: { 201: SurveyDrawView },
    },
  }, async (req, reply) => reply.status(201).send(await service.createDraw(db, actorOf(req), req.body)));

  app.get('/api/surveys/draws/:id', {
    config: { permission: 'survey.read' },
    schema: { tags, summary: '抽样详情：本辖区被抽中的农户及是否已测评', params: IdParams, response: { 200: SurveyDrawView } },
  }, async (req) => service.getDraw(db, actorOf(req), req.params.id));

  app.post('/api/surveys/draws/:id/responses', {
    config: { permission: 'survey.answer' },
    schema: { tags, summary: '记录一户的满意度测评（每户一次，1–5 分）', params: IdParams, body: SurveyAnswerInput, response: { 201: SurveyResponseView } },
  }, async (req, reply) => reply.status(201).send(await service.answerSurvey(db, actorOf(req), req.params.id, req.body)));

  app.get('/api/surveys/draws/:id/results', {
    config: { permission: 'survey.read' },
    schema: { tags, summary: '测评结果：每题平均分与份数，分村统计', params: IdParams, response: { 200: SurveyResults } },
  }, async (req) => service.drawResults(db, actorOf(req), req.params.id));
}
