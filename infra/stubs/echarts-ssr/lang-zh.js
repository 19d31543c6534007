// Bundled in place of echarts/lib/i18n/langZH.js (infra/echarts-ssr.ts): the
// Chinese locale, which the charts never ask for (on Node, ECharts' default
// locale is English); 'ZH' renders as 'EN' would.
export { default } from './langEN.js';
