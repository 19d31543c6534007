// Bundled in place of echarts/lib/util/decal.js (infra/echarts-ssr.ts): decal
// patterns (aria.decal), which the charts never enable, and which drew
// zrender's whole canvas brush into the bundle. Asked for, they fail loudly.
export function createOrUpdatePatternFromDecal() {
  throw new Error('ECharts decal patterns (aria.decal) are not in this Lambda bundle (infra/echarts-ssr.ts)');
}
