// The periodic work report (issue 12): 篇三's figures of a subtree for a month, a quarter or a year, against the
// period before, as a Word document — the figures of workStatistics (GET /api/statistics) and nothing else.
import type { StatisticsQuery, WorkStatistics } from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { barOption, renderChart } from '../../platform/charts/charts.js';
import { Paragraph, TextRun } from 'docx';
import { FONTS, caption, centred, heading, leadPara, note, packDocument, para, picture, signature, table, title, type Block } from './documents.docx.js';
import { STATISTICS_COLUMNS, percent } from './statistics.columns.js';
import { workStatistics } from './statistics.service.js';

const CHART = { width: 600, height: 320 };

/** +12 / −3 / 持平, and the rate change in percentage points */
const delta = (a: number, b: number) => (a === b ? '持平' : a > b ? `增加${Math.round((a - b) * 10) / 10}` : `减少${Math.round((b - a) * 10) / 10}`);
const pointsDelta = (a: number | null, b: number | null) =>
  a === null || b === null ? '' : a === b ? '，与上期持平' : `，比上期${a > b ? '提高' : '下降'}${(Math.abs(a - b) * 100).toFixed(1)}个百分点`;

export function workReportBlocks(s: WorkStatistics): { body: Block[]; annex: Block[] } {
  const t = s.total;
  const p = s.previousTotal;
  const body: Block[] = [];
  body.push(centred(s.scope.name), ...title([`${s.period.label}基层服务型党组织`, '服务工作情况报告']));
  body.push(para(`现将${s.scope.name}${s.period.label}（${s.period.from}至${s.period.to}）基层服务型党组织服务工作情况报告如下。对比期为${s.previous.label}。`));
  let h = 0;
  body.push(heading(++h, '便民服务办理情况'));
  body.push(para(`本期共受理群众办理事项${t.received}件（上期${p.received}件，${delta(t.received, p.received)}件），其中代办服务${t.proxy}件，受理维权事项${t.rights}件；已答复${t.answered}件，按时办结率${percent(t.onTimeRate)}${pointsDelta(t.onTimeRate, p.onTimeRate)}；“最多跑一次”占${percent(t.oneTripRate)}${pointsDelta(t.oneTripRate, p.oneTripRate)}。目前超期未办结${t.overdueOpen}件。`));
  if (s.rows.length > 1) {
    const names = s.rows.map((r) => r.name.replace(/^中共|委员会$|总支部委员会$|支部委员会$/g, ''));
    const bar = renderChart(barOption('各单位办理事项', names, [{ name: '办理事项', data: s.rows.map((r) => r.received) }, { name: '维权事项', data: s.rows.map((r) => r.rights) }], { unit: '件' }), CHART);
    body.push(picture(bar.png, CHART, '各单位办理事项'));
  }
  body.push(heading(++h, '吹哨报到情况'));
  body.push(para(s.whistles.called
    ? `本期共吹哨调度职能部门${s.whistles.called}次，部门报到${s.whistles.reported}次，其中按时报到${s.whistles.onTime}次（${percent(s.whistles.onTimeRate)}）${s.whistles.avgHoursToReport === null ? '' : `，平均${s.whistles.avgHoursToReport}小时报到`}。`
    : '本期未发生吹哨调度职能部门的事项。'));
  body.push(heading(++h, '走访服务和志愿服务情况'));
  body.push(para(`本期开展入户走访${t.visits}次（上期${p.visits}次），走访${t.householdsVisited}户，占${t.households}户的${percent(t.coverageRate)}；党员志愿服务${t.volunteerHours}小时（上期${p.volunteerHours}小时，${delta(t.volunteerHours, p.volunteerHours)}小时）。`));
  const o = s.threeOnes;
  body.push(leadPara('书记“三个一”：', `${o.year}年${o.secretaries}名党组织书记中，已述职${o.annualReport}人、已建立联系点${o.contactPoint}人、已讲党课${o.partyLecture}人，三项全部完成${o.allDone}人。`));
  body.push(heading(h + 1, '分单位统计'));
  body.push(para(`各单位分项统计见附表（共${s.rows.length}个单位）。`));
  body.push(...signature(s.scope.name, shanghaiToday()));
  const cols = STATISTICS_COLUMNS;
  const annex: Block[] = [
    new Paragraph({ children: [new TextRun({ text: '附表', font: { eastAsia: FONTS.heading, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: 32 })] }),
    caption(`${s.scope.name}${s.period.label}工作统计表`),
    table(cols.map((c) => c.header), [...s.rows.map((r) => cols.map((c) => c.value(r))), cols.map((c) => c.value({ ...t, name: '合计' })), cols.map((c) => c.value({ ...p, name: `上期（${s.previous.label}）` }))], {
      widths: [2.8, 1, 1, 1, 1, 1.1, 1.1, 1, 0.9, 1.4, 0.9, 1.1], numeric: cols.map((_, i) => i).slice(1), totals: false, small: true, wide: true,
    }),
    note('说明：办理事项按受理时间统计；按时办结率、最多跑一次按已答复事项计算；两走遍按本期内走访到的户数除以现有户数计算。'),
  ];
  return { body, annex };
}
export async function workReport(db: Db, actor: Actor, q: StatisticsQuery): Promise<{ name: string; data: Buffer; statistics: WorkStatistics }> {
  const s = await workStatistics(db, actor, q);
  const name = `${s.scope.name}${s.period.label}服务工作情况报告`;
  const { body, annex } = workReportBlocks(s);
  const data = await packDocument({ title: name, subject: `${s.period.from} — ${s.period.to}`, creator: 'jiceng 基层' }, body, annex);
  return { name: `${name}.docx`, data, statistics: s };
}
