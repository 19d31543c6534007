/** What the metric store counts, the dimensions a point carries, and the intervals it aggregates by. */

export const METRICS = [
  /** Paid orders. */
  'orders',
  /** Money paid, net of refunds (minor units; per currency). */
  'revenue',
  /** Money refunded (minor units; per currency). */
  'refunds',
  /** Tickets in paid orders, per ticket type (gross of refunds). */
  'tickets_sold',
  /** Tickets of fully refunded orders. */
  'tickets_refunded',
  /** Admissions (first entry scans; offline duplicates not counted). */
  'check_ins',
  /** Campaign mail delivered / opened / clicked (SES events, every one, deduplicated). */
  'emails_delivered',
  'emails_opened',
  'emails_clicked',
  /** Visits recorded through POST /v1/events/{id}/visits (UTM or promoter link landings). */
  'visits',
  /** Contacts created, by lead source. */
  'leads_created',
] as const;
export type Metric = (typeof METRICS)[number];

/** Metrics whose values are money: stored and queried per currency. */
export const MONEY_METRICS: readonly Metric[] = ['revenue', 'refunds'];

/**
 * The metrics an order's events write with the same dimensions: they share
 * their bucket items (one attribute per metric and currency), so a paid order
 * adds to each of its series once, not once per metric.
 */
const ORDER_METRICS: readonly Metric[] = ['orders', 'revenue', 'refunds', 'tickets_sold', 'tickets_refunded'];

/** The name of a metric's bucket items' series: `order` for an order's metrics, else the metric's own. */
export function familyOf(metric: Metric): string {
  return ORDER_METRICS.includes(metric) ? 'order' : metric;
}

/** The attribute of a bucket item holding one metric's sum: `m_orders`, `m_revenue:EUR`. */
export function valueAttribute(metricKey: string): string {
  return `m_${metricKey}`;
}

export const DIMENSIONS = [
  'event',
  'ticketType',
  'channel',
  'promoter',
  'campaign',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'leadSource',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Dimensions = Partial<Record<Dimension, string>>;

/**
 * The dimensions a query may filter on: each point is also written to series
 * scoped to its value of these (one total and one per other dimension), so a
 * filter stays a Query on one key. Filtering on the others would mean
 * writing every combination.
 */
export const FILTER_DIMENSIONS = ['event', 'promoter'] as const satisfies readonly Dimension[];
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export const INTERVALS = ['minute', 'hour', 'day'] as const;
export type Interval = (typeof INTERVALS)[number];

const MINUTE = 60_000;
export const INTERVAL_MS: Record<Interval, number> = { minute: MINUTE, hour: 60 * MINUTE, day: 24 * 60 * MINUTE };

/** The longest range a query of each interval may span: at most ~3,000 buckets per series value. */
export const MAX_RANGE_MS: Record<Interval, number> = {
  minute: 2 * INTERVAL_MS.day,
  hour: 90 * INTERVAL_MS.day,
  day: 3 * 366 * INTERVAL_MS.day,
};

/** The start of the bucket holding `at` (UTC), as ISO 8601. */
export function bucketStart(at: string | number, interval: Interval): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return new Date(Math.floor(ms / INTERVAL_MS[interval]) * INTERVAL_MS[interval]).toISOString();
}

/** The storage key of a metric: money metrics per currency. */
export function metricKey(metric: Metric, currency?: string): string {
  return currency ? `${metric}:${currency.toUpperCase()}` : metric;
}

/** A point: what one source event adds to one metric at one time. */
export interface MetricPoint {
  metric: Metric;
  currency?: string;
  at: string;
  value: number;
  dims: Dimensions;
}
