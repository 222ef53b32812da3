import type { App, ModuleContext } from '../../platform/http/types.js';

// Issue 11 (考评): one org's sheet, entries, submissions, explanations and contests; registered by evaluation.routes.ts.
export async function sheetRoutes(_app: App, _ctx: ModuleContext) {}
