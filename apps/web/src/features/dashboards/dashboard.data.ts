// The home dashboard's view helpers: labels, values and the ECharts option of a chart (no ECharts import here).
import type { DashboardCard, DashboardChart, DashboardLink } from '@jiceng/contract';
import { t } from '../../i18n';

export const cardLabel = (c: DashboardCard) => t(`dashboards.card.${c.key}`);
export const chartTitle = (c: DashboardChart) => t(`dashboards.chart.${c.key}`);
export const seriesLabel = (key: string) => t(`dashboards.series.${key}`);
export function cardValue(c: DashboardCard): string {
  if (c.unit === 'percent') return `${c.value}%`;
  return String(c.value);
}
/** router-link target of a figure */
export const linkTo = (l: DashboardLink) => ({ path: l.to, query: l.query });

/** bar (counts, left axis) and line (percent, right axis) series over the categories */
export function chartOption(c: DashboardChart, narrow: boolean) {
  const hasPercent = c.series.some((s) => s.unit === 'percent');
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: hasPercent ? 44 : 16, top: 36, bottom: narrow ? 70 : 50 },
    xAxis: { type: 'category', data: c.categories, axisLabel: { interval: 0, rotate: c.categories.length > 6 || narrow ? 35 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      ...(hasPercent ? [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }] : []),
    ],
    series: c.series.map((s) => ({
      name: seriesLabel(s.key),
      type: s.kind === 'line' ? 'line' : 'bar',
      yAxisIndex: s.unit === 'percent' ? 1 : 0,
      data: s.values,
      cursor: s.links.some(Boolean) ? 'pointer' : 'default',
      ...(s.kind === 'line' ? { smooth: true, connectNulls: true } : { barMaxWidth: 28 }),
    })),
  };
}
