// The 篇三 statistics table as an Excel ledger: the same rows and figures as GET /api/statistics, a title row,
// a frozen header, the totals row, and the previous period's totals with the change.
import type { WorkStatistics } from '@jiceng/contract';
import { writeSheet } from '../imports/xlsx.js';
import { STATISTICS_COLUMNS } from './statistics.columns.js';

export const statisticsTitle = (s: WorkStatistics) => `${s.scope.name}${s.period.label}基层服务型党组织工作统计表`;

export async function statisticsWorkbook(s: WorkStatistics): Promise<{ name: string; data: Buffer }> {
  const cells = (r: WorkStatistics['total']) => STATISTICS_COLUMNS.map((c) => c.value(r));
  const change = STATISTICS_COLUMNS.map((c, i) => {
    if (i === 0) return `较上期（${s.previous.label}）增减`;
    const a = c.value(s.total);
    const b = c.value(s.previousTotal);
    return typeof a === 'number' && typeof b === 'number' ? Math.round((a - b) * 10) / 10 : '';
  });
  const rows = [
    ...s.rows.map(cells),
    cells({ ...s.total, name: '合计' }),
    cells({ ...s.previousTotal, name: `上期合计（${s.previous.label}）` }),
    change,
  ];
  const data = await writeSheet('工作统计', STATISTICS_COLUMNS.map((c) => ({ header: c.header, width: c.width })), rows, {
    preamble: [[statisticsTitle(s)], [`统计期间：${s.period.from} 至 ${s.period.to}；吹哨报到：部门报到 ${s.whistles.reported} / ${s.whistles.called} 次；书记“三个一”（${s.threeOnes.year}年）：全部完成 ${s.threeOnes.allDone} / ${s.threeOnes.secretaries} 人`]],
  });
  return { name: `${statisticsTitle(s)}.xlsx`, data };
}
