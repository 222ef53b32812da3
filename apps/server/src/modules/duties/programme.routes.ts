import { ProgrammeView, SetProgrammeTargetsInput } from '@jiceng/contract';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import * as service from './programme.service.js';

const tags = ['duties'];

// “6个100”工程 (篇二 6): targets set by the county, progress computed from records
export async function programmeRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get('/api/programme', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '“6个100”工程：六项目标（县分解数）与按记录计算的进度（本辖区范围内计数），附明细', response: { 200: ProgrammeView } },
  }, async (req) => service.programme(db, actorOf(req)));

  app.put('/api/programme/targets', {
    config: { permission: 'programme.write' },
    schema: { tags, summary: '设置“6个100”工程本县目标数与起算日期（县委组织部）', body: SetProgrammeTargetsInput, response: { 200: ProgrammeView } },
  }, async (req) => service.setTargets(db, actorOf(req), req.body));
}
