import { CfnOutput, Duration, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolGroup,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule as RuleSchedule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { routing as routingTable, sourceOf, type ConsumerRoute } from '../events/routing.ts';
import { schedules as scheduleTable, type Schedule } from '../events/schedules.ts';
import type { RouteDefinition } from '../packages/api/route.ts';
import { routes as routeTable } from '../packages/api/routes/index.ts';
import { builtInRoleNames } from '../packages/auth/roles.ts';
import { tableDefinition } from '../packages/core/db/table-definition.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { EventosFunction } from './constructs/eventos-function.ts';
import { HttpRouteGroup } from './constructs/http-route-group.ts';
import { constructId } from './constructs/names.ts';
import { functionsRoot as defaultFunctionsRoot } from './paths.ts';
import type { TenantConfig } from './tenants.ts';

/** What the stack is built from. Defaults are the product's tables; tests swap in fixtures. */
export interface TenantDefinitions {
  routes: readonly RouteDefinition[];
  routing: readonly ConsumerRoute[];
  schedules: readonly Schedule[];
  /** Folder holding http/, consumers/ and jobs/ entry files. */
  functionsRoot: string;
}

export interface TenantStackProps extends StackProps {
  tenant: TenantConfig;
  definitions?: Partial<TenantDefinitions>;
}

/** Fields of each API access-log line (HTTP API $context variables). */
export const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userId: '$context.authorizer.claims.sub',
  error: '$context.error.message',
} as const;

/** EventBridge delivery to a consumer: how old an event may get before it goes to the DLQ. */
const CONSUMER_MAX_EVENT_AGE = Duration.hours(24);
/** Lambda's asynchronous invocation allows at most 2 retries and 6 hours. */
const LAMBDA_ASYNC_MAX_RETRIES = 2;
const LAMBDA_ASYNC_MAX_EVENT_AGE = Duration.hours(6);

/**
 * One tenant: its table, bus, user pool, secret, SES configuration set, HTTP
 * API and functions. Nothing here is shared with another tenant's stack.
 */
