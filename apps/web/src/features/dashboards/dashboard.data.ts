// The home dashboard's view helpers: labels, values and the ECharts option of a chart (no ECharts import here).
import type { DashboardCard, DashboardChart, DashboardLink } from '@jiceng/contract';
import { GRADE_LABELS, GRADES, type Grade } from '@jiceng/contract/constants';
import { i18n, label, t } from '../../i18n';

export const cardLabel = (c: DashboardCard) => t(`dashboards.card.${c.key}`);
export const chartTitle = (c: DashboardChart) => t(`dashboards.chart.${c.key}`);
export const seriesLabel = (key: string) => t(`dashboards.series.${key}`);
/** a category: data (an org's name, a month) or a label key (a grade, a progress step) */
export function categoryLabel(c: string): string {
  if ((GRADES as readonly string[]).includes(c)) return label(GRADE_LABELS[c as Grade]);
  const key = `dashboards.category.${c}`;
  return i18n.global.te(key) ? t(key) : c;
}
export function cardValue(c: DashboardCard): string {
  if (c.unit === 'percent') return `${c.value}%`;
  if (c.unit === 'hours') return t('dashboards.hours', { n: c.value });
  return String(c.value);
}
/** router-link target of a figure */
export const linkTo = (l: DashboardLink) => ({ path: l.to, query: l.query });

/** bar (counts, left axis) and line (percent, right axis) series over the categories */
export function chartOption(c: DashboardChart, narrow: boolean) {
  const names = c.categories.map(categoryLabel);
  const pie = c.series.find((s) => s.kind === 'pie');
  if (pie) {
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { top: 0 },
      series: [{
        name: seriesLabel(pie.key), type: 'pie', radius: ['35%', '65%'], top: 24,
        data: names.map((name, i) => ({ name, value: pie.values[i] ?? 0 })),
        label: { formatter: '{b} {c}' },
      }],
    };
  }
  const hasPercent = c.series.some((s) => s.unit === 'percent');
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: hasPercent ? 44 : 16, top: 36, bottom: narrow ? 70 : 50 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: c.categories.length > 6 || narrow ? 35 : 0 } },
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
