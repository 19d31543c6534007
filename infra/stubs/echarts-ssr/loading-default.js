// Bundled in place of echarts/lib/loading/default.js (infra/echarts-ssr.ts):
// the spinner of chart.showLoading(), which a chart rendered once to an SVG
// string never shows. Asked for, it fails loudly.
export default function defaultLoading() {
  throw new Error('ECharts showLoading() is not in this Lambda bundle (infra/echarts-ssr.ts)');
}
