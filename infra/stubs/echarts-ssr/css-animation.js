// Bundled in place of zrender/lib/svg/cssAnimation.js (infra/echarts-ssr.ts):
// CSS keyframes for elements that are animating when the SVG is written. The
// report charts set `animation: false`, so none is; one that is fails loudly
// rather than render differently.
export function createCSSAnimation(el) {
  const paths = el.shape && Array.isArray(el.shape.paths) ? el.shape.paths : [];
  if (el.animators.length > 0 || paths.some((path) => path.animators.length > 0)) {
    throw new Error('zrender CSS animations are not in this Lambda bundle (infra/echarts-ssr.ts): render charts with animation: false');
  }
}
