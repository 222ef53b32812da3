import {
  CaseFileParams, CreateOwnVolunteerRecordInput, CreateVolunteerRecordInput, IdParams, MyVolunteerRecords, RejectVolunteerRecordInput, VolunteerRecordDetail,
  VolunteerRecordList, VolunteerRecordView, exportVolunteerRecordsQuery, listVolunteerRecordsQuery, myVolunteerRecordsQuery,
} from '@jiceng/contract';
import type { FastifyReply } from 'fastify';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import * as service from './volunteer.service.js';

const tags = ['duties'];
/** photos come inline (base64) with the form */
const UPLOAD_BODY_LIMIT = 40 * 1024 * 1024;

export async function volunteerRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/volunteer-records', {
    config: { permission: 'duty.read' },
    schema: {
      tags, summary: '志愿服务记录（本辖区党员的记录及在本辖区村(社区)开展的服务；按党员、组织、状态、年度、日期筛选；toConfirm=true 为待我审核）',
      querystring: listVolunteerRecordsQuery, response: { 200: VolunteerRecordList },
    },
  }, async (req) => service.listVolunteerRecords(db, actorOf(req), req.query));

  app.get('/api/volunteer-records/export.xlsx', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '导出志愿服务记录台账（筛选同列表，时长为数值）', querystring: exportVolunteerRecordsQuery },
  }, async (req, reply) => {
    const file = await service.exportVolunteerRecords(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('volunteer-records.xlsx', '志愿服务记录台账.xlsx'))
      .header('cache-control', 'no-store').send(file);
  });

  app.get('/api/volunteer-records/:id', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '志愿服务记录详情：照片、更正链（更正了哪条、被哪条更正）', params: IdParams, response: { 200: VolunteerRecordDetail } },
  }, async (req) => service.getVolunteerRecord(db, actorOf(req), req.params.id));

  const sendPhoto = (reply: FastifyReply, f: Awaited<ReturnType<typeof service.volunteerPhoto>>) =>
    reply.header('content-type', f.mime).header('content-disposition', contentDisposition('photo', f.name))
      .header('x-content-sha256', f.sha256).header('cache-control', 'private, max-age=3600').send(f.data);
  app.get('/api/volunteer-records/:id/photos/:fileId', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '志愿服务记录照片', params: CaseFileParams },
  }, async (req, reply) => sendPhoto(reply, await service.volunteerPhoto(db, actorOf(req), req.params.id, req.params.fileId)));

  app.post('/api/volunteer-records', {
    bodyLimit: UPLOAD_BODY_LIMIT,
    config: { permission: 'duty.write' },
    schema: {
      tags, summary: '代为登记志愿服务：党员、服务村(社区)（所在村或结对帮扶村）、起止时间（时长自动计算）、地点、内容、照片；可作为已确认记录的更正',
      body: CreateVolunteerRecordInput, response: { 201: VolunteerRecordView },
    },
  }, async (req, reply) => reply.status(201).send(await service.createVolunteerRecord(db, actorOf(req), req.body, { source: 'desk' })));

  app.post('/api/volunteer-records/:id/confirm', {
    config: { permission: 'volunteer.confirm' },
    schema: { tags, summary: '确认志愿服务记录（服务所在村(社区)的干部；不能确认本人登记的或本人的记录）', params: IdParams, response: { 200: VolunteerRecordView } },
  }, async (req) => service.reviewVolunteerRecord(db, actorOf(req), req.params.id, { confirm: true }));

  app.post('/api/volunteer-records/:id/reject', {
    config: { permission: 'volunteer.confirm' },
    schema: { tags, summary: '退回志愿服务记录（须填写原因）', params: IdParams, body: RejectVolunteerRecordInput, response: { 200: VolunteerRecordView } },
  }, async (req) => service.reviewVolunteerRecord(db, actorOf(req), req.params.id, { confirm: false, reason: req.body.reason }));

  app.get('/api/me/volunteer-records', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '本人志愿服务记录（党员本人账号）：本年记录与已确认、待审核时长', querystring: myVolunteerRecordsQuery, response: { 200: MyVolunteerRecords } },
  }, async (req) => service.myVolunteerRecords(db, actorOf(req), req.query));

  app.get('/api/me/volunteer-records/:id/photos/:fileId', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '本人志愿服务记录照片', params: CaseFileParams },
  }, async (req, reply) => sendPhoto(reply, await service.volunteerPhoto(db, actorOf(req), req.params.id, req.params.fileId)));

  app.post('/api/me/volunteer-records', {
    bodyLimit: UPLOAD_BODY_LIMIT,
    config: { permission: 'self.service' },
    schema: { tags, summary: '登记本人志愿服务（党员本人账号）', body: CreateOwnVolunteerRecordInput, response: { 201: VolunteerRecordView } },
  }, async (req, reply) => reply.status(201).send(await service.createVolunteerRecord(db, actorOf(req), req.body, { source: 'phone' })));
}
