import { CreateDutyInput, DutyView, IdParams, ThreeOnesView, UpdateDutyInput, threeOnesQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import * as service from './secretaries.service.js';

const tags = ['duties'];

// 三个一 (F15; 篇二 8、篇五(15)): 述职评议 and 联系点 recorded here; 党课 are activities of kind partyLecture
export async function secretaryRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/duties/three-ones', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '书记“三个一”年度情况：每位书记的述职评议、联系点、党课是否完成（按记录计算，附记录链接）', querystring: threeOnesQuery, response: { 200: ThreeOnesView } },
  }, async (req) => service.threeOnes(db, actorOf(req), req.query));

  app.get('/api/duties/three-ones/export.xlsx', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '导出书记“三个一”年度情况（筛选同列表）', querystring: threeOnesQuery },
  }, async (req, reply) => {
    const file = await service.exportThreeOnes(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('three-ones.xlsx', '书记三个一.xlsx')).header('cache-control', 'no-store').send(file);
  });

  app.get('/api/duties/:id', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '述职评议或联系点记录详情（评议满意率、联系点的走访和活动）', params: IdParams, response: { 200: DutyView } },
  }, async (req) => service.getDuty(db, actorOf(req), req.params.id));

  app.post('/api/duties', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '登记书记述职评议（日期、对象、述职报告、评议票数、上级意见）或联系点', body: CreateDutyInput, response: { 201: DutyView } },
  }, async (req, reply) => reply.status(201).send(await service.createDuty(db, actorOf(req), req.body)));

  app.patch('/api/duties/:id', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '修改评议票数、上级意见等（当年年底前）', params: IdParams, body: UpdateDutyInput, response: { 200: DutyView } },
  }, async (req) => service.updateDuty(db, actorOf(req), req.params.id, req.body));
}
