// Bundled in place of echarts/lib/i18n/langZH.js (infra/echarts-ssr.ts): the
// Chinese locale, which the charts never ask for (on Node, ECharts' default
// locale is English); 'ZH' renders as 'EN' would. By package path, which the
// bundle's alias sends to the same copy of langEN.js ECharts itself loads.
export { default } from 'echarts/lib/i18n/langEN.js';
