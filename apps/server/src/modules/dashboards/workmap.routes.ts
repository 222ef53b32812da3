import { WorkMap, workMapQuery } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { workMap } from './workmap.service.js';

/** 网格工作地图 (issue 12 part 5). */
export async function workmapRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/grids/work-map', {
    config: { permission: 'grid.read' },
    schema: {
      tags: ['grids'], summary: '网格工作地图：本辖区各网格的超期必访户、未办结办件或本年六报数及分级（与对应列表的条数一致）',
      querystring: workMapQuery, response: { 200: WorkMap },
    },
  }, async (req) => workMap(db, actorOf(req), req.query));
}
