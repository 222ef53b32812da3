import { z } from 'zod';
import {
  AddRectificationNoteInput, CreateRectificationInput, FILE_LIMITS, IdParams, RectificationDraft, RectificationList, RectificationView,
  UpdateRectificationInput, listRectificationsQuery, rectificationDraftQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { contentDisposition } from '../imports/xlsx.js';
import * as service from './evaluation.rectification.service.js';

const tags = ['rectification'];
/** one photo or PDF of FILE_LIMITS.maxBytes, base64 (4/3) inside JSON, with room for the text */
const NOTE_BODY_LIMIT = Math.ceil((FILE_LIMITS.maxBytes * 4) / 3) + 256 * 1024;
const NoteFileParams = z.strictObject({ id: z.uuid(), noteId: z.uuid(), fileId: z.uuid() });

// 软弱涣散整顿 (F19): plans of lagging orgs, progress notes, re-checks by the township or the county, 销号
export async function rectificationRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/rectifications/draft', {
    config: { permission: 'rectification.write' },
    schema: { tags, summary: '整顿方案草稿：问题取自得分率最低的指标和一票否决事项，期限按工作日计算，责任人默认现任书记', querystring: rectificationDraftQuery, response: { 200: RectificationDraft } },
  }, async (req) => service.rectificationDraft(db, actorOf(req), req.query));

  app.get('/api/rectifications', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '整顿台账（辖区内；按轮次、状态、乡镇筛选；超期未销号的标出）', querystring: listRectificationsQuery, response: { 200: RectificationList } },
  }, async (req) => service.listRectifications(db, actorOf(req), req.query));

  app.get('/api/rectifications/:id', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '整顿方案详情：问题、措施、责任人、期限、进展与复查', params: IdParams, response: { 200: RectificationView } },
  }, async (req) => service.getRectification(db, actorOf(req), req.params.id));

  app.post('/api/rectifications', {
    config: { permission: 'rectification.write' },
    schema: { tags, summary: '为定为“后进”的组织制定整顿方案（公示或定级后；每轮每个组织一份；由上级党组织制定）', body: CreateRectificationInput, response: { 201: RectificationView } },
  }, async (req, reply) => reply.status(201).send(await service.createRectification(db, actorOf(req), req.body)));

  app.patch('/api/rectifications/:id', {
    config: { permission: 'rectification.write' },
    schema: { tags, summary: '修改整顿方案（销号后不能修改）', params: IdParams, body: UpdateRectificationInput, response: { 200: RectificationView } },
  }, async (req) => service.updateRectification(db, actorOf(req), req.params.id, req.body));

  app.post('/api/rectifications/:id/notes', {
    config: { permission: 'evaluation.self' }, bodyLimit: NOTE_BODY_LIMIT,
    schema: { tags, summary: '记录整顿进展（本组织或上级），或复查（乡镇(街道)或县级：通过即销号），可附照片', params: IdParams, body: AddRectificationNoteInput, response: { 200: RectificationView } },
  }, async (req) => service.addRectificationNote(db, actorOf(req), req.params.id, req.body));

  app.get('/api/rectifications/:id/notes/:noteId/files/:fileId', {
    config: { permission: 'evaluation.read' },
    schema: { tags, summary: '下载整顿进展或复查的附件', params: NoteFileParams },
  }, async (req, reply) => {
    const f = await service.noteFile(db, actorOf(req), req.params.id, req.params.noteId, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition('file', f.name))
      .header('x-content-sha256', f.sha256).header('cache-control', 'private, max-age=3600').send(f.data);
  });
}
