import type { App, ModuleContext } from '../../platform/http/types.js';

export async function workmapRoutes(_app: App, _ctx: ModuleContext) {
  // filled by the workmap part of issue 12
}
