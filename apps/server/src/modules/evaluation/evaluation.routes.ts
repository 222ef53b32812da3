// The annual evaluation (考评, issue 11): every route of the module, each part in its own file.
import type { App, ModuleContext } from '../../platform/http/types.js';
import { templateRoutes } from './templates.routes.js';
import { roundRoutes } from './rounds.routes.js';
import { sheetRoutes } from './sheets.routes.js';
import { rectificationRoutes } from './rectification.routes.js';
import { historyRoutes } from './history.routes.js';

export async function evaluationRoutes(app: App, ctx: ModuleContext) {
  await templateRoutes(app, ctx);
  await roundRoutes(app, ctx);
  await sheetRoutes(app, ctx);
  await rectificationRoutes(app, ctx);
  await historyRoutes(app, ctx);
}
