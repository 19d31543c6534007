import { HostedZone, type IHostedZone } from 'aws-cdk-lib/aws-route53';
import { TenantDomain } from './constructs/tenant-domain.ts';
import { CfnOutput, Stack, Tags, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ConfigurationSet, EmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { routing as routingTable, type ConsumerRoute } from '#events/routing.ts';
import { schedules as scheduleTable, type Schedule } from '#events/schedules.ts';
import type { RouteDefinition } from '#packages/core/route.ts';
import { routes as routeTable } from '#packages/api/routes/index.ts';
import type { AsyncWorker } from './constructs/async-worker.ts';
import type { JobGroupWorker, ScheduledJob } from './constructs/job-group-worker.ts';
import { transparentLogicalId } from './constructs/concern.ts';
import { TenantHttpApi } from './constructs/http-api.ts';
import type { HttpFeatureStack } from './constructs/http-feature-stack.ts';
import { TenantAuth } from './constructs/tenant-auth.ts';
import { TenantData } from './constructs/tenant-data.ts';
import { TenantFiles } from './constructs/tenant-files.ts';
import { TenantMail } from './constructs/tenant-mail.ts';
import { EventConsumers, ScheduledJobs } from './constructs/workers.ts';
import { WakeUps } from './constructs/wake-ups.ts';
import type { SendEmailGrant } from './constructs/tenant-mail.ts';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { monitoredResources } from './monitoring/resources.ts';
import { TenantMonitoring } from './monitoring/tenant-monitoring.ts';
import { functionsRoot as defaultFunctionsRoot } from './paths.ts';
import type { TenantConfig } from './tenants.ts';

export { accessLogFields } from './constructs/http-api.ts';

/** The consumer group and HTTP feature of webhooks and workflows (events/routing.ts, infra/http-layout.ts). */
const INTEGRATIONS = 'integrations';
/** The due jobs whose sweeps advance runs and send retries, and the lifetime-value job that carries a long run on (events/schedules.ts). */
const WAKING_JOBS = ['workflow-runs-due', 'webhook-deliveries-due', 'lifetime-value'];
/** HTTP features whose routes start work a wake-up carries on: webhooks and workflows, a lifetime-value run started by hand. */
const WAKING_FEATURES = [INTEGRATIONS, 'analytics'];

/** What the stack is built from. Defaults are the product's tables; tests swap in fixtures. */
export interface TenantDefinitions {
  routes: readonly RouteDefinition[];
  routing: readonly ConsumerRoute[];
  schedules: readonly Schedule[];
  /** Folder holding http/, consumers/ and jobs/ entry files. */
  functionsRoot: string;
  /** One-shot wake-ups (EventBridge Scheduler → functions/jobs/wake-up.ts); on unless a fixture's functions root lacks the target. */
  wakeUps?: boolean;
}

export interface TenantStackProps extends StackProps {
  tenant: TenantConfig;
  definitions?: Partial<TenantDefinitions>;
}

/**
 * One tenant: its data (table, bus, secrets), mail (SES), auth (Cognito),
 * HTTP API with one function per feature, event consumers and scheduled jobs,
 * and the alarms and dashboard watching them (infra/monitoring).
 * Nothing here is shared with another tenant's stack. Each concern is a
 * construct of infra/constructs/; they are transparent to logical ids
 * (constructs/concern.ts): the split renamed only the rules' invoke permissions.
 */
export class TenantStack extends Stack {
  readonly tenant: TenantConfig;
  readonly data: TenantData;
  readonly files: TenantFiles;
  readonly mail: TenantMail;
  readonly auth: TenantAuth;
  readonly http: TenantHttpApi;
  readonly eventConsumers: EventConsumers;
  readonly scheduledJobs: ScheduledJobs;
  readonly monitoring: TenantMonitoring;
  readonly wakeUps: WakeUps | undefined;
  readonly domain: TenantDomain | undefined;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    const { tenant, definitions, ...stackProps } = props;
    super(scope, id, {
      description: `EventOS tenant "${tenant.name}": API, data, events, auth and mail`,
      // Holds customer data; `cdk destroy` must be a deliberate two-step act.
      terminationProtection: true,
      ...stackProps,
    });
    this.tenant = tenant;
    const defs: TenantDefinitions = {
      routes: routeTable,
      routing: routingTable,
      schedules: scheduleTable,
      functionsRoot: defaultFunctionsRoot,
      wakeUps: definitions?.functionsRoot === undefined,
      ...definitions,
    };
    Tags.of(this).add('eventos:tenant', tenant.name);

    this.data = new TenantData(this, 'Data', tenant);
    this.files = new TenantFiles(this, 'Files', tenant);
    this.mail = new TenantMail(this, 'Mail', { tenant, bus: this.data.bus, hostedZone: tenantHostedZone(this, tenant) });
    this.auth = new TenantAuth(this, 'Auth', tenant);
    this.http = new TenantHttpApi(this, 'Http', { tenant, userPool: this.auth.userPool, userPoolClient: this.auth.userPoolClient });
    this.domain = tenant.domain ? new TenantDomain(this, 'Domain', { domain: tenant.domain, api: this.http.api, stage: this.http.stage }) : undefined;

    // Every function gets these, and never a secret (secrets go by ARN, to those that name them).
    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      EVENT_BUS_NAME: this.bus.eventBusName,
      POWERTOOLS_SERVICE_NAME: 'eventos',
      POWERTOOLS_LOG_LEVEL: tenant.logLevel,
      MAIL_FROM: tenant.mailFrom,
      CORS_ORIGINS: tenant.corsOrigins.join(','),
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      EVENTOS_TENANT: tenant.name,
      // Rows that grow forever get a TTL when the tenant sets a retention (packages/core/db/retention.ts); 0 keeps them.
      TIMELINE_RETENTION_DAYS: String(tenant.retention.timelineDays),
      CAMPAIGN_RETENTION_DAYS: String(tenant.retention.campaignDays),
      // Base of every emailed link (unsubscribe, preferences, attendee and speaker links): the tenant's domain when it has one.
      PUBLIC_BASE_URL: this.domain?.url ?? this.stage.url,
    };
    const common = {
      table: this.table,
      bus: this.bus,
      secrets: this.data.secrets,
      files: this.files.bucket,
      environment,
      logRetention: tenant.logRetentionDays,
      tracing: tenant.tracing,
      functionsRoot: defs.functionsRoot,
    };

    this.http.addRoutes(defs.routes, { ...common, userPool: this.userPool });
    const workers = { ...common, sendEmail: this.mail.sendEmail, deadLetterRetentionDays: tenant.deadLetterRetentionDays };
    this.eventConsumers = new EventConsumers(this, 'Consumers', { ...workers, routing: defs.routing });
    this.scheduledJobs = new ScheduledJobs(this, 'Jobs', { ...workers, schedules: defs.schedules });
    this.wakeUps = defs.wakeUps ? this.addWakeUps(workers) : undefined;
    this.monitoring = new TenantMonitoring(this, 'Monitoring', {
      resources: monitoredResources(this, defs),
      alertEmail: tenant.alertEmail,
    });

    const output = (name: string, value: string, description: string) => new CfnOutput(this, name, { value, description });
    output('ApiUrl', this.stage.url, 'Base URL of the HTTP API (routes start with /v1)');
    output('UserPoolId', this.userPool.userPoolId, 'Cognito user pool of the tenant');
    output('UserPoolClientId', this.userPoolClient.userPoolClientId, 'App client id (the JWT audience)');
    output('TableName', this.table.tableName, 'DynamoDB table');
    output('FilesBucketName', this.files.bucket.bucketName, 'S3 bucket of the tenant files (materials, imports, exports); private, reached by presigned links');
    output('EventBusName', this.bus.eventBusName, 'EventBridge bus of domain events');
    output('StripeSecretArn', this.stripeSecret.secretArn, 'Secrets Manager secret to fill with {"secretKey","webhookSecret"} from Stripe');
    output('TicketSigningKeyParameter', this.data.ticketSigningKey.parameterName, 'SSM SecureString parameter holding the ticket HMAC key (created by `eventos tenant deploy`)');
    output('MarketingTokenKeyParameter', this.data.marketingTokenKey.parameterName, 'SSM SecureString parameter holding the campaign-token HMAC key (created by `eventos tenant deploy`)');
    output('SesConfigurationSetName', this.configurationSet.configurationSetName, 'SES configuration set to send with');
    this.mail.emailIdentity?.dkimRecords.forEach((record, index) =>
      output(`DkimRecord${index + 1}`, `${record.name} CNAME ${record.value}`, `DNS record ${index + 1} to verify ${tenant.mailFromDomain} in SES`),
    );
  }

  /**
   * The wake-ups of workflow waits and webhook retries, and who may ask for
   * one: the functions that advance workflow runs or send deliveries (the
   * integrations consumers and HTTP functions, the two due jobs, the target).
   */
  private addWakeUps(workers: { table: TableV2; bus: EventBus; sendEmail: SendEmailGrant; environment: Record<string, string>; logRetention: RetentionDays; functionsRoot: string }): WakeUps {
    const wakeUps = new WakeUps(this, 'WakeUps', { tenantName: this.tenant.name, ...workers });
    const callers = [
      this.consumers.get(INTEGRATIONS)?.function,
      ...WAKING_JOBS.map((job) => this.jobs.get(job)?.function),
      ...this.httpFeatures.filter((f) => WAKING_FEATURES.includes(f.feature)).flatMap((f) => [...f.functions.values()]),
    ];
    // Both waking jobs may share one group's function: grant it once.
    for (const fn of new Set(callers)) if (fn) wakeUps.grantScheduling(fn);
    return wakeUps;
  }

  /** Concern constructs do not rename resources (constructs/concern.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return transparentLogicalId(element);
  }

  // The resources tests and operators look for, by their concern.
  get table(): TableV2 { return this.data.table; }
  get bus(): EventBus { return this.data.bus; }
  get stripeSecret(): Secret { return this.data.stripeSecret; }
  get configurationSet(): ConfigurationSet { return this.mail.configurationSet; }
  get emailIdentity(): EmailIdentity | undefined { return this.mail.emailIdentity; }
  get userPool(): UserPool { return this.auth.userPool; }
  get userPoolClient(): UserPoolClient { return this.auth.userPoolClient; }
  get userPoolGroups(): UserPoolGroup[] { return this.auth.userPoolGroups; }
  get api(): HttpApi { return this.http.api; }
  get stage(): HttpStage { return this.http.stage; }
  get accessLogs(): LogGroup { return this.http.accessLogs; }
  /** One nested stack per feature of the route table. */
  get httpFeatures(): HttpFeatureStack[] { return this.http.features; }
  /** By `consumer` name (events/routing.ts): DLQ, function, rule. */
  get consumers(): ReadonlyMap<string, AsyncWorker> { return this.eventConsumers.workers; }
  /** By job name (events/schedules.ts): its schedule rule, its group's function and DLQ. */
  get jobs(): ReadonlyMap<string, ScheduledJob> { return this.scheduledJobs.jobs; }
  /** By job group (infra/job-layout.ts): DLQ, function, one rule per job. */
  get jobGroups(): ReadonlyMap<string, JobGroupWorker> { return this.scheduledJobs.workers; }
}

/** The tenant's Route 53 zone (tenants.json `domain`), for the SES DKIM records; none without one. */
function tenantHostedZone(scope: Construct, tenant: TenantConfig): IHostedZone | undefined {
  const domain = tenant.domain;
  if (!domain?.hostedZoneId || !domain.hostedZoneName) return undefined;
  return HostedZone.fromHostedZoneAttributes(scope, 'MailZone', { hostedZoneId: domain.hostedZoneId, zoneName: domain.hostedZoneName });
}
