import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorBody, ImportErrorBody, ImportKind, ImportPreview, ImportResult, importQuery, listBodiesQuery, listGridsQuery, listHouseholdsQuery, listMembersQuery,
  listPairingsQuery, exportPurposeQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { requestLocale } from '../../platform/http/locale.js';
import * as service from './imports.service.js';
import * as exportsService from './exports.service.js';
import { takeReport } from './reports.js';
import { XLSX_TYPE, contentDisposition } from './xlsx.js';

const tags = ['imports'];
/** An .xlsx of 200,000 rows is ~10–20 MB; leave room for styled files from WPS/Excel. */
const IMPORT_MAX_MB = 100;

const KindParams = z.strictObject({ kind: ImportKind });
const ReportParams = z.strictObject({ id: z.uuid() });

function sendXlsx(reply: FastifyReply, file: Buffer, fallback: string, name: string) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', contentDisposition(fallback, name))
    .header('cache-control', 'no-store')
    .send(file);
}

/** The one uploaded file (any field name) or a 4xx that says what is wrong with it. */
async function uploaded(req: FastifyRequest): Promise<service.UploadedFile> {
  if (!req.isMultipart()) throw new AppError('import.file', 400);
  try {
    const part = await req.file();
    if (!part) throw new AppError('import.file', 400);
    return { name: part.filename, data: await part.toBuffer() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import.fileTooLarge', 413, { mb: IMPORT_MAX_MB });
    throw new AppError('import.file', 400);
  }
}

export async function importRoutes(app: App, { database: { db } }: ModuleContext) {
  // multipart only here: everything else stays JSON with the global 1 MB body limit
  await app.register(async (plugin) => {
    const r = plugin.withTypeProvider<ZodTypeProvider>();
    await r.register(multipart, { limits: { fileSize: IMPORT_MAX_MB * 1024 * 1024, files: 1, parts: 20 } });

    r.get('/api/imports/templates/:kind.xlsx', {
      config: { permission: 'import.run' },
      schema: { tags, summary: '下载导入模板（第二个工作表为填写说明）', params: KindParams },
    }, async (req, reply) => {
      const { file, name } = await service.importTemplate(req.params.kind);
      return sendXlsx(reply, file, `${req.params.kind}-template.xlsx`, name);
    });

    r.post('/api/imports/:kind', {
      config: { permission: 'import.run' },
      schema: {
        tags,
        summary: 'Excel/CSV 导入：dryRun=true 只检查并返回预览；否则全部正确才导入（422 列出每个错误并给出标注错误的 Excel，或列出需确认忽略的列）；mode=update 更新已有记录',
        consumes: ['multipart/form-data'], params: KindParams, querystring: importQuery,
        response: { 200: z.union([ImportResult, ImportPreview]), 422: z.union([ImportErrorBody, ErrorBody]) },
      },
    }, async (req, reply) => {
      const q = req.query;
      const ignoreColumns = (q.ignoreColumns ?? '').split(',').map((c) => c.trim()).filter(Boolean);
      const outcome = await service.runImport(db, actorOf(req), req.params.kind, await uploaded(req), requestLocale(req), {
        mode: q.mode, dryRun: q.dryRun === true, ignoreColumns,
      });
      if (outcome.ok) return { imported: outcome.imported, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, preview: outcome.preview };
      if (outcome.status === 200 || !outcome.body) return outcome.preview;
      return reply.status(422).send(outcome.body);
    });

    r.get('/api/imports/reports/:id.xlsx', {
      config: { permission: 'import.run' },
      schema: { tags, summary: '导入错误清单（标出错误的原文件，保留 1 小时，仅上传者可下载）', params: ReportParams },
    }, async (req, reply) => {
      const report = takeReport(actorOf(req).userId, req.params.id);
      if (!report) throw notFound();
      return sendXlsx(reply, report.file, 'import-errors.xlsx', report.name);
    });
  });

  const exportTags = ['exports'];
  app.get('/api/members/export.xlsx', {
    config: { permission: 'member.read' },
    schema: { tags: exportTags, summary: '导出党员名册（筛选同列表；身份证号按列表脱敏）', querystring: listMembersQuery.omit({ page: true, pageSize: true }).extend(exportPurposeQuery) },
  }, async (req, reply) => {
    const x = await exportsService.exportMembers(db, actorOf(req), req.query);
    return sendXlsx(reply, x.file, x.fallback, x.name);
  });

  app.get('/api/households/export.xlsx', {
    config: { permission: 'household.read' },
    schema: { tags: exportTags, summary: '导出户籍台账（筛选同列表）', querystring: listHouseholdsQuery.omit({ page: true, pageSize: true }).extend(exportPurposeQuery) },
  }, async (req, reply) => {
    const x = await exportsService.exportHouseholds(db, actorOf(req), req.query);
    return sendXlsx(reply, x.file, x.fallback, x.name);
  });

  app.get('/api/grids/export.xlsx', {
    config: { permission: 'grid.read' },
    schema: { tags: exportTags, summary: '导出网格（筛选同列表）', querystring: listGridsQuery },
  }, async (req, reply) => {
    const x = await exportsService.exportGrids(db, actorOf(req), req.query);
    return sendXlsx(reply, x.file, x.fallback, x.name);
  });

  app.get('/api/bodies/export.xlsx', {
    config: { permission: 'body.read' },
    schema: { tags: exportTags, summary: '导出 131n 组织（筛选同列表）', querystring: listBodiesQuery },
  }, async (req, reply) => {
    const x = await exportsService.exportBodies(db, actorOf(req), req.query);
    return sendXlsx(reply, x.file, x.fallback, x.name);
  });

  app.get('/api/pairings/export.xlsx', {
    config: { permission: 'body.read' },
    schema: { tags: exportTags, summary: '导出结对共建（筛选同列表）', querystring: listPairingsQuery },
  }, async (req, reply) => {
    const x = await exportsService.exportPairings(db, actorOf(req), req.query);
    return sendXlsx(reply, x.file, x.fallback, x.name);
  });
}
