import { caseStatsWorkbook } from './cases.stats.export.js';
import { and, desc, eq, or } from 'drizzle-orm';
import {
  AcceptCaseInput, AccountabilityList, AccountabilityView, IntakeDates, intakeDatesQuery, CaseDetail, CaseFileParams, CaseList, CaseStats, CreateCaseInput, FileUpload, ForwardCaseInput,
  ForwardTargets, IdParams, NoteInput, NotificationList, OptionalNoteInput, RateInput, ReplyCaseInput, ResumeCaseInput, ReviewAccountabilityInput,
  CaseTabCounts, SimilarCases, SimilarCasesInput, caseStatsQuery, exportCasesQuery, listAccountabilityQuery, listCasesQuery, similarCasesQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { readFile } from '../../platform/files/files.service.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import { notifications } from './cases.tables.js';
import * as service from './cases.service.js';
import { countCaseTabs, listCases, similarCases } from './cases.list.js';
import { listVisibleAccountability, reviewAccountability } from './cases.accountability.js';
import { caseStats } from './cases.stats.js';
// open deadlines follow calendar changes (a loaded official schedule, a county override)
import './cases.recompute.js';
import { exportCases } from './cases.export.js';

/** Photos of a phone camera come inline (base64) with the form: room for five 5 MB files. */
const UPLOAD_BODY_LIMIT = 40 * 1024 * 1024;

export async function caseRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['cases'];
  app.post('/api/cases', {
    config: { permission: 'case.write' }, bodyLimit: UPLOAD_BODY_LIMIT,
    schema: { tags, summary: '受理登记办件（首问负责人为登记人；按事项和受理层级计算办结时限）', body: CreateCaseInput, response: { 201: CaseDetail } },
  }, async (req, reply) => reply.status(201).send(await service.createCase(db, actorOf(req), req.body)));

  app.get('/api/cases', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '办件列表（state、overdue、dueSoon、queue=mine 我的待办…；按受理时间倒序，游标分页）', querystring: listCasesQuery, response: { 200: CaseList } },
  }, async (req) => listCases(db, actorOf(req), req.query));

  app.get('/api/cases/tabs', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '办件台账各页签的件数（我的待办、即将到期、已超期、待补材料、全部）和打开时的页签', response: { 200: CaseTabCounts } },
  }, async (req) => countCaseTabs(db, actorOf(req)));

  app.get('/api/cases/similar', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '可能重复的未办结办件（同户/同网格，文字相似）', querystring: similarCasesQuery, response: { 200: SimilarCases } },
  }, async (req) => similarCases(db, actorOf(req), req.query));

  // the intake form's duplicate hint sends the description in the body (issue 16 point 12)
  app.post('/api/cases/similar', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '可能重复的未办结办件（描述放在请求体中）', body: SimilarCasesInput, response: { 200: SimilarCases } },
  }, async (req) => similarCases(db, actorOf(req), req.body));

  app.get('/api/cases/intake-dates', {
    config: { permission: 'case.write' },
    schema: { tags, summary: '受理前预览：承诺群众的办结日期和本单位办理期限（与保存时同一算法）', querystring: intakeDatesQuery, response: { 200: IntakeDates } },
  }, async (req) => service.intakeDates(db, actorOf(req), req.query));

  app.get('/api/cases/stats', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '办件统计：受理、承办、答复、按时办结率、维权事项、跑腿次数、满意度（按下级组织；承办过的县直部门另列）', querystring: caseStatsQuery, response: { 200: CaseStats } },
  }, async (req) => caseStats(db, actorOf(req), req.query));

  app.get('/api/cases/stats/export.xlsx', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '导出办件统计（Excel：标题行、冻结表头、合计行；数字同办件统计）', querystring: caseStatsQuery },
  }, async (req, reply) => {
    const stats = await caseStats(db, actorOf(req), req.query);
    const file = await caseStatsWorkbook(stats, stats.total.name);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('case-stats.xlsx', file.name)).header('cache-control', 'no-store').send(file.data);
  });

  app.get('/api/cases/export.xlsx', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '导出办件台账（筛选同列表）', querystring: exportCasesQuery },
  }, async (req, reply) => {
    const file = await exportCases(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('cases.xlsx', '办件台账.xlsx')).header('cache-control', 'no-store').send(file);
  });

  app.get('/api/cases/:id', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '办件详情：状态、时限、首问负责人、全过程记录、可执行的操作', params: IdParams, response: { 200: CaseDetail } },
  }, async (req) => service.getCase(db, actorOf(req), req.params.id));

  app.get('/api/cases/:id/forward-targets', {
    config: { permission: 'case.write' },
    schema: { tags, summary: '可转办的单位（所属乡镇、县直部门）', params: IdParams, response: { 200: ForwardTargets } },
  }, async (req) => service.forwardTargets(db, actorOf(req), req.params.id));

  const action = <B>(path: string, summary: string, body: import('zod').ZodType<B>, run: (actor: ReturnType<typeof actorOf>, id: string, b: B) => Promise<CaseDetail>) =>
    app.post(`/api/cases/:id/${path}`, {
      config: { permission: 'case.write' },
      schema: { tags, summary, params: IdParams, body, response: { 200: CaseDetail } },
    }, async (req) => run(actorOf(req), req.params.id, req.body as B));

  action('accept', '开始承办：选择办理方式（直接办理、承诺办理须写明承诺工作日数、明确答复）', AcceptCaseInput, (a, id, b) => service.acceptCase(db, a, id, b));
  action('forward', '转办（村→所属乡镇→县直部门，按接收层级重新计算时限）', ForwardCaseInput, (a, id, b) => service.forwardCase(db, a, id, b));
  action('wait', '请群众补充材料（计时暂停）', NoteInput, (a, id, b) => service.waitCase(db, a, id, b.note));
  action('resume', '恢复办理（计时继续，时限顺延暂停的时间）', ResumeCaseInput, (a, id, b) => service.resumeCase(db, a, id, b));
  action('reply', '回复群众：直接办理、承诺办理或明确答复', ReplyCaseInput, (a, id, b) => service.replyCase(db, a, id, b));
  action('rate', '记录群众评价（电话回访）', RateInput, (a, id, b) => service.rateCase(db, a, id, b));
  action('close', '办结', OptionalNoteInput, (a, id, b) => service.closeCase(db, a, id, b.note));
  action('notes', '办理记录', NoteInput, (a, id, b) => service.noteCase(db, a, id, b.note));
  action('trips', '群众再次来访（跑腿次数+1）', OptionalNoteInput, (a, id, b) => service.tripCase(db, a, id, b.note));

  app.post('/api/cases/:id/files', {
    config: { permission: 'case.write' }, bodyLimit: UPLOAD_BODY_LIMIT,
    schema: { tags, summary: '上传办件材料（照片、PDF；保存 SHA-256）', params: IdParams, body: FileUpload, response: { 200: CaseDetail } },
  }, async (req) => service.addCaseFile(db, actorOf(req), req.params.id, req.body));

  app.get('/api/cases/:id/files/:fileId', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '下载办件材料', params: CaseFileParams },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await service.getCase(db, actor, req.params.id); // visibility
    const f = await readFile(db, actor.countyId, service.CASE_ENTITY, req.params.id, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', contentDisposition('file', f.name))
      .header('x-content-sha256', f.sha256).header('cache-control', 'private, max-age=3600').send(f.data);
  });

  app.get('/api/accountability', {
    config: { permission: 'accountability.review' },
    schema: { tags: ['accountability'], summary: '过错责任追究记录（辖区内）', querystring: listAccountabilityQuery, response: { 200: AccountabilityList } },
  }, async (req) => ({ items: await listVisibleAccountability(db, actorOf(req), req.query.status, req.query.limit) }));

  app.post('/api/accountability/:id/review', {
    config: { permission: 'accountability.review' },
    schema: { tags: ['accountability'], summary: '审核：追究责任或不予追究（均须说明理由）', params: IdParams, body: ReviewAccountabilityInput, response: { 200: AccountabilityView } },
  }, async (req) => reviewAccountability(db, actorOf(req), req.params.id, req.body));

  app.get('/api/notifications', {
    config: { permission: 'case.read' },
    schema: { tags, summary: '本单位的提醒（即将到期、超期、上报督办、吹哨）', response: { 200: NotificationList } },
  }, async (req) => {
    const actor = actorOf(req);
    const mine = or(actor.orgId ? eq(notifications.orgId, actor.orgId) : undefined, actor.departmentId ? eq(notifications.departmentId, actor.departmentId) : undefined);
    if (!mine) return { items: [] };
    const rows = await db.select().from(notifications).where(and(eq(notifications.countyId, actor.countyId), mine)).orderBy(desc(notifications.createdAt)).limit(30);
    return { items: rows.map((n) => ({ id: n.id, kind: n.kind, text: n.text, caseId: n.caseId, whistleId: n.whistleId, createdAt: n.createdAt.toISOString() })) };
  });
}
