import type { App, ModuleContext } from '../../platform/http/types.js';

export async function statisticsRoutes(_app: App, _ctx: ModuleContext) {
  // filled by the statistics part of issue 12
}
