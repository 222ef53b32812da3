// Reports (F21, issue 12): the statistics of any subtree and period (篇三) with their Excel ledgers, and the
// Word documents: the county's evaluation report (篇一) and the periodic work report.
import type { App, ModuleContext } from '../../platform/http/types.js';
import { statisticsRoutes } from './statistics.routes.js';
import { documentsRoutes } from './documents.routes.js';

export async function reportRoutes(app: App, ctx: ModuleContext) {
  await statisticsRoutes(app, ctx);
  await documentsRoutes(app, ctx);
}
