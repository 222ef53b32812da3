// The columns of the 工作统计 table (seed 篇三: 办理事项、代办、维权、按时办结、最多跑一次、走访、两走遍、志愿服务),
// one list in one order for the page, the Excel ledger and the Word report. `kind` says how a value is shown.
import type { Label } from './enums.js';

export type StatisticsColumnKey =
  | 'name' | 'received' | 'proxy' | 'rights' | 'answered' | 'onTimeRate' | 'oneTripRate' | 'overdueOpen'
  | 'visits' | 'householdsVisited' | 'coverageRate' | 'volunteerHours';

export interface StatisticsColumnDef {
  key: StatisticsColumnKey;
  label: Label;
  kind: 'text' | 'count' | 'rate' | 'ofHouseholds' | 'hours';
  /** the Excel column width (characters) */
  width: number;
}

export const STATISTICS_COLUMN_DEFS: readonly StatisticsColumnDef[] = [
  { key: 'name', label: { 'zh-CN': '单位', en: 'Unit' }, kind: 'text', width: 26 },
  { key: 'received', label: { 'zh-CN': '办理事项（件）', en: 'Items received' }, kind: 'count', width: 12 },
  { key: 'proxy', label: { 'zh-CN': '其中代办（件）', en: 'By proxy' }, kind: 'count', width: 12 },
  { key: 'rights', label: { 'zh-CN': '维权事项（件）', en: 'Rights cases' }, kind: 'count', width: 12 },
  { key: 'answered', label: { 'zh-CN': '已答复（件）', en: 'Answered' }, kind: 'count', width: 11 },
  { key: 'onTimeRate', label: { 'zh-CN': '按时办结率', en: 'On time' }, kind: 'rate', width: 11 },
  { key: 'oneTripRate', label: { 'zh-CN': '最多跑一次', en: 'At most one trip' }, kind: 'rate', width: 11 },
  { key: 'overdueOpen', label: { 'zh-CN': '超期未办结（件）', en: 'Overdue, open' }, kind: 'count', width: 13 },
  { key: 'visits', label: { 'zh-CN': '走访（次）', en: 'Visits' }, kind: 'count', width: 10 },
  { key: 'householdsVisited', label: { 'zh-CN': '走访户数 / 总户数', en: 'Households visited / all' }, kind: 'ofHouseholds', width: 15 },
  { key: 'coverageRate', label: { 'zh-CN': '两走遍', en: 'Coverage' }, kind: 'rate', width: 9 },
  { key: 'volunteerHours', label: { 'zh-CN': '志愿服务（小时）', en: 'Volunteer hours' }, kind: 'hours', width: 13 },
];

export interface StatisticsValues {
  name: string;
  received: number; proxy: number; rights: number; answered: number; onTimeRate: number | null; oneTripRate: number | null;
  overdueOpen: number; visits: number; householdsVisited: number; households: number; coverageRate: number | null; volunteerHours: number;
}

/** 0.956 → "95.6%"; no figure → "—" */
export function statisticsPercent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** a cell as the table, the ledger and the report show it */
export function statisticsCell(c: StatisticsColumnDef, r: StatisticsValues): string | number {
  switch (c.kind) {
    case 'rate': return statisticsPercent(r[c.key] as number | null);
    case 'ofHouseholds': return `${r.householdsVisited} / ${r.households}`;
    default: return r[c.key] as string | number;
  }
}
