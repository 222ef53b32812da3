// The columns of the 篇三 statistics table, shared by the Excel ledger and the Word report: one list, one order.
import type { StatisticsRow } from '@jiceng/contract';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export interface StatisticsColumn { header: string; value: (r: StatisticsRow) => string | number; width: number }

export const STATISTICS_COLUMNS: StatisticsColumn[] = [
  { header: '单位', value: (r) => r.name, width: 26 },
  { header: '办理事项（件）', value: (r) => r.received, width: 12 },
  { header: '其中代办（件）', value: (r) => r.proxy, width: 12 },
  { header: '维权事项（件）', value: (r) => r.rights, width: 12 },
  { header: '已答复（件）', value: (r) => r.answered, width: 11 },
  { header: '按时办结率', value: (r) => pct(r.onTimeRate), width: 11 },
  { header: '最多跑一次', value: (r) => pct(r.oneTripRate), width: 11 },
  { header: '超期未办结（件）', value: (r) => r.overdueOpen, width: 13 },
  { header: '走访（次）', value: (r) => r.visits, width: 10 },
  { header: '走访户数 / 总户数', value: (r) => `${r.householdsVisited} / ${r.households}`, width: 15 },
  { header: '两走遍', value: (r) => pct(r.coverageRate), width: 9 },
  { header: '志愿服务（小时）', value: (r) => r.volunteerHours, width: 13 },
];

export const percent = pct;
