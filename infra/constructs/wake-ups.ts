import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Concern } from './concern.ts';
import { EventosFunction } from './eventos-function.ts';
import type { SendEmailGrant } from './tenant-mail.ts';

export interface WakeUpsProps {
  tenantName: string;
  table: ITableV2;
  bus: IEventBus;
  sendEmail: SendEmailGrant;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  functionsRoot?: string;
}

/**
 * One-shot wake-ups (packages/core/wake-ups): a workflow run's wait ending, a
 * webhook delivery's retry time. Each is an EventBridge Scheduler schedule
 * `at(...)` in the tenant's own schedule group, deleted by Scheduler once it
 * has run (ActionAfterCompletion DELETE), invoking the wake-up function
 * (functions/jobs/wake-up.ts) through a role that may do nothing else.
 *
 * The target has a fixed name so the functions that create schedules can be
 * told its ARN without a reference to it (the target creates schedules too:
 * a reference to itself in its own environment would be a cycle).
 */
export class WakeUps extends Concern {
  readonly group: ScheduleGroup;
  /** What Scheduler assumes to invoke the target: lambda:InvokeFunction on it, nothing more. */
  readonly schedulerRole: Role;
  readonly target: EventosFunction;
  readonly targetArn: string;
  readonly groupName: string;

  constructor(scope: Construct, id: string, props: WakeUpsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.groupName = `eventos-${props.tenantName}-wake-ups`;
    this.group = new ScheduleGroup(this, 'WakeUpGroup', { scheduleGroupName: this.groupName });

    const functionName = `eventos-${props.tenantName}-wake-up`;
    this.targetArn = stack.formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.schedulerRole = new Role(this, 'WakeUpSchedulerRole', {
      description: `EventBridge Scheduler: invokes ${functionName} for the one-shot schedules of ${this.groupName}`,
      // Only Scheduler, and only for this account's schedules of this group (confused deputy).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.targetArn] }));

    this.target = new EventosFunction(this, 'WakeUp', {
      kind: 'job',
      handler: 'wake-up',
      functionName,
      description: 'Wake-ups: one workflow run whose wait ended, or one webhook delivery whose retry time came (EventBridge Scheduler one-shots)',
      environment: props.environment,
      logRetention: props.logRetention,
      functionsRoot: props.functionsRoot,
    });
    // It advances runs (mail, contacts, tasks, events) and sends deliveries, and may schedule the next wake-up.
    this.target.grantTable(props.table, 'readwrite');
    this.target.grantPutEvents(props.bus);
    this.target.grantSendEmail(props.sendEmail);
    this.grantScheduling(this.target);
  }

  /**
   * For a function that may ask for a wake-up: CreateSchedule in this group
   * only, PassRole of the scheduler role to Scheduler only, and the variables
   * packages/core/wake-ups reads.
   */
  grantScheduling(fn: EventosFunction): void {
    const stack = Stack.of(this);
    const schedules = Arn.format({ service: 'scheduler', resource: 'schedule', resourceName: `${this.groupName}/*` }, stack);
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [schedules] }));
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.function.addEnvironment('WAKE_SCHEDULE_GROUP', this.groupName);
    fn.function.addEnvironment('WAKE_ROLE_ARN', this.schedulerRole.roleArn);
    fn.function.addEnvironment('WAKE_TARGET_ARN', this.targetArn);
    // The finding names the resource as cdk-nag prints it: a token (an account left to the deploy) as `<AWS::AccountId>`;
    // a key built from the token itself cannot be resolved to a string at synth.
    const printed = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const findingResource = `arn:${printed(stack.partition, 'Partition')}:scheduler:${printed(stack.region, 'Region')}:${printed(stack.account, 'AccountId')}:schedule/${this.groupName}/*`;
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${findingResource}]`,
      reason: `Schedule names are minted at run time (one per wake-up); the grant is CreateSchedule only, within the tenant's group ${this.groupName}.`,
    });
  }
}
