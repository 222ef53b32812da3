// 部门响应统计 as an Excel ledger: the rows of GET /api/whistles/stats for the same dates, a title row, the frozen
// header and the totals row (issue 12 part 2).
import type { WhistleStats } from '@jiceng/contract';
import { writeSheet } from '../imports/xlsx.js';

type Row = WhistleStats['rows'][number];
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const hours = (x: number | null) => (x === null ? '—' : Math.round(x * 10) / 10);

export async function whistleStatsWorkbook(stats: WhistleStats): Promise<{ name: string; data: Buffer }> {
  const title = `部门响应统计（${stats.from} 至 ${stats.to}）`;
  const line = (r: Pick<Row, 'departmentName' | 'called' | 'reported' | 'onTime' | 'late' | 'missing' | 'onTimeRate' | 'avgHoursToArrive' | 'avgHoursToReport'>) =>
    [r.departmentName, r.called, r.reported, r.onTime, r.late, r.missing, pct(r.onTimeRate), hours(r.avgHoursToArrive), hours(r.avgHoursToReport)];
  const sum = (k: 'called' | 'reported' | 'onTime' | 'late' | 'missing') => stats.rows.reduce((s, r) => s + r[k], 0);
  const reported = sum('reported');
  const total = {
    departmentName: '合计', called: sum('called'), reported, onTime: sum('onTime'), late: sum('late'), missing: sum('missing'),
    onTimeRate: reported > 0 ? Math.round((sum('onTime') / reported) * 1000) / 1000 : null, avgHoursToArrive: null, avgHoursToReport: null,
  };
  const data = await writeSheet('部门响应统计', [
    { header: '部门', width: 24 }, { header: '被吹哨（次）', width: 12 }, { header: '已反馈（次）', width: 12 }, { header: '按时（次）', width: 10 },
    { header: '超时（次）', width: 10 }, { header: '未反馈（次）', width: 12 }, { header: '按时反馈率', width: 11 },
    { header: '平均到场（小时）', width: 14 }, { header: '平均反馈（小时）', width: 14 },
  ], [...stats.rows.map(line), line(total)], { preamble: [[title], ['按时反馈率 = 按时反馈次数 ÷ 已反馈次数；合计行不计平均小时数。']] });
  return { name: `${title}.xlsx`, data };
}
