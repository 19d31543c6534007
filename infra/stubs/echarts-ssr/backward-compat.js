// Bundled in place of echarts/lib/preprocessor/backwardCompat.js (infra/echarts-ssr.ts):
// the preprocessor that rewrites options of ECharts 2–4 (itemStyle.normal,
// dataRange, clipOverflow …) into today's. packages/features/report-pages/charts.ts
// writes only today's options, which it leaves as they are.
export default function globalBackwardCompat() {}
