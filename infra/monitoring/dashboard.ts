import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  type Alarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { SES_METRICS_DIMENSION } from '../constructs/tenant-mail.ts';
import type { MonitoredResources } from './resources.ts';

const PERIOD = Duration.minutes(5);
const WIDTH = 12;
const HEIGHT = 6;
const ALARMS_PER_WIDGET = 100;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.max(1, Math.ceil(items.length / size)) }, (_, i) => items.slice(i * size, (i + 1) * size));

const graph = (title: string, left: IMetric[], extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {}) =>
  new GraphWidget({ title, left, width: WIDTH, height: HEIGHT, period: PERIOD, ...extra });

/**
 * Sum of many resources' metric, as one line (a graph takes 500 metrics). `prefix`
 * keeps the ids of two sums in one graph apart: CloudWatch ids are per graph.
 */
function total(metrics: IMetric[], label: string, prefix: string): IMetric {
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`${prefix}${index}`, metric]));
  return new MathExpression({ expression: metrics.length ? Object.keys(usingMetrics).join(' + ') : '0', usingMetrics, label, period: PERIOD });
}

/**
 * One dashboard per tenant, `eventos-<tenant>`: alarm states first, then
 * sales, the door, mail, errors and latency. Sales and scans are counted by
 * the invocations of the functions that do them (MonitoredResources.signals):
 * business metrics of their own (issue 18, item 2) are not emitted yet.
 */
export function tenantDashboard(scope: Construct, id: string, r: MonitoredResources, alarms: Alarm[]): Dashboard {
  const invocations = (fn: { metricInvocations: (o: object) => IMetric } | undefined, label: string) =>
    fn ? [fn.metricInvocations({ period: PERIOD, statistic: 'Sum', label })] : [];
  const ses = (metricName: string) =>
    new Metric({
      namespace: 'AWS/SES',
      metricName,
      dimensionsMap: { [SES_METRICS_DIMENSION]: r.tenant },
      period: PERIOD,
      statistic: 'Sum',
      label: metricName.toLowerCase(),
    });
  const sum = { period: PERIOD, statistic: 'Sum' } as const;

  const widgets: IWidget[][] = [
    [
      new TextWidget({
        markdown: `# EventOS tenant ${r.tenant}\nAlarms mail the tenant's alert address; what each means and what to do: docs/operations.md#alarms.`,
        width: 24,
        height: 2,
      }),
    ],
    // An alarm status widget shows at most 100 alarms; a tenant has about 110.
    chunks(alarms, ALARMS_PER_WIDGET).map(
      (part, index, all) => new AlarmStatusWidget({ title: all.length > 1 ? `Alarms (${index + 1}/${all.length})` : 'Alarms', alarms: part, width: 24 / all.length, height: 6 }),
    ),
    [
      graph('Sales: purchases attempted and orders paid', [
        ...invocations(r.signals.ordersCreated, 'storefront purchase requests'),
        ...invocations(r.signals.ordersPaid, 'orders paid (order.paid handled)'),
      ]),
      graph(
        'Door: scan requests',
        r.signals.scans.map(({ name, resource }) => resource.metricInvocations({ ...sum, label: name })),
        { stacked: true },
      ),
    ],
    [
      graph('Mail: sends, deliveries, bounces, complaints', ['Send', 'Delivery', 'Bounce', 'Complaint'].map(ses)),
      graph(
        'Mail: reputation (fraction)',
        ['Reputation.BounceRate', 'Reputation.ComplaintRate'].map(
          (metricName) =>
            new Metric({
              namespace: 'AWS/SES',
              metricName,
              dimensionsMap: { 'ses:configuration-set': r.configurationSetName },
              period: Duration.hours(1),
              statistic: 'Maximum',
            }),
        ),
      ),
    ],
    [
      graph('Errors: API responses', [
        r.api.metricServerError({ ...sum, label: '5xx' }),
        r.api.metricClientError({ ...sum, label: '4xx' }),
        r.api.metricCount({ ...sum, label: 'requests' }),
      ]),
      graph('Errors: functions (errors, throttles) and dead letters', [
        total(r.functions.map(({ resource }) => resource.metricErrors(sum)), 'function errors', 'errors'),
        total(r.functions.map(({ resource }) => resource.metricThrottles(sum)), 'function throttles', 'throttles'),
        total(
          r.deadLetterQueues.map(({ resource }) => resource.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' })),
          'messages in dead-letter queues',
          'dlq',
        ),
      ]),
    ],
    [
      graph('Latency: API (ms)', [
        r.api.metricLatency({ period: PERIOD, statistic: 'p50', label: 'p50' }),
        r.api.metricLatency({ period: PERIOD, statistic: 'p99', label: 'p99' }),
        r.api.metricIntegrationLatency({ period: PERIOD, statistic: 'p99', label: 'integration p99' }),
      ]),
      graph('DynamoDB: throttles and consumed capacity', [
        r.table.metric('ReadThrottleEvents', { ...sum, label: 'read throttles' }),
        r.table.metric('WriteThrottleEvents', { ...sum, label: 'write throttles' }),
        r.table.metricConsumedReadCapacityUnits({ ...sum, label: 'RCU' }),
        r.table.metricConsumedWriteCapacityUnits({ ...sum, label: 'WCU' }),
      ]),
    ],
  ];
  return new Dashboard(scope, id, { dashboardName: `eventos-${r.tenant}`, widgets });
}
