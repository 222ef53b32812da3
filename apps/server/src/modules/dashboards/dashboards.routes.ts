// Dashboards (F21, issue 12): each role's home page, the meeting room's big screen (大屏, read-only display
// token), and the grid map coloured by work.
import type { App, ModuleContext } from '../../platform/http/types.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { screenRoutes } from './screen.routes.js';
import { workmapRoutes } from './workmap.routes.js';

export async function dashboardsRoutes(app: App, ctx: ModuleContext) {
  await dashboardRoutes(app, ctx);
  await screenRoutes(app, ctx);
  await workmapRoutes(app, ctx);
}
