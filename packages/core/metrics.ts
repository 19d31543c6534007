import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business counts as CloudWatch metrics in the Embedded Metric Format
 * (Powertools Metrics): one EMF line per invocation on stdout, which
 * CloudWatch turns into metrics without an API call. Features call `count`;
 * the http, consumer and job wrappers flush once per invocation
 * (`withMetrics`). A count with a reason (a refused scan's, a bounce's type) is
 * its own line with that dimension, so a dashboard can split by it.
 *
 * Locally the local stack sets POWERTOOLS_METRICS_DISABLED (Powertools' own
 * switch), so metrics never add lines to the one-line-per-request log; set it
 * to `false` to see them. The namespace is `EventOS`, the `tenant` dimension
 * is EVENTOS_TENANT, like the logs.
 */
export const businessMetrics = [
  'OrdersCreated',
  'OrdersPaid',
  'SoldOutRefusals',
  'ScansAdmitted',
  'ScansRefused',
  'EmailsSent',
  'EmailsBounced',
  'WebhookDeliveriesFailed',
] as const;
export type BusinessMetric = (typeof businessMetrics)[number];

export const METRICS_NAMESPACE = 'EventOS';

let instance: Metrics | undefined;
/** Built on first use, so a function that counts nothing never builds it. */
const metrics = (): Metrics =>
  (instance ??= new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'eventos',
    defaultDimensions: { tenant: process.env.EVENTOS_TENANT ?? 'local' },
  }));

/** Adds `value` (1 by default) to a business count; `reason` splits it (a refusal's code). */
export function count(name: BusinessMetric, options: { value?: number; reason?: string } = {}): void {
  const value = options.value ?? 1;
  if (value <= 0) return;
  if (options.reason === undefined) {
    metrics().addMetric(name, MetricUnit.Count, value);
    return;
  }
  // A single metric is emitted at once with its own dimensions, not mixed into the invocation's.
  const single = metrics().singleMetric();
  single.addDimension('reason', options.reason);
  single.addMetric(name, MetricUnit.Count, value);
}

/** Writes the invocation's counts as one EMF line; nothing when it counted nothing (no empty-metrics warning). */
export function flushMetrics(): void {
  if (instance?.hasStoredMetrics()) instance.publishStoredMetrics();
}

/** Runs one invocation and flushes its counts after it, whether it succeeded or threw. */
export async function withMetrics<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    flushMetrics();
  }
}

/** For tests: forget the instance, so the next count reads the environment again. */
export function resetMetricsForTests(): void {
  instance = undefined;
}
