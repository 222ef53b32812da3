import { Dashboard } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { dashboard } from './dashboard.service.js';

export async function dashboardRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/dashboard', {
    config: { permission: 'authenticated' },
    schema: { tags: ['dashboards'], summary: '首页工作台：按角色与辖区的待办与态势（每个数字附其清单的链接与筛选条件）', response: { 200: Dashboard } },
  }, async (req) => dashboard(db, actorOf(req)));
}
