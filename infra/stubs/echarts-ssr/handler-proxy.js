// Bundled in place of zrender/lib/dom/HandlerProxy.js (infra/echarts-ssr.ts):
// DOM event wiring, which zrender creates only with a DOM (never on Node,
// never for server-side rendering).
export default class HandlerProxy {
  constructor() {
    throw new Error('zrender DOM events are not in this Lambda bundle (infra/echarts-ssr.ts)');
  }
}
