// The Word reports (issue 12): the evaluation report of a round (篇一) and the periodic work report (篇三's figures).
import { EvaluationReportParams, EvaluationReportQuery, statisticsQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { contentDisposition } from '../imports/xlsx.js';
import { evaluationReport } from './evaluation.report.js';
import { workReport } from './work.report.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['统计报表'];

export async function documentsRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/reports/evaluation/:roundId.docx', {
    config: { permission: 'report.read' },
    schema: {
      tags, summary: '考评工作报告（Word）：组织领导、考评方法、考评结果（分乡镇、分领域、与上年对比、前后十名及薄弱指标）、整改提高；orgId 为本辖区内的下级范围',
      params: EvaluationReportParams, querystring: EvaluationReportQuery,
    },
  }, async (req, reply) => {
    const file = await evaluationReport(db, actorOf(req), req.params.roundId, req.query.orgId);
    return reply.header('content-type', DOCX_TYPE).header('content-disposition', contentDisposition('evaluation-report.docx', file.name)).header('cache-control', 'no-store').send(file.data);
  });

  app.get('/api/reports/work.docx', {
    config: { permission: 'report.read' },
    schema: {
      tags, summary: '服务工作情况报告（Word，月度/季度/年度/自定义）：办理事项、代办、维权、按时办结率、最多跑一次、吹哨报到、走访与两走遍、志愿服务、书记“三个一”，与上期对比，分单位统计表',
      querystring: statisticsQuery,
    },
  }, async (req, reply) => {
    const file = await workReport(db, actorOf(req), req.query);
    return reply.header('content-type', DOCX_TYPE).header('content-disposition', contentDisposition('work-report.docx', file.name)).header('cache-control', 'no-store').send(file.data);
  });
}
