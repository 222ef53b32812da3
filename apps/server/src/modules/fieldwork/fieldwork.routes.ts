import {
  ActivityList, ActivityView, CoverageView, CreateActivityInput, CreateDutyShiftInput, CreateVisitInput, DutyShiftList, DutyShiftView, IdParams,
  OverdueVisits, VisitList, VisitView, coverageQuery, listActivitiesQuery, listDutyShiftsQuery, listVisitsQuery, overdueVisitsQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './fieldwork.service.js';
import { coverageWorkbook } from './fieldwork.coverage.export.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';

export async function fieldworkRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['fieldwork'];
  app.get('/api/visits', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '走访台账（本辖区，按户、组织、走访人、日期筛选，分页）', querystring: listVisitsQuery, response: { 200: VisitList } },
  }, async (req) => service.listVisits(db, actorOf(req), req.query));

  app.get('/api/visits/overdue', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '六访对象超期未走访清单：距上次走访天数、按网格统计（间隔取自政策参数）', querystring: overdueVisitsQuery, response: { 200: OverdueVisits } },
  }, async (req) => service.overdueVisits(db, actorOf(req), req.query));

  app.get('/api/visits/:id', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '走访记录详情', params: IdParams, response: { 200: VisitView } },
  }, async (req) => service.getVisit(db, actorOf(req), req.params.id));

  app.post('/api/visits', {
    config: { permission: 'fieldwork.write' },
    schema: { tags, summary: '记录走访：农户或村(居)民小组、时间、目的、四掌握、后续跟进（可登记办件）、照片', body: CreateVisitInput, response: { 201: VisitView } },
  }, async (req, reply) => reply.status(201).send(await service.createVisit(db, actorOf(req), req.body)));

  app.get('/api/duty-shifts', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '值班台账', querystring: listDutyShiftsQuery, response: { 200: DutyShiftList } },
  }, async (req) => service.listDutyShifts(db, actorOf(req), req.query));

  app.post('/api/duty-shifts', {
    config: { permission: 'fieldwork.write' },
    schema: { tags, summary: '登记值班：村(社区)服务室或乡镇(街道)值班、人员、起止时间、处理事项', body: CreateDutyShiftInput, response: { 201: DutyShiftView } },
  }, async (req, reply) => reply.status(201).send(await service.createDutyShift(db, actorOf(req), req.body)));

  app.get('/api/coverage', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '两走遍进度：按组织和按人（账号）统计本年走访覆盖与未走访清单', querystring: coverageQuery, response: { 200: CoverageView } },
  }, async (req) => service.coverage(db, actorOf(req), req.query));

  app.get('/api/coverage/export.xlsx', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '导出两走遍进度（Excel：按组织含合计行、按账号含未走访清单；数字同两走遍进度）', querystring: coverageQuery },
  }, async (req, reply) => {
    const file = await coverageWorkbook(await service.coverage(db, actorOf(req), req.query));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('coverage.xlsx', file.name)).header('cache-control', 'no-store').send(file.data);
  });

  app.get('/api/activities', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '活动记录（五会、四进、上门服务），供日历查看', querystring: listActivitiesQuery, response: { 200: ActivityList } },
  }, async (req) => service.listActivities(db, actorOf(req), req.query));

  app.get('/api/activities/:id', {
    config: { permission: 'fieldwork.read' },
    schema: { tags, summary: '活动详情', params: IdParams, response: { 200: ActivityView } },
  }, async (req) => service.getActivity(db, actorOf(req), req.params.id));

  app.post('/api/activities', {
    config: { permission: 'fieldwork.write' },
    schema: { tags, summary: '记录活动：类别、日期、地点、组织者、参加党员与群众、纪要、照片', body: CreateActivityInput, response: { 201: ActivityView } },
  }, async (req, reply) => reply.status(201).send(await service.createActivity(db, actorOf(req), req.body)));
}
