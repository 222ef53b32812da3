// The columns of the 篇三 statistics table for the Excel ledger and the Word report: the contract's list (the page
// shows the same), in Chinese, the documents' language.
import { STATISTICS_COLUMN_DEFS, statisticsCell, statisticsPercent, type StatisticsRow } from '@jiceng/contract';

export interface StatisticsColumn { header: string; value: (r: StatisticsRow) => string | number; width: number }

export const STATISTICS_COLUMNS: StatisticsColumn[] = STATISTICS_COLUMN_DEFS.map((c) => ({
  header: c.label['zh-CN'], width: c.width, value: (r: StatisticsRow) => statisticsCell(c, r),
}));

export const percent = statisticsPercent;
