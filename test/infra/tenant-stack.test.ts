import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { routing, sourceOf } from '../../events/routing.ts';
import { schedules } from '../../events/schedules.ts';
import { isPublic, routeKey } from '../../packages/api/route.ts';
import { routes } from '../../packages/api/routes/index.ts';
import { builtInRoleNames } from '../../packages/auth/roles.ts';
import { routeSecrets } from '../../packages/http/cursors/list-routes.ts';
import { tableDefinition } from '../../packages/core/db/table-definition.ts';
import { functionKinds } from '../../infra/constructs/eventos-function.ts';
import { accessOf, httpFunctions, httpLayout } from '../../infra/http-layout.ts';
import { accessLogFields, type TenantStack } from '../../infra/tenant-stack.ts';
import { addNagChecks, cdkJsonContext } from '../../infra/tenant-app.ts';
import { parseTenants } from '../../infra/tenants.ts';
import {
  functionsIn,
  logicalIdIn,
  reconcileAcknowledgements,
  resourcesOf,
  statementsOfFunction,
  synthTenants,
  templatesOf,
  tempOutdir,
  violationsOf,
  type Synthesized,
  type ValidationReport,
} from './support/synth.ts';

// A tenant defined here, not read from infra/tenants.json (operators edit that file);
// the stack is built from the product's real route table, routing and schedules.
const [tenant] = parseTenants({
  tenants: [
    {
      name: 'acme',
      region: 'eu-west-1',
      account: '123456789012',
      corsOrigins: ['https://tickets.acme.example'],
      mailFromDomain: 'acme.example',
      throttle: { rateLimit: 50, burstLimit: 80 },
    },
  ],
});

let synth: Synthesized;
let stack: TenantStack;
let parent: Template;
let features: Template[];
let all: Template[];

beforeAll(() => {
  synth = synthTenants({ tenants: [tenant!] });
  stack = synth.stacks[0]!;
  ({ parent, features, all } = templatesOf(stack));
}, 120_000);

/** Logical id of an L2's CloudFormation resource, in the (nested) stack that holds it. */
const idOf = (construct: IConstruct) => {
  const element = construct.node.defaultChild as CfnElement;
  return element.stack.getLogicalId(element);
};

