// 两走遍进度 as an Excel ledger (issue 12 part 2): the figures of GET /api/coverage for the same org and year —
// per org (village groups and households visited by anyone) with a totals row, and per account (its target, how
// far it has come, who is still missing) on a second sheet.
import type { CoverageView } from '@jiceng/contract';
import { writeSheet } from '../imports/xlsx.js';

const TARGETS: Record<CoverageView['people'][number]['target'], string> = { villageGroups: '走遍所有村(居)民小组', households: '走遍所有农户' };
const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)}%` : '—');

export async function coverageWorkbook(view: CoverageView): Promise<{ name: string; data: Buffer }> {
  const title = `${view.orgName}${view.year}年两走遍进度`;
  const sum = (k: 'groupsVisited' | 'groups' | 'householdsVisited' | 'households') => view.orgs.reduce((s, o) => s + o[k], 0);
  const line = (name: string, gv: number, g: number, hv: number, h: number) => [name, gv, g, pct(gv, g), hv, h, pct(hv, h)];
  const rows = [
    ...view.orgs.map((o) => line(o.orgName, o.groupsVisited, o.groups, o.householdsVisited, o.households)),
    line('合计', sum('groupsVisited'), sum('groups'), sum('householdsVisited'), sum('households')),
  ];
  const people = [
    ['账号', '单位', '任务', '已走访', '应走访', '完成率', '未走访'],
    ...view.people.map((p) => [p.name, p.orgName, TARGETS[p.target], p.visited, p.total, pct(p.visited, p.total), p.missing.map((m) => m.name).join('、')]),
  ];
  const data = await writeSheet('按组织', [
    { header: '组织', width: 28 }, { header: '已走访村(居)民小组', width: 18 }, { header: '村(居)民小组', width: 14 }, { header: '小组覆盖率', width: 11 },
    { header: '已走访农户', width: 12 }, { header: '农户', width: 10 }, { header: '农户覆盖率', width: 11 },
  ], rows, {
    preamble: [[title], ['按组织统计本年内任何人的走访；按账号的进度（乡镇账号走遍村(居)民小组，村和网格账号走遍农户）见第二张表。']],
    extraSheets: [{ name: '按账号', rows: people, widths: [14, 24, 20, 9, 9, 9, 60] }],
  });
  return { name: `${title}.xlsx`, data };
}
