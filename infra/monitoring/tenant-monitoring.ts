import { NestedStack, Stack } from 'aws-cdk-lib';
import type { Alarm, Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { TenantAlarms } from './alarms.ts';
import { tenantDashboard } from './dashboard.ts';
import type { MonitoredResources } from './resources.ts';

export interface TenantMonitoringProps {
  resources: MonitoredResources;
  /** tenants.json `alertEmail`: subscribed to the alarm topic. */
  alertEmail: string;
}

/**
 * A tenant's alarms, its alarm topic (mailed to its alert address) and its
 * dashboard, in a nested stack of their own: about a hundred alarms (two per
 * function, one per dead-letter queue) would otherwise crowd the tenant
 * stack towards CloudFormation's 500 resources, and nothing stateful lives
 * here, so the nested stack can be replaced freely.
 */
export class TenantMonitoring extends NestedStack {
  readonly topic: Topic;
  readonly alarms: Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: TenantMonitoringProps) {
    super(scope, id, { description: `EventOS tenant "${props.resources.tenant}": alarms, alarm topic, dashboard` });
    const { tenant } = props.resources;
    this.topic = new Topic(this, 'AlarmTopic', {
      topicName: `eventos-${tenant}-alarms`,
      displayName: `EventOS ${tenant} alarms`,
      enforceSSL: true,
    });
    // A topic with a resource policy (enforceSSL adds one) must let CloudWatch publish
    // explicitly, and only for alarms of this account. No KMS key: CloudWatch cannot
    // publish to a topic under the AWS managed SNS key, a customer managed key costs
    // $1 a month per tenant, and the messages carry alarm names and states, no customer data.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic.addSubscription(new EmailSubscription(props.alertEmail));

    this.alarms = new TenantAlarms(this, 'Alarms', { resources: props.resources, action: new SnsAction(this.topic) }).alarms;
    this.dashboard = tenantDashboard(this, 'Dashboard', props.resources, this.alarms);
  }
}
