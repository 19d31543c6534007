/** What other features may use of this one: the metric store's typed read API. */
export { queryMetric, type MetricQuery, type MetricResult, type MetricSeries } from './query-metric.ts';
export {
  DIMENSIONS,
  FILTER_DIMENSIONS,
  INTERVALS,
  MAX_RANGE_MS,
  METRICS,
  MONEY_METRICS,
  bucketStart,
  type Dimension,
  type FilterDimension,
  type Interval,
  type Metric,
} from './metrics.ts';
export { attributionReads, firstTouchItem, keepFirstTouch, type OrderAttribution, type Touch, type Utm } from './touches.ts';
export { forgetContactTouches } from './forget-touches.ts';
