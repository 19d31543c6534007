import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Charts as SVG strings, rendered on the server by ECharts (no DOM, no
 * scripts in the page): only the core, the two chart kinds and the
 * components used are imported, to keep the report function's bundle small.
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  /** null leaves a gap. */
  values: ReadonlyArray<number | null>;
}

export interface ChartSpec {
  title: string;
  categories: readonly string[];
  series: readonly Series[];
  width?: number;
  height?: number;
}

/**
 * One chart as an SVG document fragment. ECharts escapes the text it writes
 * into the SVG (titles, labels, legend), so names an organiser typed cannot
 * become markup; the page escapes its own text separately.
 */
export function renderChart(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? 720, height: spec.height ?? 320 });
  try {
    chart.setOption({
      animation: false,
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 14 } },
      legend: spec.series.length > 1 ? { top: 24 } : undefined,
      grid: { left: 60, right: 24, top: spec.series.length > 1 ? 60 : 44, bottom: 40 },
      xAxis: { type: 'category', data: [...spec.categories], axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value' },
      series: spec.series.map((s) => ({
        name: s.name,
        type: s.kind,
        data: [...s.values],
        // Figures printed on the bars, so the page reads without hovering (no scripts run).
        label: { show: s.kind === 'bar' && s.values.length <= 24, position: 'top' },
        connectNulls: false,
        showSymbol: s.kind === 'line' && s.values.length <= 40,
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
