import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routing } from '#events/routing.ts';
import { schedules } from '#events/schedules.ts';
import { routes } from '#packages/api/routes/index.ts';
import { httpFunctions } from '../../infra/http-layout.ts';
import { jobWindow } from '../../infra/monitoring/thresholds.ts';
import type { TenantStack } from '../../infra/tenant-stack.ts';
import { acmeTenant, idOf, synthAcme } from './support/acme-stack.ts';
import { consumerGroups } from '#infra/consumer-layout.ts';
import { jobGroups } from '#infra/job-layout.ts';
import { reconcileAcknowledgements, resourcesOf, violationsOf, type Synthesized, SYNTH_TIMEOUT_MS } from './support/synth.ts';

let synth: Synthesized;
let stack: TenantStack;
let parent: Template;
let monitoring: Template;

beforeAll(() => {
  ({ synth, stack, parent } = synthAcme());
  monitoring = Template.fromStack(stack.monitoring);
}, SYNTH_TIMEOUT_MS);

interface AlarmProps {
  AlarmName: string;
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  MetricName?: string;
  Namespace?: string;
  Period?: number;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: { Name: string; Value: unknown }[] } } }[];
}

const alarms = () => Object.values(resourcesOf(monitoring, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties as unknown as AlarmProps);
const ofKind = (kind: string) => alarms().filter((a) => a.AlarmName.startsWith(`eventos-acme-${kind}`));
const kebab = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const functionNames = () => [
  ...httpFunctions(routes).map((fn) => `http ${fn.name}`),
  ...consumerGroups(routing).map((group) => `consumer ${group.name}`),
  ...jobGroups(schedules).map((group) => `job ${group.name}`),
  // The one-shot wake-ups' target (infra/constructs/wake-ups.ts).
  'wake-up',
];

describe('tenant monitoring', () => {
  it('mails every alarm to one topic per tenant, subscribed by the alert email of tenants.json', () => {
    monitoring.resourceCountIs('AWS::SNS::Topic', 1);
    monitoring.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'eventos-acme-alarms' });
    const topicRef = { Ref: idOf(stack.monitoring.topic) };
    monitoring.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: acmeTenant!.alertEmail, TopicArn: topicRef });
    expect(acmeTenant!.alertEmail).toBe('ops@acme.example');
    const [policy] = Object.values(resourcesOf(monitoring, 'AWS::SNS::TopicPolicy'));
    expect(JSON.stringify(policy!.Properties)).toContain('cloudwatch.amazonaws.com');
    expect(JSON.stringify(policy!.Properties)).toContain('aws:SecureTransport');
    // At least errors and throttles per function and one per dead-letter queue.
    expect(alarms().length).toBeGreaterThan(2 * functionNames().length + consumerGroups(routing).length + schedules.length);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topicRef]);
      expect(alarm.OKActions, alarm.AlarmName).toEqual([topicRef]);
    }
    expect(new Set(alarms().map((a) => a.AlarmName)).size).toBe(alarms().length);
  });

  it('alarms on any message in each dead-letter queue: every consumer group, job and the SES forwarding', () => {
    const dlq = ofKind('dead-letters');
    expect(dlq.map((a) => a.AlarmName).sort()).toEqual(
      [...consumerGroups(routing).map((g) => `consumer ${g.name}`), ...jobGroups(schedules).map((g) => `job ${g.name}`), 'ses forwarding']
        .map((name) => `eventos-acme-dead-letters-${kebab(name)}`)
        .sort(),
    );
    for (const alarm of dlq) {
      expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('alarms on each function’s errors and throttles, from one error or throttle', () => {
    for (const [kind, metric] of [['function-errors', 'Errors'], ['function-throttles', 'Throttles']] as const) {
      const found = ofKind(kind);
      expect(found.map((a) => a.AlarmName).sort(), kind).toEqual(functionNames().map((n) => `eventos-acme-${kind}-${kebab(n)}`).sort());
      for (const alarm of found) {
        expect(alarm).toMatchObject({ MetricName: metric, Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
        expect(alarm.Dimensions![0]!.Name).toBe('FunctionName');
      }
    }
  });

  it('alarms on the API’s 5xx rate over enough requests, and on its p99 latency', () => {
    const [rate] = ofKind('api-5xx-rate');
    expect(rate).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 2, TreatMissingData: 'notBreaching' });
    expect(rate!.Metrics!.find((m) => m.Expression)!.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    const names = rate!.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric.MetricName).sort();
    expect(names).toEqual(['5xx', 'Count']);
    for (const m of rate!.Metrics!.filter((m) => m.MetricStat)) expect(m.MetricStat!.Metric.Dimensions).toEqual([{ Name: 'ApiId', Value: expect.anything() }]);
    const [latency] = ofKind('api-p99-latency');
    expect(latency).toMatchObject({ MetricName: 'Latency', Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99', Threshold: 3000, EvaluationPeriods: 3 });
  });

  it('alarms on DynamoDB throttle events and on system errors of every operation the code sends', () => {
    const [throttles] = ofKind('dynamodb-throttles');
    expect(throttles).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(throttles!.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric.MetricName).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    const [systemErrors] = ofKind('dynamodb-system-errors');
    expect(systemErrors).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const operations = systemErrors!.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric);
    expect(operations.every((m) => m.MetricName === 'SystemErrors' && m.Namespace === 'AWS/DynamoDB')).toBe(true);
    expect(operations.map((m) => m.Dimensions.find((d) => d.Name === 'Operation')!.Value)).toEqual(
      expect.arrayContaining(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems']),
    );
    expect(operations.length).toBeLessThanOrEqual(10);
  });

  it('alarms on the configuration set’s bounce and complaint rates before SES’s review levels', () => {
    for (const [kind, metric, threshold] of [['ses-bounce-rate', 'Reputation.BounceRate', 0.04], ['ses-complaint-rate', 'Reputation.ComplaintRate', 0.0008]] as const) {
      const [alarm] = ofKind(kind);
      expect(alarm, kind).toMatchObject({ MetricName: metric, Namespace: 'AWS/SES', Threshold: threshold, ComparisonOperator: 'GreaterThanThreshold' });
      expect(alarm!.Dimensions).toEqual([{ Name: 'ses:configuration-set', Value: expect.anything() }]);
    }
  });

  it('alarms per schedule when its own rule delivered no tick for three of its periods, missing data counting as not run', () => {
    const found = ofKind('job-not-run');
    expect(found.map((a) => a.AlarmName).sort()).toEqual(schedules.map((j) => `eventos-acme-job-not-run-${kebab(j.name)}`).sort());
    // Several jobs share a function (infra/job-layout.ts): each alarm watches its job's rule (AWS/Events, RuleName), not the function.
    const monitoringStack = Object.values(resourcesOf(parent, 'AWS::CloudFormation::Stack')).find((r) =>
      JSON.stringify(r.Properties).includes(idOf(stack.jobs.get(schedules[0]!.name)!.rule)),
    )!;
    const passed = (monitoringStack.Properties!.Parameters ?? {}) as Record<string, unknown>;
    for (const job of schedules) {
      const alarm = found.find((a) => a.AlarmName.endsWith(`-${kebab(job.name)}`))!;
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
      const expression = alarm.Metrics!.find((m) => m.Expression)!;
      expect(expression.Expression).toBe('FILL(invocations, 0) - FILL(failed, 0)');
      for (const [id, metricName] of [['invocations', 'Invocations'], ['failed', 'FailedInvocations']] as const) {
        const stat = alarm.Metrics!.find((m) => m.Id === id)!.MetricStat as unknown as { Metric: { MetricName: string; Namespace: string; Dimensions: { Name: string; Value: { Ref: string } }[] }; Period: number; Stat: string };
        expect(stat).toMatchObject({ Period: jobWindow(job.rateMinutes).toSeconds(), Stat: 'Sum' });
        expect(stat.Metric).toMatchObject({ MetricName: metricName, Namespace: 'AWS/Events' });
        expect(stat.Metric.Dimensions).toHaveLength(1);
        expect(stat.Metric.Dimensions[0]!.Name).toBe('RuleName');
        // The nested stack's parameter is the job's own rule in the parent.
        expect(passed[stat.Metric.Dimensions[0]!.Value.Ref], job.name).toEqual({ Ref: idOf(stack.jobs.get(job.name)!.rule) });
      }
    }
    expect(jobWindow(1).toMinutes()).toBe(5);
    expect(jobWindow(10).toMinutes()).toBe(30);
  });

  it('has one dashboard per tenant: alarms, sales, door, mail, errors, latency', () => {
    const dashboards = Object.values(resourcesOf(monitoring, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]!.Properties!.DashboardName).toBe('eventos-acme');
    const body = JSON.stringify(dashboards[0]!.Properties!.DashboardBody);
    for (const title of ['Alarms', 'Sales', 'Door: scan requests', 'Mail: sends', 'Errors: API', 'Errors: functions', 'Latency: API']) {
      expect(body, title).toContain(title);
    }
    expect(body).toContain('EventosTenant');
    // Every alarm on an alarm status widget, which shows at most 100.
    const alarmIds = Object.keys(resourcesOf(monitoring, 'AWS::CloudWatch::Alarm'));
    for (const id of alarmIds) expect(body, id).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
    const statusWidgets = body.split('\\"type\\":\\"alarm\\"').length - 1;
    expect(statusWidgets).toBe(Math.ceil(alarmIds.length / 100));
    // The tenant's sends are counted per configuration set, published to CloudWatch by SES.
    parent.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['send', 'delivery', 'bounce', 'complaint'],
        CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'EventosTenant', DimensionValueSource: 'messageTag', DefaultDimensionValue: 'acme' }] },
      },
    });
  });

  it('passes cdk-nag, each of its findings acknowledged where it arises', () => {
    expect(violationsOf(synth.report)).toEqual([]);
    // Nothing to acknowledge: the topic requires TLS (SNS3), alarms and dashboards have no rules.
    const under = (path: string) => path.startsWith(`${stack.monitoring.node.path}/`);
    const { findings, acknowledgements } = reconcileAcknowledgements(stack);
    expect(findings.length).toBeGreaterThan(0); // the pack does run on this stack
    expect(findings.filter((f) => under(f.path))).toEqual([]);
    expect(acknowledgements.filter((a) => under(a.path))).toEqual([]);
    expect(Object.keys(resourcesOf(monitoring)).length).toBeLessThan(400);
  });
});

describe('per-route throttles on the stage', () => {
  it('sets the door’s and the Stripe webhook’s limits on the $default stage, after the routes exist', () => {
    const stages = Object.values(resourcesOf(parent, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0] as unknown as { Properties: Record<string, unknown>; DependsOn?: string[] };
    // acme's default is 50/80 (test/infra/support/acme-stack.ts): every other route keeps it.
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80 });
    expect(stage.Properties.RouteSettings).toEqual({
      'POST /v1/events/{id}/check-ins': { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      'POST /v1/events/{id}/check-ins/batch': { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 300 },
      'POST /v1/webhooks/stripe': { ThrottlingRateLimit: 300, ThrottlingBurstLimit: 600 },
    });
    const holding = stack.httpFeatures.filter((f) => ['POST /v1/webhooks/stripe', 'POST /v1/events/{id}/check-ins'].some((k) => f.functionOfRoute.has(k)));
    expect(holding.map((f) => f.feature).sort()).toEqual(['check-ins', 'sales']);
    for (const feature of holding) {
      const nestedStackId = stack.getLogicalId(feature.nestedStackResource!);
      expect(stage.DependsOn, feature.feature).toContain(nestedStackId);
    }
  });
});
