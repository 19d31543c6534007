import type { IHostedZone } from 'aws-cdk-lib/aws-route53';
import { Stack } from 'aws-cdk-lib';
import { EventBus, Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { TenantConfig } from '../tenants.ts';
import { Concern } from './concern.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

/** Dimension of the tenant's SES sending metrics in CloudWatch (AWS/SES, infra/monitoring). */
export const SES_METRICS_DIMENSION = 'EventosTenant';

/** What a function needs to send as the tenant (EventosFunction.grantSendEmail). */
export interface SendEmailGrant {
  identityArn: string;
  configurationSetArn: string;
  fromAddress: string;
}

/**
 * SES for one tenant: its configuration set, its domain identity, and the
 * forwarding of its mail events (delivery, open, click, bounce, complaint)
 * to the tenant bus.
 */
export class TenantMail extends Concern {
  readonly configurationSet: ConfigurationSet;
  readonly emailIdentity: EmailIdentity | undefined;
  readonly sendEmail: SendEmailGrant;
  /** SES events the forwarding rule could not put on the tenant bus. */
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: { tenant: TenantConfig; bus: IEventBus; hostedZone?: IHostedZone }) {
    super(scope, id);
    const { tenant, bus } = props;
    const prefix = `eventos-${tenant.name}`;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: prefix,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    // SES can publish to the account's *default* bus only ("Only the default bus is
    // supported", AWS::SES::ConfigurationSetEventDestination EventBridgeDestination).
    // A rule on the default bus forwards this configuration set's events, and only
    // those, to the tenant bus.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('ToDefaultBus', {
      destination: EventDestination.eventBus(defaultBus),
    });
    // Sends, deliveries, bounces and complaints of this configuration set as CloudWatch
    // metrics for the dashboard. The account-wide AWS/SES metrics would mix the tenants
    // that share an account. No message carries an `EventosTenant` tag (campaigns tag
    // campaignId and contactId), so the dimension always takes its default: the tenant.
    this.configurationSet.addEventDestination('ToCloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        { name: SES_METRICS_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: tenant.name },
      ]),
      events: [EmailSendingEvent.SEND, EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const deadLetters = (this.deadLetters = new DeadLetterQueue(this, 'SesForwardDeadLetters', {
      feeds: 'the rule forwarding SES events from the default bus to the tenant bus',
      retentionDays: tenant.deadLetterRetentionDays,
    }));
    new Rule(this, 'SesEventsToTenantBus', {
      description: `SES events of configuration set ${prefix} → bus ${prefix}`,
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new EventBusTarget(bus, { deadLetterQueue: deadLetters.queue })],
    });
    if (tenant.createEmailIdentity) {
      this.emailIdentity = new EmailIdentity(this, 'EmailIdentity', {
        // With the tenant's Route 53 zone (tenants.json `domain`) SES's DKIM records are created in it; else added by hand.
        identity:
          props.hostedZone && tenant.mailFromDomain === props.hostedZone.zoneName
            ? Identity.publicHostedZone(props.hostedZone)
            : Identity.domain(tenant.mailFromDomain),
        configurationSet: this.configurationSet,
      });
    }
    const stack = Stack.of(this);
    this.sendEmail = {
      identityArn: stack.formatArn({ service: 'ses', resource: 'identity', resourceName: tenant.mailFromDomain }),
      configurationSetArn: stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
      fromAddress: tenant.mailFrom,
    };
  }
}
