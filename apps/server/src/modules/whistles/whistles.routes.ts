import {
  CloseWhistleInput, CreateWhistleInput, IdParams, LinkWhistleCasesInput, WhistleFileParams, WhistleList, WhistleReportInput, WhistleStats, WhistleView,
  listWhistlesQuery, whistleStatsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './whistles.service.js';
import { whistleStatsWorkbook } from './whistles.stats.export.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';

/** 接哨 / 到场 may carry up to three phone photos (base64 in the body), 5 MB each. */
const EVIDENCE_BODY_LIMIT = 24 * 1024 * 1024;

export async function whistleRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['whistles'];
  app.get('/api/whistles', {
    config: { permission: 'whistle.read' },
    schema: { tags, summary: '吹哨报到事项（本辖区吹的哨，或吹到本部门的哨）', querystring: listWhistlesQuery, response: { 200: WhistleList } },
  }, async (req) => ({ items: await service.listWhistles(db, actorOf(req), req.query) }));

  app.get('/api/whistles/stats', {
    config: { permission: 'whistle.read' },
    schema: { tags, summary: '部门响应统计：被吹哨次数、按时反馈率、平均到场/反馈小时数', querystring: whistleStatsQuery, response: { 200: WhistleStats } },
  }, async (req) => service.whistleStats(db, actorOf(req), req.query));

  app.get('/api/whistles/stats/export.xlsx', {
    config: { permission: 'whistle.read' },
    schema: { tags, summary: '导出部门响应统计（Excel：标题行、冻结表头、合计行；数字同部门响应统计）', querystring: whistleStatsQuery },
  }, async (req, reply) => {
    const file = await whistleStatsWorkbook(await service.whistleStats(db, actorOf(req), req.query));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('whistle-stats.xlsx', file.name)).header('cache-control', 'no-store').send(file.data);
  });

  app.get('/api/whistles/:id', {
    config: { permission: 'whistle.read' },
    schema: { tags, summary: '吹哨详情与各部门报到情况', params: IdParams, response: { 200: WhistleView } },
  }, async (req) => service.getWhistle(db, actorOf(req), req.params.id));

  app.post('/api/whistles', {
    config: { permission: 'whistle.write' },
    schema: { tags, summary: '乡镇(街道)吹哨：问题、地点、被叫部门、报到时限（小时）、关联办件', body: CreateWhistleInput, response: { 201: WhistleView } },
  }, async (req, reply) => reply.status(201).send(await service.createWhistle(db, actorOf(req), req.body)));

  app.post('/api/whistles/:id/report', {
    config: { permission: 'whistle.report' }, bodyLimit: EVIDENCE_BODY_LIMIT,
    schema: { tags, summary: '部门报到：接哨 → 到场报到（可附现场照片和说明）→ 反馈结果', params: IdParams, body: WhistleReportInput, response: { 200: WhistleView } },
  }, async (req) => service.reportWhistle(db, actorOf(req), req.params.id, req.body));

  app.get('/api/whistles/:id/files/:fileId', {
    config: { permission: 'whistle.read' },
    schema: { tags, summary: '下载接哨/到场照片', params: WhistleFileParams },
  }, async (req, reply) => {
    const f = await service.whistleFile(db, actorOf(req), req.params.id, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition('file', f.name))
      .header('x-content-sha256', f.sha256).header('cache-control', 'private, max-age=3600').send(f.data);
  });

  app.post('/api/whistles/:id/cases', {
    config: { permission: 'whistle.write' },
    schema: { tags, summary: '吹哨后关联办件（按编号尾号、标题搜到的办件）', params: IdParams, body: LinkWhistleCasesInput, response: { 200: WhistleView } },
  }, async (req) => service.linkCases(db, actorOf(req), req.params.id, req.body.caseIds));

  app.post('/api/whistles/:id/close', {
    config: { permission: 'whistle.write' },
    schema: { tags, summary: '吹哨事项办结（写明处置结果）', params: IdParams, body: CloseWhistleInput, response: { 200: WhistleView } },
  }, async (req) => service.closeWhistle(db, actorOf(req), req.params.id, req.body.summary));
}
