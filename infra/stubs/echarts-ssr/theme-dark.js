// Bundled in place of echarts/lib/theme/dark.js (infra/echarts-ssr.ts): the
// built-in 'dark' theme, which packages/features/report-pages/charts.ts never
// asks for. ECharts still registers a theme named 'dark', an empty one.
export default {};
