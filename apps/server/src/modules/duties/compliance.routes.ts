import {
  ComplianceBehindList, ComplianceSummary, IdParams, MemberDutiesView, complianceBehindQuery, complianceQuery, exportComplianceQuery, memberDutiesQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import * as service from './compliance.service.js';

const tags = ['duties'];

export async function complianceRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/compliance/summary', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '义务履行汇总：按乡镇、村统计志愿服务时长、党员中心户、结对帮扶单位、乡镇上门服务的未达标数（由记录计算）', querystring: complianceQuery, response: { 200: ComplianceSummary } },
  }, async (req) => service.summary(db, actorOf(req), req.query));

  app.get('/api/compliance/behind', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '未达标清单（按规则）：已完成、应完成、差额、截止日期，每行可打开其记录；all=true 列出全部', querystring: complianceBehindQuery, response: { 200: ComplianceBehindList } },
  }, async (req) => service.behindList(db, actorOf(req), req.query));

  app.get('/api/compliance/behind/export.xlsx', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '导出未达标清单（筛选同清单）', querystring: exportComplianceQuery },
  }, async (req, reply) => {
    const file = await service.exportBehind(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('compliance.xlsx', '义务履行未达标清单.xlsx')).header('cache-control', 'no-store').send(file);
  });

  app.get('/api/members/:id/duties', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '党员志愿服务时长：本年已完成、应完成、差额、截止日期，逐年统计', params: IdParams, querystring: memberDutiesQuery, response: { 200: MemberDutiesView } },
  }, async (req) => service.getMemberDuties(db, actorOf(req), req.params.id, req.query));

  app.get('/api/me/duties', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '我的志愿服务时长（本人党员档案）：本年进度与逐年统计', querystring: memberDutiesQuery, response: { 200: MemberDutiesView } },
  }, async (req) => service.getMyDuties(db, actorOf(req), req.query));
}
