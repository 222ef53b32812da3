import type { App, ModuleContext } from '../../platform/http/types.js';

export async function documentsRoutes(_app: App, _ctx: ModuleContext) {
  // filled by the documents part of issue 12
}
