// Bundled in place of echarts/lib/data/helper/transform.js (infra/echarts-ssr.ts):
// dataset transforms (filter, sort, registered ones), which the charts never
// use: they pass series data, no dataset. Asked for, they fail loudly.
const absent = () => {
  throw new Error('ECharts dataset transforms are not in this Lambda bundle (infra/echarts-ssr.ts)');
};
export const registerExternalTransform = absent;
export const applyDataTransform = absent;
export class ExternalSource {}
