import { CreateDutyInput, DutyFileParams, DutyView, FILE_LIMITS, IdParams, ThreeOnesView, UpdateDutyInput, threeOnesQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import { readFile } from '../../platform/files/files.service.js';
import * as service from './secretaries.service.js';

const tags = ['duties'];
/** one report file inline (base64) and the rest of the record */
const REPORT_BODY_LIMIT = Math.ceil((FILE_LIMITS.maxBytes * 4) / 3) + 64 * 1024;

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

  app.get('/api/duties/:id/files/:fileId', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '下载述职报告等材料', params: DutyFileParams },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await service.getDuty(db, actor, req.params.id); // visibility
    const f = await readFile(db, actor.countyId, service.DUTY_ENTITY, req.params.id, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition('file', f.name))
      .header('x-content-sha256', f.sha256).header('cache-control', 'private, max-age=3600').send(f.data);
  });

  app.post('/api/duties', {
    config: { permission: 'duty.write' }, bodyLimit: REPORT_BODY_LIMIT,
    schema: { tags, summary: '登记书记述职评议（日期、对象、述职报告、评议票数、上级意见）或联系点', body: CreateDutyInput, response: { 201: DutyView } },
  }, async (req, reply) => reply.status(201).send(await service.createDuty(db, actorOf(req), req.body)));

  app.patch('/api/duties/:id', {
    config: { permission: 'duty.write' }, bodyLimit: REPORT_BODY_LIMIT,
    schema: { tags, summary: '修改评议票数、上级意见等（当年年底前）', params: IdParams, body: UpdateDutyInput, response: { 200: DutyView } },
  }, async (req) => service.updateDuty(db, actorOf(req), req.params.id, req.body));
}
