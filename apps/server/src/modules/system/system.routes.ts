import { AuditPage, HealthView, PolicyView, UpdatePolicyInput, listAuditQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { listAudit } from '../../platform/audit/audit.service.js';
import { getPolicy, updatePolicy } from '../../platform/policy/policy.service.js';

/** Health, audit log and policy: the platform's own pages. */
export async function systemRoutes(app: App, { database }: ModuleContext) {
  const { db } = database;
  app.get('/api/health', {
    config: { permission: 'public' },
    schema: { tags: ['system'], summary: '健康检查', response: { 200: HealthView } },
  }, async () => {
    await db.execute('select 1');
    return { status: 'ok' as const, database: database.kind };
  });

  app.get('/api/audit', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '审计日志（管辖范围内，新→旧）', querystring: listAuditQuery, response: { 200: AuditPage } },
  }, async (req) => listAudit(db, actorOf(req), req.query));

  app.get('/api/policy', {
    config: { permission: 'policy.read' },
    schema: { tags: ['policy'], summary: '本县政策参数', response: { 200: PolicyView } },
  }, async (req) => getPolicy(db, actorOf(req)));

  app.put('/api/policy', {
    config: { permission: 'policy.write' },
    schema: { tags: ['policy'], summary: '修改政策参数（null 恢复默认值）', body: UpdatePolicyInput, response: { 200: PolicyView } },
  }, async (req) => updatePolicy(db, actorOf(req), req.body));
}