export class TenantStack extends Stack {
  readonly tenant: TenantConfig;
  readonly table: TableV2;
  readonly bus: EventBus;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly userPoolGroups: UserPoolGroup[] = [];
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly ticketSigningKey: Secret;
  readonly stripeSecret: Secret;
  readonly marketingTokenKey: Secret;
  readonly configurationSet: ConfigurationSet;
  readonly emailIdentity: EmailIdentity | undefined;
  readonly httpRouteGroups: HttpRouteGroup[] = [];
  readonly consumers = new Map<string, { function: EventosFunction; rule: Rule; deadLetters: DeadLetterQueue }>();
  readonly jobs = new Map<string, { function: EventosFunction; rule: Rule; deadLetters: DeadLetterQueue }>();

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
      ...definitions,
    };
    const prefix = `eventos-${tenant.name}`;
    Tags.of(this).add('eventos:tenant', tenant.name);

    // ── Data ────────────────────────────────────────────────────────────────
    const { partitionKey, sortKey, globalIndexes, timeToLiveAttribute } = tableDefinition;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bus = new EventBus(this, 'Bus', {
      eventBusName: prefix,
      description: `EventOS domain events of tenant ${tenant.name}`,
    });

    this.ticketSigningKey = new Secret(this, 'TicketSigningKey', {
      secretName: `eventos/${tenant.name}/ticket-signing-key`,
      description: `HMAC key that signs the ticket QR codes of tenant ${tenant.name}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.ticketSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the ticket-signing HMAC key would void the QR code of every ticket already sold. Rotation needs key versions in the code (sign with the new key, verify with old and new), which the check-in issue will bring; until then the key is rotated by hand.',
    });

    this.stripeSecret = new Secret(this, 'StripeKeys', {
      secretName: `eventos/${tenant.name}/stripe`,
      description: `Stripe API key and webhook signing secret of tenant ${tenant.name}: JSON {"secretKey","webhookSecret"}, set by the operator after the first deploy`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ secretKey: 'set-me', webhookSecret: 'set-me' }),
        generateStringKey: 'placeholder',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.stripeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Stripe keys are rolled in the Stripe dashboard, which Secrets Manager rotation cannot drive; the operator pastes the new key here.',
    });
    this.marketingTokenKey = new Secret(this, 'MarketingTokenKey', {
      secretName: `eventos/${tenant.name}/marketing-token-key`,
      description: `HMAC key that signs the unsubscribe and recipient tokens in campaign mail of tenant ${tenant.name}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.marketingTokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the marketing-token HMAC key would break the unsubscribe link in every campaign mail already sent, and unsubscribe links must keep working. Rotation needs key versions in the token (verify with old and new); until then the key is rotated by hand.',
    });
    const tenantSecrets = {
      ticketSigningKey: this.ticketSigningKey,
      stripe: this.stripeSecret,
      marketingTokenKey: this.marketingTokenKey,
    };

    // ── Mail ────────────────────────────────────────────────────────────────
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
    const sesForwardDeadLetters = new DeadLetterQueue(this, 'SesForwardDeadLetters', {
      feeds: 'the rule forwarding SES events from the default bus to the tenant bus',
      retentionDays: tenant.deadLetterRetentionDays,
    });
    new Rule(this, 'SesEventsToTenantBus', {
      description: `SES events of configuration set ${prefix} → bus ${prefix}`,
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new EventBusTarget(this.bus, { deadLetterQueue: sesForwardDeadLetters.queue })],
    });
    if (tenant.createEmailIdentity) {
      this.emailIdentity = new EmailIdentity(this, 'EmailIdentity', {
        identity: Identity.domain(tenant.mailFromDomain),
        configurationSet: this.configurationSet,
      });
    }
    const sendEmail = {
      identityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: tenant.mailFromDomain }),
      configurationSetArn: this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
      fromAddress: tenant.mailFrom,
    };

    // ── Auth ────────────────────────────────────────────────────────────────
    const plus = tenant.cognitoFeaturePlan === 'plus';
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: prefix,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: tenant.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(plus && { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `Tenant ${tenant.name} is on the Essentials plan: the Plus plan (threat protection) is billed per monthly active user. Set "cognitoFeaturePlan": "plus" in infra/tenants.json to turn it on; staff sign-in is already protected by a 12-character password policy and ${tenant.mfa} TOTP MFA.`,
      });
    }
    if (tenant.mfa !== 'required') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `infra/tenants.json sets "mfa": "optional" for tenant ${tenant.name} (users may enrol TOTP; e.g. shared gate scanners). Set "required" to enforce it.`,
      });
    }
    this.userPoolClient = this.userPool.addClient('ApiClient', {
      userPoolClientName: `${prefix}-api`,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    // One group per built-in role; the API reads the token's `cognito:groups` claim.
    for (const [precedence, role] of builtInRoleNames.entries()) {
      this.userPoolGroups.push(
        new UserPoolGroup(this, `Group${constructId(role)}`, {
          userPool: this.userPool,
          groupName: role,
          precedence,
          description: `EventOS built-in role "${role}" (packages/auth/roles.ts)`,
        }),
      );
    }

    // ── HTTP API ────────────────────────────────────────────────────────────
    const issuer = `https://cognito-idp.${this.region}.${this.urlSuffix}/${this.userPool.userPoolId}`;
    this.api = new HttpApi(this, 'Api', {
      apiName: prefix,
      description: `EventOS API of tenant ${tenant.name}`,
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('CognitoJwt', issuer, {
        authorizerName: `${prefix}-cognito`,
        jwtAudience: [this.userPoolClient.userPoolClientId],
        identitySource: ['$request.header.Authorization'],
      }),
      ...(tenant.corsOrigins.length > 0 && {
        corsPreflight: {
          allowOrigins: tenant.corsOrigins,
          allowMethods: [
            CorsHttpMethod.GET,
            CorsHttpMethod.POST,
            CorsHttpMethod.PUT,
            CorsHttpMethod.PATCH,
            CorsHttpMethod.DELETE,
            CorsHttpMethod.OPTIONS,
          ],
          allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
          exposeHeaders: ['idempotent-replayed', 'location'],
          maxAge: Duration.hours(1),
        },
      }),
    });
    this.accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: tenant.accessLogRetentionDays,
      // Who called what: kept for audits when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: tenant.throttle.rateLimit, burstLimit: tenant.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      EVENT_BUS_NAME: this.bus.eventBusName,
      POWERTOOLS_SERVICE_NAME: 'eventos',
      POWERTOOLS_LOG_LEVEL: tenant.logLevel,
      MAIL_FROM: tenant.mailFrom,
      CORS_ORIGINS: tenant.corsOrigins.join(','),
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      EVENTOS_TENANT: tenant.name,
      // Base of the links in campaign mail (unsubscribe); a custom domain in front of the API would go here.
      PUBLIC_BASE_URL: this.stage.url,
    };
    const functionDefaults = {
      environment,
      logRetention: tenant.logRetentionDays,
      functionsRoot: defs.functionsRoot,
    };

    const routesByTag = new Map<string, RouteDefinition[]>();
    for (const route of defs.routes) routesByTag.set(route.tag, [...(routesByTag.get(route.tag) ?? []), route]);
    for (const [tag, routes] of routesByTag) {
      this.httpRouteGroups.push(
        new HttpRouteGroup(this, `HttpRoutes${constructId(tag)}`, {
          tag,
          routes,
          api: this.api,
          table: this.table,
          bus: this.bus,
          secrets: tenantSecrets,
          userPool: this.userPool,
          ...functionDefaults,
        }),
      );
    }

    // ── Event consumers (events/routing.ts) ─────────────────────────────────
    for (const entry of defs.routing) {
      if (!Number.isInteger(entry.retryAttempts) || entry.retryAttempts < 0 || entry.retryAttempts > 185) {
        throw new Error(`events/routing.ts: ${entry.consumer}.retryAttempts must be an integer 0–185 (EventBridge's limit)`);
      }
      const id = constructId(entry.consumer);
      const deadLetters = new DeadLetterQueue(this, `Consumer${id}DeadLetters`, {
        feeds: `consumer ${entry.consumer}: its EventBridge target and its Lambda on-failure destination`,
        retentionDays: tenant.deadLetterRetentionDays,
      });
      const fn = new EventosFunction(this, `Consumer${id}`, {
        kind: 'consumer',
        handler: entry.handler,
        description: `Consumer ${entry.consumer}: ${entry.detailTypes.join(', ')}`,
        ...functionDefaults,
        // EventBridge hands the event to Lambda asynchronously; a handler that throws is
        // retried by Lambda (≤ 2 times), then the event lands in the same DLQ.
        async: {
          retryAttempts: Math.min(entry.retryAttempts, LAMBDA_ASYNC_MAX_RETRIES),
          maxEventAge: LAMBDA_ASYNC_MAX_EVENT_AGE,
          onFailure: new SqsDestination(deadLetters.queue),
        },
      });
      fn.grantTable(this.table, 'readwrite');
      fn.grantPutEvents(this.bus);
      fn.grantSendEmail(sendEmail);
      fn.grantSecrets(tenantSecrets, entry.secrets ?? []);
      if (entry.readsSendQuota) fn.grantReadSendQuota();
      const sources = [...new Set(entry.detailTypes.map(sourceOf))];
      const rule = new Rule(this, `Consumer${id}Rule`, {
        eventBus: this.bus,
        description: `${entry.detailTypes.join(', ')} → ${entry.consumer}`,
        eventPattern: { source: sources, detailType: [...entry.detailTypes] },
        targets: [
          new LambdaFunction(fn.function, {
            deadLetterQueue: deadLetters.queue,
            retryAttempts: entry.retryAttempts,
            maxEventAge: CONSUMER_MAX_EVENT_AGE,
          }),
        ],
      });
      this.consumers.set(entry.consumer, { function: fn, rule, deadLetters });
    }

    // ── Periodic jobs (events/schedules.ts) ─────────────────────────────────
    for (const job of defs.schedules) {
      if (!Number.isInteger(job.rateMinutes) || job.rateMinutes < 1) {
        throw new Error(`events/schedules.ts: ${job.name}.rateMinutes must be a whole number of minutes ≥ 1`);
      }
      const id = constructId(job.name);
      const deadLetters = new DeadLetterQueue(this, `Job${id}DeadLetters`, {
        feeds: `scheduled job ${job.name}: its EventBridge target and its Lambda on-failure destination`,
        retentionDays: tenant.deadLetterRetentionDays,
      });
      const fn = new EventosFunction(this, `Job${id}`, {
        kind: 'job',
        handler: job.handler,
        description: `Job ${job.name}: every ${job.rateMinutes} min`,
        ...functionDefaults,
        // A failed run is not retried (the next tick runs it again) but is recorded in the DLQ.
        async: {
          retryAttempts: 0,
          maxEventAge: Duration.minutes(Math.min(job.rateMinutes, LAMBDA_ASYNC_MAX_EVENT_AGE.toMinutes())),
          onFailure: new SqsDestination(deadLetters.queue),
        },
      });
      fn.grantTable(this.table, 'readwrite');
      fn.grantPutEvents(this.bus);
      fn.grantSendEmail(sendEmail);
      const rule = new Rule(this, `Job${id}Schedule`, {
        description: `Every ${job.rateMinutes} min → ${job.name}`,
        schedule: RuleSchedule.rate(Duration.minutes(job.rateMinutes)),
        targets: [
          new LambdaFunction(fn.function, {
            deadLetterQueue: deadLetters.queue,
            retryAttempts: 2,
            // A tick older than one period is superseded by the next one (EventBridge allows 1 min–24 h).
            maxEventAge: Duration.minutes(Math.min(job.rateMinutes, 24 * 60)),
          }),
        ],
      });
      this.jobs.set(job.name, { function: fn, rule, deadLetters });
    }

    // ── Outputs ─────────────────────────────────────────────────────────────
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('ApiUrl', this.stage.url, 'Base URL of the HTTP API (routes start with /v1)');
    output('UserPoolId', this.userPool.userPoolId, 'Cognito user pool of the tenant');
    output('UserPoolClientId', this.userPoolClient.userPoolClientId, 'App client id (the JWT audience)');
    output('TableName', this.table.tableName, 'DynamoDB table');
    output('EventBusName', this.bus.eventBusName, 'EventBridge bus of domain events');
    output('StripeSecretArn', this.stripeSecret.secretArn, 'Secrets Manager secret to fill with {"secretKey","webhookSecret"} from Stripe');
    output('TicketSigningKeySecretArn', this.ticketSigningKey.secretArn, 'Secrets Manager secret holding the ticket HMAC key');
    output('MarketingTokenKeySecretArn', this.marketingTokenKey.secretArn, 'Secrets Manager secret holding the campaign-token HMAC key');
    output('SesConfigurationSetName', this.configurationSet.configurationSetName, 'SES configuration set to send with');
    if (this.emailIdentity) {
      this.emailIdentity.dkimRecords.forEach((record, index) =>
        output(`DkimRecord${index + 1}`, `${record.name} CNAME ${record.value}`, `DNS record ${index + 1} to verify ${tenant.mailFromDomain} in SES`),
      );
    }
  }
}
