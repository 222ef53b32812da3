import type { App, ModuleContext } from '../../platform/http/types.js';

// Issue 11 (考评): routes of this part, registered by evaluation.routes.ts.
export async function templateRoutes(_app: App, _ctx: ModuleContext) {}
