import { BarChart, LineChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Charts as SVG strings, rendered on the server by ECharts (no DOM, no
 * scripts in the page). Only the core, bar and line charts, the simple grid
 * (no axis pointer: nothing hovers in a static page) and the SVG renderer are
 * imported; titles and legends are HTML around the chart (html-page.ts), so
 * ECharts' title and legend components stay out of the bundle too.
 */
echarts.use([BarChart, LineChart, GridSimpleComponent, SVGRenderer]);

/** ECharts' default palette, named here so the HTML legend shows the same colours. */
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de'];

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  /** null leaves a gap. */
  values: ReadonlyArray<number | null>;
}

export interface ChartSpec {
  categories: readonly string[];
  series: readonly Series[];
  width?: number;
  height?: number;
}

export interface RenderedChart {
  svg: string;
  legend: Array<{ name: string; color: string }>;
}

/**
 * One chart as an SVG fragment. ECharts escapes the text it writes into the
 * SVG (axis labels such as event names), so what an organiser typed cannot
 * become markup.
 */
export function renderChart(spec: ChartSpec): RenderedChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? 720, height: spec.height ?? 300 });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 64, right: 24, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: [...spec.categories], axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value' },
      series: spec.series.map((s, i) => ({
        name: s.name,
        type: s.kind,
        data: [...s.values],
        color: PALETTE[i % PALETTE.length],
        // Figures printed on the bars, so the page reads without hovering (no scripts run).
        label: { show: s.kind === 'bar' && s.values.length <= 24, position: 'top' },
        connectNulls: false,
        showSymbol: s.kind === 'line' && s.values.length <= 40,
      })),
    });
    return { svg: chart.renderToSVGString(), legend: spec.series.map((s, i) => ({ name: s.name, color: PALETTE[i % PALETTE.length]! })) };
  } finally {
    chart.dispose();
  }
}
