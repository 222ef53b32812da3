import { SYNC_LIMITS, SyncBatchInput, SyncBatchResult } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { requestLocale } from '../../platform/http/locale.js';
import { AppError } from '../../platform/http/errors.js';
import * as service from './sync.service.js';

export async function syncRoutes(app: App, { database: { db } }: ModuleContext) {
  app.post('/api/sync', {
    // photos come inline (base64): the phone sends them a few per batch, under this limit
    bodyLimit: SYNC_LIMITS.bodyBytes,
    // any account that may make one of the record types (field work, 六报, answers, a member's own volunteer hours);
    // each record is checked against its type's permission
    config: { permission: 'authenticated', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['sync'],
      summary: '手机离线记录上传：每条记录（走访、六报、活动、入户测评、志愿服务）以客户端 UUIDv7 为幂等键，逐条返回 created / duplicate / conflict / invalid',
      body: SyncBatchInput,
      response: { 200: SyncBatchResult },
    },
  }, async (req) => {
    if (!service.canSync(actorOf(req))) throw new AppError('auth.forbidden', 403);
    return { results: await service.syncBatch(db, actorOf(req), req.body, requestLocale(req), (err) => req.log.error({ message: (err as Error).message, code: (err as { code?: string }).code }, 'sync record failed')) };
  });
}
