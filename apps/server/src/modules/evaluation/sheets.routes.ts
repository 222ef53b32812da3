import {
  AddEntryInput, ContestList, ContestView, DecideContestInput, EntryParams, FileContestInput, IdParams, IndicatorExplanation, MassExplanation,
  RoundOrgIndicatorParams, RoundOrgParams, SubmitStageInput, TargetSheet, explainQuery, listContestsQuery,
} from '@jiceng/contract';
import type { FastifyReply } from 'fastify';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { contentDisposition } from '../imports/xlsx.js';
import * as sheets from './evaluation.sheet.service.js';
import * as explain from './evaluation.explain.service.js';
import * as contests from './evaluation.contests.service.js';

const tags = ['evaluation'];
/** a phone photo or a PDF comes inline (base64, up to 5 MB) with the form */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

const sendFile = (reply: FastifyReply, f: { mime: string; name: string; sha256: string; data: Buffer }) =>
  reply.header('content-type', f.mime).header('content-disposition', contentDisposition('evidence', f.name))
    .header('x-content-sha256', f.sha256).header('cache-control', 'private, max-age=3600').send(f.data);

// Issue 11 (考评): one org's sheet, entries, submissions, explanations and contests; registered by evaluation.routes.ts.
// The write routes declare evaluation.read: which stage the caller may write (self: evaluation.self of the org
// itself; org: evaluation.score of an evaluator of the round) is the service's check, answered 403 by name.
export async function sheetRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/evaluation/rounds/:id/orgs/:orgId', {
    config: { permission: 'evaluation.read' },
    schema: {
      tags, summary: '一个参评组织的考评表：各指标（自动计算值及是否已冻结、自评分、组织考评分、申诉改分、否决）、加减分记录及材料、群众测评、申诉、可做的操作',
      params: RoundOrgParams, response: { 200: TargetSheet },
    },
  }, async (req) => sheets.getSheet(db, actorOf(req), req.params.id, req.params.orgId));

  app.post('/api/evaluation/rounds/:id/orgs/:orgId/entries', {
    config: { permission: 'evaluation.read' }, bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags, summary: '记录加分、扣分或一票否决事项（须附材料：照片/PDF 或关联本组织的记录）；自评由本组织填写，组织考评由考评组成员填写；重新计算该组织得分',
      params: RoundOrgParams, body: AddEntryInput, response: { 201: TargetSheet },
    },
  }, async (req, reply) => reply.status(201).send(await sheets.addEntry(db, actorOf(req), req.params.id, req.params.orgId, req.body)));

  app.delete('/api/evaluation/rounds/:id/orgs/:orgId/entries/:entryId', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '撤回一条加减分（记录保留、不再计分；本人或县委组织部，阶段提交前）；重新计算', params: EntryParams, response: { 200: TargetSheet } },
  }, async (req) => sheets.withdrawEntry(db, actorOf(req), req.params.id, req.params.orgId, req.params.entryId));

  app.get('/api/evaluation/rounds/:id/orgs/:orgId/entries/:entryId/file', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '下载加减分的材料（响应头 x-content-sha256）', params: EntryParams },
  }, async (req, reply) => sendFile(reply, await sheets.entryFile(db, actorOf(req), req.params.id, req.params.orgId, req.params.entryId)));

  app.post('/api/evaluation/rounds/:id/orgs/:orgId/submit', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '提交自评或组织考评（提交后该阶段不能再修改）', params: RoundOrgParams, body: SubmitStageInput, response: { 200: TargetSheet } },
  }, async (req) => sheets.submitStage(db, actorOf(req), req.params.id, req.params.orgId, req.body));

  app.get('/api/evaluation/rounds/:id/orgs/:orgId/indicators/:indicatorId/explain', {
    config: { permission: 'evaluation.read' },
    schema: {
      tags, summary: '一项指标的得分说明：规则、计算值、计入的每条记录（条数即分母）、各阶段得分、加减分与材料、申诉、操作记录',
      params: RoundOrgIndicatorParams, querystring: explainQuery, response: { 200: IndicatorExplanation },
    },
  }, async (req) => explain.explainIndicator(db, actorOf(req), req.params.id, req.params.orgId, req.params.indicatorId, req.query));

  app.get('/api/evaluation/rounds/:id/orgs/:orgId/mass/explain', {
    config: { permission: 'evaluation.read' },
    schema: {
      tags, summary: '群众测评的得分说明：每份问卷和每个办件评价，是否计入及原因（评价来源）',
      params: RoundOrgParams, querystring: explainQuery, response: { 200: MassExplanation },
    },
  }, async (req) => explain.explainMass(db, actorOf(req), req.params.id, req.params.orgId, req.query));

  app.post('/api/evaluation/rounds/:id/orgs/:orgId/contests', {
    config: { permission: 'evaluation.self' }, bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags, summary: '对一项指标提出申诉（本组织，公示期内，写明理由并附材料；同一指标只能有一件待复核）',
      params: RoundOrgParams, body: FileContestInput, response: { 201: ContestView },
    },
  }, async (req, reply) => reply.status(201).send(await contests.fileContest(db, actorOf(req), req.params.id, req.params.orgId, req.body)));

  app.get('/api/evaluation/contests', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '申诉列表（县委组织部：全县；组织：本组织的）', querystring: listContestsQuery, response: { 200: ContestList } },
  }, async (req) => contests.listContests(db, actorOf(req), req.query));

  app.get('/api/evaluation/contests/:id/file', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '下载申诉材料（响应头 x-content-sha256）', params: IdParams },
  }, async (req, reply) => sendFile(reply, await contests.contestFile(db, actorOf(req), req.params.id)));

  app.post('/api/evaluation/contests/:id/decide', {
    config: { permission: 'evaluation.manage' },
    schema: {
      tags, summary: '复核申诉：维持或改分（复核人须未参与该指标的组织考评评分、不是申诉人）；重新计算总分和等次',
      params: IdParams, body: DecideContestInput, response: { 200: ContestView },
    },
  }, async (req) => contests.decideContest(db, actorOf(req), req.params.id, req.body));
}
