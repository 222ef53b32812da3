import {
  AdvanceRoundInput, ApplyRecomputeInput, CreateRoundInput, RecomputePreview, RoundList, RoundParams, RoundView, TargetList, UpdateRoundInput,
  listRoundsQuery, listTargetsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import * as service from './evaluation.rounds.service.js';
import { exportRound } from './evaluation.export.js';

const tags = ['evaluation'];

// 考评轮次 (issue 11, F17–F19): setup, lifecycle (draft → self → massOrg → review → published → final), review table,
// the explicit recompute after the snapshot, the Excel export of the ranking and every stage
export async function roundRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/evaluation/rounds', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '考评轮次列表（本辖区的，或本组织参评的）', querystring: listRoundsQuery, response: { 200: RoundList } },
  }, async (req) => service.listRounds(db, actorOf(req), req.query));

  app.get('/api/evaluation/rounds/:id', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '考评轮次详情：范围、指标体系、阶段日期、权重、考评组、进度', params: RoundParams, response: { 200: RoundView } },
  }, async (req) => service.getRound(db, actorOf(req), req.params.id));

  app.post('/api/evaluation/rounds', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '新建考评轮次（权重、群众测评构成、先进比例、定级分数线取自政策参数）', body: CreateRoundInput, response: { 201: RoundView } },
  }, async (req, reply) => reply.status(201).send(await service.createRound(db, actorOf(req), req.body)));

  app.patch('/api/evaluation/rounds/:id', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '修改考评轮次（权重、指标体系、层级只在筹备中；日期、考评组在审核前）', params: RoundParams, body: UpdateRoundInput, response: { 200: RoundView } },
  }, async (req) => service.updateRound(db, actorOf(req), req.params.id, req.body));

  app.post('/api/evaluation/rounds/:id/advance', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '推进到下一阶段（开始自评时确定参评组织并冻结指标体系；开始审核时冻结自动计算数据；公示须各组织各阶段齐全）', params: RoundParams, body: AdvanceRoundInput, response: { 200: RoundView } },
  }, async (req) => service.advanceRound(db, actorOf(req), req.params.id, req.body));

  app.get('/api/evaluation/rounds/:id/targets', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '审核表：各参评组织的自评、群众测评、组织考评、总分、否决、拟定等次、排名、上年等次', params: RoundParams, querystring: listTargetsQuery, response: { 200: TargetList } },
  }, async (req) => service.listTargets(db, actorOf(req), req.params.id, req.query));

  app.post('/api/evaluation/rounds/:id/compute', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '按平台记录重新计算自动计算指标和群众测评（审核开始前）', params: RoundParams, response: { 200: TargetList } },
  }, async (req) => service.computeRound(db, actorOf(req), req.params.id));

  app.post('/api/evaluation/rounds/:id/recompute/preview', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '预览重新计算：按当前记录计算，与冻结数据比较差异（不写入）', params: RoundParams, response: { 200: RecomputePreview } },
  }, async (req) => service.previewRecompute(db, actorOf(req), req.params.id));

  app.post('/api/evaluation/rounds/:id/recompute', {
    config: { permission: 'evaluation.manage' },
    schema: { tags, summary: '确认重新计算：替换冻结数据并重算得分与等次（数据在预览后变化则拒绝）', params: RoundParams, body: ApplyRecomputeInput, response: { 200: TargetList } },
  }, async (req) => service.applyRecompute(db, actorOf(req), req.params.id, req.body));

  app.get('/api/evaluation/rounds/:id/export.xlsx', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '导出考评排名与各阶段得分（排名、自评、群众测评、组织考评）', params: RoundParams },
  }, async (req, reply) => {
    const file = await exportRound(db, actorOf(req), req.params.id);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('evaluation.xlsx', file.name)).header('cache-control', 'no-store').send(file.data);
  });
}
