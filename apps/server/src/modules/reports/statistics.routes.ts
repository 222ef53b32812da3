// 工作统计 (issue 12, 篇三): the figures of any subtree and period, as JSON and as an Excel ledger.
import { WorkStatistics, statisticsQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import { workStatistics } from './statistics.service.js';
import { statisticsWorkbook } from './statistics.export.js';

const tags = ['统计报表'];

export async function statisticsRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/statistics', {
    config: { permission: 'report.read' },
    schema: {
      tags, summary: '工作统计（篇三）：办理事项、代办、维权事项、按时办结率、最多跑一次、走访与两走遍、志愿服务时长（按下级组织），吹哨报到、书记“三个一”，与上期对比',
      querystring: statisticsQuery, response: { 200: WorkStatistics },
    },
  }, async (req) => workStatistics(db, actorOf(req), req.query));

  app.get('/api/statistics/export.xlsx', {
    config: { permission: 'report.read' },
    schema: { tags, summary: '导出工作统计表（Excel：标题行、冻结表头、合计行、上期合计与增减）', querystring: statisticsQuery },
  }, async (req, reply) => {
    const stats = await workStatistics(db, actorOf(req), req.query);
    const file = await statisticsWorkbook(stats);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('statistics.xlsx', file.name)).header('cache-control', 'no-store').send(file.data);
  });
}
