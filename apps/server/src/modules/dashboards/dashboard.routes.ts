import type { App, ModuleContext } from '../../platform/http/types.js';

export async function dashboardRoutes(_app: App, _ctx: ModuleContext) {
  // filled by the dashboard part of issue 12
}