const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('tenant stack', () => {
  it('is named after the tenant and deploys to its account/region', () => {
    expect(stack.stackName).toBe('EventOS-acme');
    expect(stack.region).toBe('eu-west-1');
    expect(stack.account).toBe('123456789012');
    expect(stack.terminationProtection).toBe(true);
  });

  it('builds the table from table-definition.ts: keys, GSIs, TTL, on-demand, PITR, deletion protection, retained', () => {
    const { partitionKey, sortKey, globalIndexes, timeToLiveAttribute } = tableDefinition;
    const attributes = [partitionKey, sortKey, ...globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    parent.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    parent.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayEquals(attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
        GlobalSecondaryIndexes: globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      },
    });
  });

  it('has one API route per route-table entry, JWT unless the route is public', () => {
    const apiRoutes = features.flatMap((t) => Object.values(resourcesOf(t, 'AWS::ApiGatewayV2::Route')));
    expect(apiRoutes.map((r) => r.Properties!.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
    for (const route of routes) {
      const apiRoute = apiRoutes.find((r) => r.Properties!.RouteKey === routeKey(route))!;
      if (isPublic(route)) {
        expect(apiRoute.Properties!.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(apiRoute.Properties!.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(apiRoute.Properties!.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(apiRoute.Properties!.AuthorizerId, routeKey(route)).toBeDefined();
      }
    }
  });

  it('deploys at most 40 functions per tenant: one per feature, one per ownFunction route, one per consumer and job', () => {
    const functions = functionsIn(all);
    expect(functions).toHaveLength(httpFunctions(routes).length + routing.length + schedules.length);
    expect(functions.length).toBeLessThanOrEqual(40);
    // One nested stack per feature, holding the feature function and its routes' own functions.
    expect(stack.httpFeatures.map((f) => f.feature)).toEqual(httpLayout(routes).map((f) => f.feature));
    expect(functionsIn(features)).toHaveLength(httpFunctions(routes).length);
    // The routes that asked for a function of their own got one, with a reason.
    const own = routes.filter((r) => r.ownFunction !== undefined).map((r) => r.handler).sort();
    expect(own).toEqual(['check-ins/batch', 'check-ins/scan', 'orders/create', 'orders/refund', 'webhooks/stripe']);
    for (const handler of own) {
      const feature = stack.httpFeatures.find((f) => f.functions.has(handler))!;
      expect(feature.functions.get(handler)!.entry.endsWith(`functions/http/${handler}.ts`), handler).toBe(true);
    }
  });

  it('wires every route of the route table to exactly one function: its own, or its feature’s dispatcher over the same handler export', () => {
    for (const route of routes) {
      const key = routeKey(route);
      const serving = stack.httpFeatures.filter((f) => f.functionOfRoute.has(key));
      expect(serving, key).toHaveLength(1);
      const feature = serving[0]!;
      const fn = feature.functionOfRoute.get(key)!;
      const template = features[stack.httpFeatures.indexOf(feature)]!;
      const functionId = idOf(fn.function);

      // The API route's integration targets that function, and no other route has this key.
      const apiRoutes = features.flatMap((t) => Object.values(resourcesOf(t, 'AWS::ApiGatewayV2::Route'))).filter((r) => r.Properties!.RouteKey === key);
      expect(apiRoutes, key).toHaveLength(1);
      const apiRoute = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).find((r) => r.Properties!.RouteKey === key)!;
      const integrationId = ((apiRoute.Properties!.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1]).Ref;
      const integration = resourcesOf(template)[integrationId]!;
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      expect(logicalIdIn(integration.Properties!.IntegrationUri)).toBe(functionId);

      // Its bundle runs functions/http/<handler>.ts: directly, or through the generated dispatcher entry.
      if (route.ownFunction) {
        expect(fn.entry.endsWith(`functions/http/${route.handler}.ts`), key).toBe(true);
      } else {
        const source = readFileSync(fn.entry, 'utf8');
        const local = new RegExp(`import \\{ handler as (h\\d+) \\} from "[./]*functions/http/${route.handler}\\.ts";`).exec(source)?.[1];
        expect(local, `${key}: ${fn.entry} imports functions/http/${route.handler}.ts`).toBeDefined();
        expect(source, key).toContain(`  ${JSON.stringify(key)}: ${local},`);
      }
      expect(resourcesOf(template)[functionId]!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: functionKinds.http.memorySize,
        Timeout: functionKinds.http.timeout.toSeconds(),
        TracingConfig: { Mode: 'Active' },
      });
    }
    // A feature entry imports only its own routes' handlers (small bundles): no handler of another function.
    for (const feature of stack.httpFeatures) {
      for (const [name, fn] of feature.functions) {
        const spec = httpFunctions(routes).find((f) => f.name === name)!;
        if (spec.ownReason) continue;
        const imported = [...readFileSync(fn.entry, 'utf8').matchAll(/functions\/http\/(.+)\.ts"/g)].map((m) => m[1]).sort();
        expect(imported, name).toEqual([...new Set(spec.routes.map((r) => r.handler))].sort());
      }
    }
  });

  it('gives each function the union of its routes’ needs: read-only without a write route, secrets and the directory only where a route names them', () => {
    let readOnly = 0;
    for (const feature of stack.httpFeatures) {
      const template = features[stack.httpFeatures.indexOf(feature)]!;
      for (const [name, fn] of feature.functions) {
        const spec = httpFunctions(routes).find((f) => f.name === name)!;
        const needs = accessOf(spec);
        const statements = statementsOfFunction(template, idOf(fn.function));
        const actions = statements.flatMap((s) => s.Action);
        expect(actions, name).toContain('dynamodb:Query');
        expect(actions, name).not.toContain('dynamodb:Scan');
        for (const write of writeActions) expect(actions.includes(write), `${name} ${write}`).toBe(needs.writes);
        expect(actions.includes('events:PutEvents'), `${name} PutEvents`).toBe(needs.writes);
        // Only the function of the readiness check describes the bus (its dependency probe).
        expect(actions.includes('events:DescribeEventBus'), `${name} DescribeEventBus`).toBe(needs.probesDependencies);
        if (!needs.writes) readOnly++;
        const named = new Set(needs.secrets);
        expect(actions.some((a) => a.startsWith('secretsmanager:')), `${name} reads secrets`).toBe(named.size > 0);
        expect(actions.some((a) => a.startsWith('cognito-idp:')), `${name} identity directory`).toBe(needs.identityDirectory);
        const variables = resourcesOf(template)[idOf(fn.function)]!.Properties!.Environment as { Variables: Record<string, unknown> };
        expect('STRIPE_SECRET_ARN' in variables.Variables, `${name} STRIPE_SECRET_ARN`).toBe(named.has('stripe'));
        expect('TICKET_SIGNING_SECRET_ARN' in variables.Variables, `${name} TICKET_SIGNING_SECRET_ARN`).toBe(named.has('ticketSigningKey'));
        expect('MARKETING_TOKEN_SECRET_ARN' in variables.Variables, `${name} MARKETING_TOKEN_SECRET_ARN`).toBe(named.has('marketingTokenKey'));
        expect('USER_POOL_ID' in variables.Variables, `${name} USER_POOL_ID`).toBe(needs.identityDirectory);
        // A secret's read grant names that secret only.
        for (const statement of statements.filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')))) {
          expect(JSON.stringify(statement.Resource), name).toMatch(/TicketSigningKey|StripeKeys|MarketingTokenKey/);
        }
      }
    }
    // The system feature (health, OpenAPI) is GET-only: the case exists in the real table.
    expect(readOnly).toBeGreaterThan(0);
    // The Stripe key is in the storefront order, the refund and the webhook only.
    const stripeReaders = httpFunctions(routes).filter((f) => accessOf(f).secrets.includes('stripe')).map((f) => f.name).sort();
    expect(stripeReaders).toEqual(['orders/create', 'orders/refund', 'webhooks/stripe']);
  });

  it('keeps the logical id of every resource the split into concern constructs moved (nothing stateful is replaced)', () => {
    // Ids of the one-constructor stack (before infra/constructs/concern.ts): CloudFormation
    // would replace a resource whose id changes (a new empty table, a failed deploy on named ones).
    expect(idOf(stack.table)).toBe('TableCD117FA1');
    expect(idOf(stack.bus)).toBe('BusEA82B648');
    expect(idOf(stack.ticketSigningKey)).toBe('TicketSigningKey941CC7D3');
    expect(idOf(stack.stripeSecret)).toBe('StripeKeys92D3CFAD');
    expect(idOf(stack.marketingTokenKey)).toBe('MarketingTokenKeyCB3E45DA');
    expect(idOf(stack.configurationSet)).toBe('ConfigurationSet3DD38186');
    expect(idOf(stack.emailIdentity!)).toBe('EmailIdentity7187767D');
    expect(idOf(stack.userPool)).toBe('UserPool6BA7E5F2');
    expect(idOf(stack.userPoolClient)).toBe('UserPoolApiClient5E25D46A');
    expect(idOf(stack.api)).toBe('ApiF70053CD');
    expect(idOf(stack.stage)).toBe('ApiDefaultStage189A7074');
    expect(idOf(stack.accessLogs)).toBe('ApiAccessLogsE9DF007D');
    expect(idOf(stack.consumers.get('count-sales')!.deadLetters.queue)).toBe('ConsumerCountSalesDeadLettersQueue51F193A1');
    expect(idOf(stack.consumers.get('count-sales')!.function.function)).toBe('ConsumerCountSalesFunction1D73DBCC');
    expect(idOf(stack.consumers.get('count-sales')!.rule)).toBe('ConsumerCountSalesRule46DADF8A');
    expect(idOf(stack.jobs.get('outbox-relay')!.deadLetters.queue)).toBe('JobOutboxRelayDeadLettersQueue86630C96');
    expect(idOf(stack.jobs.get('outbox-relay')!.rule)).toBe('JobOutboxRelaySchedule59519C02');
    expect(Object.keys(resourcesOf(parent))).toEqual(
      expect.arrayContaining(['SesForwardDeadLettersQueueC75C56A0', 'SesEventsToTenantBusB4908891', 'ApiCognitoJwt1870F097', 'ConfigurationSetToDefaultBusA0499BD3']),
    );
  });

  it('authorizes with a JWT authorizer on the tenant user pool and app client', () => {
    parent.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: idOf(stack.userPoolClient) }],
        Issuer: {
          'Fn::Join': [
            '',
            Match.arrayWith(['https://cognito-idp.eu-west-1.', { Ref: idOf(stack.userPool) }]),
          ],
        },
      },
    });
  });

  it('logs every request as JSON to a log group and throttles the $default stage', () => {
    const stage = Object.values(resourcesOf(parent, 'AWS::ApiGatewayV2::Stage'));
    expect(stage).toHaveLength(1);
    const props = stage[0]!.Properties as {
      StageName: string;
      AutoDeploy: boolean;
      DefaultRouteSettings: Record<string, number>;
      AccessLogSettings: { DestinationArn: unknown; Format: string };
    };
    expect(props.StageName).toBe('$default');
    expect(props.AutoDeploy).toBe(true);
    expect(props.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80 });
    const format = JSON.parse(props.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toEqual(accessLogFields);
    expect(Object.keys(format)).toEqual(expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency']));
    const logGroup = resourcesOf(parent)[logicalIdIn(props.AccessLogSettings.DestinationArn)]!;
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties!.RetentionInDays).toBe(tenant!.accessLogRetentionDays);
  });

  it('answers CORS preflights for the tenant origins', () => {
    parent.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://tickets.acme.example'],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'idempotency-key']),
      }),
    });
  });

  it('fixes runtime, architecture, tracing, log group, sizing and environment for every function', () => {
    const functions = functionsIn(all).map(({ template: t, fn }) => ({ t, fn }));
    expect(functions).toHaveLength(httpFunctions(routes).length + routing.length + schedules.length);
    for (const { t, fn } of functions) {
      const props = fn.Properties as {
        Runtime: string;
        Architectures: string[];
        MemorySize: number;
        Timeout: number;
        LoggingConfig: { LogGroup: unknown };
        Environment: { Variables: Record<string, unknown> };
      };
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(props.MemorySize).toBeGreaterThan(128);
      expect(props.Timeout).toBeGreaterThan(3);
      const logGroup = resourcesOf(t)[logicalIdIn(props.LoggingConfig.LogGroup)]!;
      expect(logGroup.Properties!.RetentionInDays).toBe(tenant!.logRetentionDays);
      // Secret ARNs appear only where a route names the secret (checked in the access test);
      // USER_POOL_ID only on identityDirectory routes (test/infra/identity-directory.test.ts).
      expect(Object.keys(props.Environment.Variables).filter((k) => !k.endsWith('_SECRET_ARN') && k !== 'USER_POOL_ID').sort()).toEqual(
        [
          'TABLE_NAME',
          'EVENT_BUS_NAME',
          'POWERTOOLS_SERVICE_NAME',
          'POWERTOOLS_LOG_LEVEL',
          'MAIL_FROM',
          'CORS_ORIGINS',
          'SES_CONFIGURATION_SET',
          'EVENTOS_TENANT',
          'PUBLIC_BASE_URL',
        ].sort(),
      );
      expect(props.Environment.Variables).toMatchObject({
        MAIL_FROM: 'tickets@acme.example',
        CORS_ORIGINS: 'https://tickets.acme.example',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        EVENTOS_TENANT: 'acme',
      });
      // No secret material in the environment: ARNs only, never a resolved value.
      expect(JSON.stringify(props.Environment)).not.toMatch(/resolve:secretsmanager|SecretString/i);
    }
  });

  it('uses no AWS managed policy and no wildcard beyond X-Ray (and SES GetAccount for the campaign sender and the readiness check)', () => {
    let getAccount = 0;
    for (const t of all) {
      for (const role of Object.values(resourcesOf(t, 'AWS::IAM::Role'))) {
        expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
      }
      for (const policy of Object.values(resourcesOf(t, 'AWS::IAM::Policy'))) {
        for (const statement of (policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement) {
          if (JSON.stringify(statement.Resource).includes('*')) {
            const actions = [statement.Action].flat().sort();
            // ses:GetAccount (the send quota) has no resource-level permissions either; CDK merges it with X-Ray's.
            if (actions.includes('ses:GetAccount')) getAccount++;
            expect(actions.filter((a) => a !== 'ses:GetAccount')).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
          }
        }
      }
    }
    const probing = new Set(routes.filter((r) => r.probesDependencies).map((r) => r.handler)).size;
    expect(probing).toBe(1);
    expect(getAccount).toBe(routing.filter((r) => r.readsSendQuota).length + probing);
  });

  it('has a rule with retry policy and an encrypted, TLS-only DLQ for every routing entry', () => {
    const busRef = { Ref: idOf(stack.bus) };
    const busRules = Object.values(resourcesOf(parent, 'AWS::Events::Rule')).filter(
      (rule) => JSON.stringify(rule.Properties!.EventBusName) === JSON.stringify(busRef),
    );
    expect(busRules).toHaveLength(routing.length);
    for (const entry of routing) {
      const sources = [...new Set(entry.detailTypes.map(sourceOf))];
      const rule = busRules.find((r) => JSON.stringify((r.Properties!.EventPattern as Record<string, unknown>)['detail-type']) === JSON.stringify(entry.detailTypes));
      expect(rule, entry.consumer).toBeDefined();
      expect(rule!.Properties!.EventPattern).toEqual({ source: sources, 'detail-type': entry.detailTypes });
      const [target] = rule!.Properties!.Targets as { Arn: unknown; DeadLetterConfig: { Arn: unknown }; RetryPolicy: Record<string, number> }[];
      expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: entry.retryAttempts, MaximumEventAgeInSeconds: 86_400 });
      const queueId = logicalIdIn(target!.DeadLetterConfig.Arn);
      expect(resourcesOf(parent)[queueId]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
      parent.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      // The handler's own failures (after Lambda's async retries) land in the same queue.
      const functionId = logicalIdIn(target!.Arn);
      parent.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId },
        MaximumRetryAttempts: Math.min(entry.retryAttempts, 2),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
      expect(resourcesOf(parent)[functionId]!.Properties).toMatchObject({
        MemorySize: functionKinds.consumer.memorySize,
        Timeout: functionKinds.consumer.timeout.toSeconds(),
      });
    }
  });

  it('schedules every periodic job', () => {
    const scheduled = Object.values(resourcesOf(parent, 'AWS::Events::Rule')).filter((r) => r.Properties!.ScheduleExpression);
    expect(scheduled).toHaveLength(schedules.length);
    for (const job of schedules) {
      const expression = Schedule.rate(Duration.minutes(job.rateMinutes)).expressionString;
      const rule = scheduled.find((r) => r.Properties!.ScheduleExpression === expression && String(r.Properties!.Description).endsWith(job.name));
      expect(rule, job.name).toBeDefined();
      const [target] = rule!.Properties!.Targets as { Arn: unknown; DeadLetterConfig?: unknown }[];
      expect(target!.DeadLetterConfig).toBeDefined();
      expect(resourcesOf(parent)[logicalIdIn(target!.Arn)]!.Type).toBe('AWS::Lambda::Function');
    }
  });

  it('creates a Cognito group per built-in role, in a pool without self sign-up', () => {
    parent.resourceCountIs('AWS::Cognito::UserPoolGroup', builtInRoleNames.length);
    for (const role of builtInRoleNames) parent.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    parent.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true }),
        },
      }),
    });
    const clients = Object.values(resourcesOf(parent, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    expect(clients[0]!.Properties!.GenerateSecret).toBeFalsy();
    expect(clients[0]!.Properties!.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
  });

  it('keeps a generated ticket-signing secret and a Stripe secret, readable only by the functions whose routes name them', () => {
    parent.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Name: 'eventos/acme/ticket-signing-key', GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) }),
    });
    parent.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ Name: 'eventos/acme/stripe' }) });
    const readers = (variable: string) =>
      all.flatMap((t) =>
        Object.values(resourcesOf(t, 'AWS::Lambda::Function')).filter(
          (fn) => variable in ((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables ?? {}),
        ),
      );
    const handlersNaming = (name: string) => httpFunctions(routes).filter((f) => accessOf(f).secrets.includes(name as never)).length
      + routing.filter((c) => c.secrets?.includes(name as never)).length;
    expect(readers('TICKET_SIGNING_SECRET_ARN').length).toBe(handlersNaming('ticketSigningKey'));
    expect(readers('STRIPE_SECRET_ARN').length).toBe(handlersNaming('stripe'));
    expect(handlersNaming('stripe')).toBeGreaterThan(0);
  });

  it('publishes SES events through the default bus to the tenant bus, filtered by configuration set', () => {
    const configurationSetRef = { Ref: idOf(stack.configurationSet) };
    parent.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'eventos-acme' });
    parent.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: configurationSetRef,
      EventDestination: Match.objectLike({
        Enabled: true,
        EventBridgeDestination: { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' },
      }),
    });
    parent.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.absent(),
      EventPattern: { source: ['aws.ses'], detail: { mail: { tags: { 'ses:configuration-set': [configurationSetRef] } } } },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [idOf(stack.bus), 'Arn'] },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
  });

  it('outputs the API URL, user pool, client, table and bus', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'EventBusName']) parent.hasOutput(name, {});
  });

  it('keeps every infra file under 250 lines (the stack is built by concern, infra/constructs/)', () => {
    const infraDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'infra');
    const files = readdirSync(infraDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mjs|cjs)$/.test(f));
    expect(files).toContain('tenant-stack.ts');
    for (const file of files) {
      const lines = readFileSync(path.join(infraDir, file), 'utf8').split('\n').length - 1;
      expect(lines, file).toBeLessThanOrEqual(250);
    }
  });

  it('stays well under CloudFormation\u2019s 500 resources per (nested) stack', () => {
    for (const t of all) expect(Object.keys(resourcesOf(t)).length).toBeLessThan(400);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('fails synth on any finding, error or warning (probes: what an unacknowledged finding does)', () => {
    const probe = (build: (stack: Stack) => void) => {
      const outdir = tempOutdir();
      const app = new App({ outdir, context: cdkJsonContext() });
      addNagChecks(app);
      build(new Stack(app, 'Probe'));
      process.env.CDK_VALIDATION = 'false';
      try {
        app.synth();
        return { error: undefined, violations: [] };
      } catch (error) {
        // cdk-nag marks its report failed on any violation; CDK then stops the synth.
        const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
        return { error: error as Error, violations: violationsOf(report) };
      } finally {
        delete process.env.CDK_VALIDATION;
      }
    };
    // A plain queue: SQS3 and SQS4 are errors.
    const queue = probe((s) => new Queue(s, 'Queue'));
    expect(queue.error?.message).toMatch(/AwsSolutions-SQS4/);
    expect(queue.violations.map((v) => `${v.rule}:${v.severity}`).sort()).toEqual(['AwsSolutions-SQS3:error', 'AwsSolutions-SQS4:error']);
    // A table without PITR: DDB3 is only a warning, and still stops the synth.
    const table = probe((s) => new Table(s, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } }));
    expect(table.error?.message).toMatch(/AwsSolutions-DDB3/);
    expect(table.violations).toEqual([
      { plugin: 'AwsSolutions', rule: 'AwsSolutions-DDB3', severity: 'warning', path: 'Probe/Table/Resource' },
    ]);
  });

  it('leaves no unacknowledged finding, error or warning, in the validation report', () => {
    expect(violationsOf(synth.report)).toEqual([]);
  });

  it('does find issues when acknowledgements are ignored, and each one is acknowledged with a reason', () => {
    const { findings, acknowledgements, unacknowledged, unused } = reconcileAcknowledgements(stack);
    // The checks are live: without acknowledgements these would fail `cdk synth`.
    expect(findings).toContainEqual({ rule: 'AwsSolutions-SQS3', path: expect.stringContaining('DeadLetters/Queue/Resource') });
    expect(findings).toContainEqual({ rule: 'AwsSolutions-SMG4', path: 'EventOS-acme/Data/TicketSigningKey/Resource' });
    expect(unacknowledged).toEqual([]);
    expect(unused).toEqual([]);
    for (const ack of acknowledgements) expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(60);
    // Adding an acknowledgement is a decision: this list changes with it.
    expect([...new Set(acknowledgements.map((a) => a.id))].sort()).toEqual(
      [
        ...(routes.some(isPublic) ? ['AwsSolutions-APIG4'] : []),
        'AwsSolutions-COG8',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
        'AwsSolutions-SMG4',
        'AwsSolutions-SQS3',
      ].sort(),
    );
    // Public routes are acknowledged one by one, never for the whole API.
    const apig4 = acknowledgements.filter((a) => a.id === 'AwsSolutions-APIG4');
    expect(apig4).toHaveLength(routes.filter(isPublic).length);
  });
});
