import type { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IAlarmAction,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { constructId } from '../constructs/names.ts';
import type { MonitoredResources } from './resources.ts';
import { dynamoOperations, jobWindow, thresholds } from './thresholds.ts';

/** The kinds of alarm a tenant has; each alarm's name says its kind (`eventos-<tenant>-<kind>-…`). */
export type AlarmKind =
  | 'dead-letters'
  | 'function-errors'
  | 'function-throttles'
  | 'api-5xx-rate'
  | 'api-p99-latency'
  | 'dynamodb-throttles'
  | 'dynamodb-system-errors'
  | 'ses-bounce-rate'
  | 'ses-complaint-rate'
  | 'job-not-run';

interface AlarmSpec {
  kind: AlarmKind;
  /** What is watched, e.g. a function's name; absent for tenant-wide alarms. */
  subject?: string;
  metric: IMetric;
  threshold: number;
  comparison: ComparisonOperator;
  evaluationPeriods?: number;
  /** No data is normal for most (no traffic, no failures); not for a job that must run. */
  missing?: TreatMissingData;
  description: string;
}

const RUNBOOK = 'Runbook: docs/operations.md#alarms.';
const kebab = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Every alarm of one tenant, each with the tenant's topic as its alarm and OK
 * action (the OK mail tells the operator it is over).
 */
export class TenantAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { resources: MonitoredResources; action: IAlarmAction }) {
    super(scope, id);
    const r = props.resources;
    const add = (spec: AlarmSpec) => this.alarms.push(this.alarm(r.tenant, spec, props.action));
    const sum = (metric: (o: { period: Duration; statistic: string }) => IMetric, period: Duration) => metric({ period, statistic: 'Sum' });

    for (const { name, resource } of r.deadLetterQueues) {
      add({
        kind: 'dead-letters',
        subject: name,
        metric: resource.metricApproximateNumberOfMessagesVisible({ period: thresholds.deadLetters.period, statistic: 'Maximum' }),
        threshold: thresholds.deadLetters.messages,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `Dead-letter queue of ${name} holds messages: events it gave up on. Read them, fix the cause, then redrive or discard. ${RUNBOOK}`,
      });
    }
    for (const { name, resource } of r.functions) {
      add({
        kind: 'function-errors',
        subject: name,
        metric: sum((o) => resource.metricErrors(o), thresholds.functionErrors.period),
        threshold: thresholds.functionErrors.count,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `Function ${name} threw or timed out. Its log group has the request. ${RUNBOOK}`,
      });
      add({
        kind: 'function-throttles',
        subject: name,
        metric: sum((o) => resource.metricThrottles(o), thresholds.functionThrottles.period),
        threshold: thresholds.functionThrottles.count,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `Function ${name} was throttled: the account's Lambda concurrency ran out. ${RUNBOOK}`,
      });
    }
    const api5xx = thresholds.api5xx;
    add({
      kind: 'api-5xx-rate',
      metric: new MathExpression({
        expression: `IF(requests >= ${api5xx.minRequests}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: r.api.metricServerError({ period: api5xx.period, statistic: 'Sum' }),
          requests: r.api.metricCount({ period: api5xx.period, statistic: 'Sum' }),
        },
        label: '5xx responses, % of requests',
        period: api5xx.period,
      }),
      threshold: api5xx.percent,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: api5xx.evaluationPeriods,
      description: `More than ${api5xx.percent} % of API responses are 5xx. The access log's status and integrationError say which routes. ${RUNBOOK}`,
    });
    const latency = thresholds.apiP99LatencyMs;
    add({
      kind: 'api-p99-latency',
      metric: r.api.metricLatency({ period: latency.period, statistic: 'p99' }),
      threshold: latency.ms,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: latency.evaluationPeriods,
      description: `The API's p99 latency is above ${latency.ms} ms. ${RUNBOOK}`,
    });
    const throttles = thresholds.dynamoThrottleEvents;
    add({
      kind: 'dynamodb-throttles',
      metric: new MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: r.table.metric('ReadThrottleEvents', { period: throttles.period, statistic: 'Sum' }),
          writes: r.table.metric('WriteThrottleEvents', { period: throttles.period, statistic: 'Sum' }),
        },
        label: 'throttle events',
        period: throttles.period,
      }),
      threshold: throttles.count,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: `The table throttled reads or writes (a hot key, or a GSI falling behind). ${RUNBOOK}`,
    });
    add({
      kind: 'dynamodb-system-errors',
      metric: r.table.metricSystemErrorsForOperations({
        operations: [...dynamoOperations],
        period: thresholds.dynamoSystemErrors.period,
        statistic: 'Sum',
      }),
      threshold: thresholds.dynamoSystemErrors.count,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: `DynamoDB answered with system errors (its side). Check the AWS Health dashboard. ${RUNBOOK}`,
    });
    const reputation = (metricName: string, period: Duration) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        // Published because the configuration set has reputationMetrics on (constructs/tenant-mail.ts).
        dimensionsMap: { 'ses:configuration-set': r.configurationSetName },
        period,
        statistic: 'Maximum',
      });
    add({
      kind: 'ses-bounce-rate',
      metric: reputation('Reputation.BounceRate', thresholds.sesBounceRate.period),
      threshold: thresholds.sesBounceRate.rate,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `Bounce rate of configuration set ${r.configurationSetName} is above ${thresholds.sesBounceRate.rate * 100} % (SES reviews the account at 5 %). Pause campaigns to unengaged segments. ${RUNBOOK}`,
    });
    add({
      kind: 'ses-complaint-rate',
      metric: reputation('Reputation.ComplaintRate', thresholds.sesComplaintRate.period),
      threshold: thresholds.sesComplaintRate.rate,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `Complaint rate of configuration set ${r.configurationSetName} is above ${thresholds.sesComplaintRate.rate * 100} % (SES reviews the account at 0.1 %). ${RUNBOOK}`,
    });
    for (const job of r.jobs) {
      const window = jobWindow(job.rateMinutes);
      // The rule's own metrics (AWS/Events, by RuleName): several jobs may share a function, so its invocations say nothing of one job.
      const ruleMetric = (metricName: string) =>
        new Metric({ namespace: 'AWS/Events', metricName, dimensionsMap: { RuleName: job.resource.ruleName }, period: window, statistic: 'Sum' });
      add({
        kind: 'job-not-run',
        subject: job.name,
        metric: new MathExpression({
          expression: 'FILL(invocations, 0) - FILL(failed, 0)',
          usingMetrics: { invocations: ruleMetric('Invocations'), failed: ruleMetric('FailedInvocations') },
          label: `${job.name}: ticks delivered to its function`,
          period: window,
        }),
        threshold: 1,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        // EventBridge publishes nothing for a rule that never fired: silence is the outage.
        missing: TreatMissingData.BREACHING,
        description: `Job ${job.name} (every ${job.rateMinutes} min): its rule delivered no tick to its function for ${window.toMinutes()} min (the rule is disabled, or its invocations failed). A tick that ran and threw raises the function's errors alarm instead. ${RUNBOOK}`,
      });
    }
  }

  private alarm(tenant: string, spec: AlarmSpec, action: IAlarmAction): Alarm {
    const name = [`eventos-${tenant}`, spec.kind, ...(spec.subject ? [kebab(spec.subject)] : [])].join('-');
    const alarm = new Alarm(this, constructId(`${spec.kind} ${spec.subject ?? ''}`), {
      alarmName: name,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      treatMissingData: spec.missing ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
