import {
  CreateTrainingCourseInput, IdParams, RotationView, SetAttendeesInput, TrainingCourseList, TrainingCourseView, UpdateTrainingCourseInput,
  listTrainingCoursesQuery, rotationQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import * as service from './training.service.js';

const tags = ['training'];

// 培训 (F16, 篇五(7)): courses, attendees, the secretaries' rotation coverage
export async function trainingRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/training-courses', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '培训班列表（本辖区主办或本辖区党员参加的，按年度、类别、组织筛选）', querystring: listTrainingCoursesQuery, response: { 200: TrainingCourseList } },
  }, async (req) => service.listCourses(db, actorOf(req), req.query));

  app.get('/api/training-courses/:id', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '培训班详情与本辖区学员', params: IdParams, response: { 200: TrainingCourseView } },
  }, async (req) => service.getCourse(db, actorOf(req), req.params.id));

  app.post('/api/training-courses', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '新建培训班：主办组织、类别（书记轮训、后备干部培训……）、起止日期、学时', body: CreateTrainingCourseInput, response: { 201: TrainingCourseView } },
  }, async (req, reply) => reply.status(201).send(await service.createCourse(db, actorOf(req), req.body)));

  app.patch('/api/training-courses/:id', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '修改培训班', params: IdParams, body: UpdateTrainingCourseInput, response: { 200: TrainingCourseView } },
  }, async (req) => service.updateCourse(db, actorOf(req), req.params.id, req.body));

  app.put('/api/training-courses/:id/attendees', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '登记学员（须为主办组织范围内的党员，范围外的逐一列出并拒绝）', params: IdParams, body: SetAttendeesInput, response: { 200: TrainingCourseView } },
  }, async (req) => service.setAttendees(db, actorOf(req), req.params.id, req.body));

  app.get('/api/training/rotation', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '书记轮训覆盖：每位现任书记在轮训周期内是否参加书记轮训（分领域覆盖率、未轮训名单）', querystring: rotationQuery, response: { 200: RotationView } },
  }, async (req) => service.rotation(db, actorOf(req), req.query));

  app.get('/api/training/rotation/export.xlsx', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '导出书记轮训覆盖（全部书记、未轮训名单、分领域覆盖率）', querystring: rotationQuery },
  }, async (req, reply) => {
    const file = await service.exportRotation(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('rotation.xlsx', '书记轮训覆盖.xlsx')).header('cache-control', 'no-store').send(file);
  });
}
