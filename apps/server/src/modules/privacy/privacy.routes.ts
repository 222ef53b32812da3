import { AccessHistory, ExportLog, UnmaskReport, accessHistoryQuery, privacyReportQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './privacy.service.js';

export async function privacyRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['privacy'];
  app.get('/api/privacy/unmasks', {
    config: { permission: 'privacy.audit' },
    schema: { tags, summary: '查看明文记录（谁在何时因何查看了谁的敏感信息）', querystring: privacyReportQuery, response: { 200: UnmaskReport } },
  }, async (req) => service.unmaskReport(db, actorOf(req), req.query));

  app.get('/api/privacy/exports', {
    config: { permission: 'privacy.audit' },
    schema: { tags, summary: '个人信息批量导出记录（人数、用途、是否明文）', querystring: privacyReportQuery, response: { 200: ExportLog } },
  }, async (req) => service.exportLog(db, actorOf(req), req.query));

  app.get('/api/privacy/access-history', {
    config: { permission: 'privacy.audit' },
    schema: { tags, summary: '某户/某党员的访问记录（谁查看过、谁修改过）', querystring: accessHistoryQuery, response: { 200: AccessHistory } },
  }, async (req) => service.accessHistory(db, actorOf(req), req.query));
}
