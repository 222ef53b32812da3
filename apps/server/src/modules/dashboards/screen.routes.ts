import type { App, ModuleContext } from '../../platform/http/types.js';

export async function screenRoutes(_app: App, _ctx: ModuleContext) {
  // filled by the screen part of issue 12
}
