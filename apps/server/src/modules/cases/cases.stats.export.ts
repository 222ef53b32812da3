// 办件统计 as an Excel ledger: the rows and figures of GET /api/cases/stats for the same org and dates, a title row,
// the frozen header and the totals row (issue 12 part 2: every statistics table exports with the same figures).
import type { CaseStats } from '@jiceng/contract';
import { writeSheet } from '../imports/xlsx.js';

type Row = CaseStats['total'];
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : Math.round(x * 10 ** digits) / 10 ** digits);

const COLUMNS: { header: string; width: number; value: (r: Row) => string | number }[] = [
  { header: '单位', width: 26, value: (r) => r.name },
  { header: '受理（件）', width: 10, value: (r) => (r.basis === 'held' ? '—' : r.received) },
  { header: '已答复（件）', width: 11, value: (r) => r.answered },
  { header: '按时办结（件）', width: 12, value: (r) => r.onTime },
  { header: '按时办结率', width: 11, value: (r) => pct(r.onTimeRate) },
  { header: '未办结（件）', width: 11, value: (r) => r.open },
  { header: '超期未办结（件）', width: 13, value: (r) => r.overdueOpen },
  { header: '维权事项（件）', width: 12, value: (r) => r.rights },
  { header: '代办（件）', width: 10, value: (r) => r.proxy },
  { header: '六报（件）', width: 10, value: (r) => r.fieldReports },
  { header: '转办（件）', width: 10, value: (r) => (r.basis === 'held' ? '—' : r.forwarded) },
  { header: '承办（件）', width: 10, value: (r) => r.held },
  { header: '平均跑动次数', width: 12, value: (r) => num(r.avgTrips) },
  { header: '最多跑一次', width: 11, value: (r) => pct(r.oneTripRate) },
  { header: '评价数', width: 8, value: (r) => r.rated },
  { header: '平均评分', width: 9, value: (r) => num(r.avgRating) },
  { header: '直接办理', width: 9, value: (r) => r.byMode.direct ?? 0 },
  { header: '承诺办理', width: 9, value: (r) => r.byMode.promised ?? 0 },
  { header: '解释说明', width: 9, value: (r) => r.byMode.explained ?? 0 },
];

export async function caseStatsWorkbook(stats: CaseStats, scopeName: string): Promise<{ name: string; data: Buffer }> {
  const title = `${scopeName}办件统计（${stats.from} 至 ${stats.to}）`;
  const rows = [...stats.rows, { ...stats.total, name: '合计' }].map((r) => COLUMNS.map((c) => c.value(r)));
  // the township halls and county departments by what they held, on a sheet of their own: a forwarded case counts
  // at its village and again where it went, so they are not rows of the total
  const deptSheet = stats.holders.length
    ? [{
      name: '转来承办',
      rows: [[`${title}·转来承办`], ['乡镇(街道)本级和县直部门按承办计（转至本单位办理的事项），不计入合计。'], COLUMNS.map((c) => c.header), ...stats.holders.map((r) => COLUMNS.map((c) => c.value(r)))],
      widths: COLUMNS.map((c) => c.width),
    }]
    : [];
  const data = await writeSheet('办件统计', COLUMNS.map((c) => ({ header: c.header, width: c.width })), rows, {
    preamble: [[title], ['按受理时间统计；按时办结率、最多跑一次按已答复事项计算；承办为现由或答复时由本单位办理的件数；转来承办的乡镇本级和县直部门见第二个工作表。']],
    extraSheets: deptSheet,
  });
  return { name: `${title}.xlsx`, data };
}
