// Charts for documents (the Word reports of issue 12): ECharts rendered on the server to SVG (its SSR mode, no
// DOM, no canvas), then to PNG with resvg so Word and WPS show them as plain pictures. Chinese text needs a CJK
// font: the system's Noto Sans CJK (Debian fonts-noto-cjk) when present, else whatever resvg finds.
import fs from 'node:fs';
import type * as echarts from 'echarts';
import { echartsLib, resvgLib } from '../lazy/lazy.js';

const FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto'];
const FONT_FAMILY = 'Noto Sans CJK SC';

let fontFiles: string[] | undefined;
function cjkFonts(): string[] {
  fontFiles ??= FONT_DIRS.flatMap((dir) => {
    try {
      return fs.readdirSync(dir).filter((f) => /^NotoSansCJK-(Regular|Bold)\.tt[cf]$/.test(f)).map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  });
  return fontFiles;
}

export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** pixel size of the PNG (twice the layout size: sharp when printed) */
  width: number;
  height: number;
}

/** One ECharts option → SVG and PNG. Animation is off; the font is the CJK one for every text. */
export function renderChart(option: echarts.EChartsCoreOption, size: { width: number; height: number }): RenderedChart {
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    const fonts = cjkFonts();
    const scale = 2;
    const png = new (resvgLib().Resvg)(svg, {
      fitTo: { mode: 'width', value: size.width * scale },
      font: { fontFiles: fonts, loadSystemFonts: fonts.length === 0, defaultFontFamily: FONT_FAMILY },
    }).render().asPng();
    return { svg, png: Buffer.from(png), width: size.width * scale, height: size.height * scale };
  } finally {
    chart.dispose();
  }
}

const PALETTE = ['#c0392b', '#e67e22', '#2e86c1', '#7f8c8d', '#27ae60', '#8e44ad'];

/** A bar chart: one category axis, one or more series (grouped bars), values labelled on the bars. */
export function barOption(title: string, categories: string[], series: { name: string; data: number[] }[], opts: { unit?: string; horizontal?: boolean } = {}) {
  const valueAxis = { type: 'value', name: opts.unit ?? '', minInterval: 1 };
  const categoryAxis = { type: 'category', data: categories, axisLabel: { interval: 0, rotate: !opts.horizontal && categories.length > 6 ? 30 : 0 } };
  return {
    color: PALETTE,
    title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
    legend: series.length > 1 ? { top: 34 } : undefined,
    grid: { left: 60, right: 30, top: series.length > 1 ? 70 : 48, bottom: 60, containLabel: true },
    xAxis: opts.horizontal ? valueAxis : categoryAxis,
    yAxis: opts.horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: true, position: opts.horizontal ? 'right' : 'top' } })),
  };
}

/** A pie (ring) chart of named counts, with the counts and shares as labels. */
export function pieOption(title: string, items: { name: string; value: number }[]) {
  return {
    color: PALETTE,
    title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '52%'], data: items, label: { formatter: '{b}\n{c}（{d}%）' } }],
  };
}

/** A line chart over periods (months), one or more series. */
export function lineOption(title: string, categories: string[], series: { name: string; data: (number | null)[] }[], opts: { unit?: string; max?: number } = {}) {
  return {
    color: PALETTE,
    title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
    legend: series.length > 1 ? { top: 34 } : undefined,
    grid: { left: 60, right: 30, top: series.length > 1 ? 70 : 48, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', name: opts.unit ?? '', max: opts.max },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, label: { show: true } })),
  };
}
