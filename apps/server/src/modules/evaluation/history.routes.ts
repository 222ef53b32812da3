import { GradeChanges, GradeHistoryView, IdParams, gradeHistoryQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './evaluation.history.service.js';

const tags = ['evaluation'];

// 晋位升级 (F20): grade history per org, a round's grade changes against the year before
export async function historyRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/evaluation/history', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '组织历年定级（已公示或已定级的考评）', querystring: gradeHistoryQuery, response: { 200: GradeHistoryView } },
  }, async (req) => service.gradeHistory(db, actorOf(req), req.query.orgId));

  app.get('/api/evaluation/rounds/:id/changes', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '晋位升级：本轮各组织定级与上一年度对比（上升、下降、持平，连续两年后进）', params: IdParams, response: { 200: GradeChanges } },
  }, async (req) => service.roundGradeChanges(db, actorOf(req), req.params.id));
}
