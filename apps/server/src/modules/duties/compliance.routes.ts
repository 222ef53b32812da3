import type { App, ModuleContext } from '../../platform/http/types.js';

const tags = ['duties'];

// (issue 10) routes of this part are added here
export async function complianceRoutes(_app: App, _ctx: ModuleContext) {
  void tags;
}
