import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routing, sourceOf } from '#events/routing.ts';
import { schedules } from '#events/schedules.ts';
import { routeKey } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { builtInRoleNames } from '#packages/auth/roles.ts';
import { tableDefinition } from '#packages/core/db/table-definition.ts';
import { functionKinds } from '#infra/constructs/eventos-function.ts';
import { accessOf, httpFunctions } from '#infra/http-layout.ts';
import { consumerGroups } from '#infra/consumer-layout.ts';
import { jobGroups } from '#infra/job-layout.ts';
import { accessLogFields, type TenantStack } from '#infra/tenant-stack.ts';
import { functionsIn, logicalIdIn, resourcesOf, statementsOfFunction, SYNTH_TIMEOUT_MS } from './support/synth.ts';
import { acmeTenant, idOf, synthAcme } from './support/acme-stack.ts';

let stack: TenantStack;
let parent: Template;
let features: Template[];
let all: Template[];

beforeAll(() => {
  ({ stack, parent, features, all } = synthAcme());
}, SYNTH_TIMEOUT_MS);

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
    expect(logGroup.Properties!.RetentionInDays).toBe(acmeTenant!.accessLogRetentionDays);
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
    // + the one-shot wake-ups' target (infra/constructs/wake-ups.ts).
    expect(functions).toHaveLength(httpFunctions(routes).length + consumerGroups(routing).length + jobGroups(schedules).length + 1);
    for (const { t, fn } of functions) {
      const props = fn.Properties as {
        Runtime: string;
        Architectures: string[];
        MemorySize: number;
        Timeout: number;
        LoggingConfig: { LogGroup: unknown };
        Environment: { Variables: Record<string, unknown> };
      };
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      // X-Ray is off unless tenants.json turns it on (docs/operations.md, "Metrics and traces"): no job tick or request pays for a trace.
      expect((props as { TracingConfig?: { Mode: string } }).TracingConfig?.Mode ?? 'PassThrough').not.toBe('Active');
      expect(props.MemorySize).toBeGreaterThan(128);
      expect(props.Timeout).toBeGreaterThan(3);
      const logGroup = resourcesOf(t)[logicalIdIn(props.LoggingConfig.LogGroup)]!;
      expect(logGroup.Properties!.RetentionInDays).toBe(acmeTenant!.logRetentionDays);
      // Secret ARNs and signing-key parameter names appear only where a route names the secret (checked in the access test);
      // USER_POOL_ID only on identityDirectory routes (test/infra/identity-directory.test.ts),
      // FILES_BUCKET only on functions whose routes or consumers declare `files` (the storage kit's grants).
      // WAKE_* only on the functions that may schedule a wake-up (test/infra/wake-ups.test.ts).
      expect(Object.keys(props.Environment.Variables).filter((k) => !k.endsWith('_SECRET_ARN') && !k.endsWith('_PARAMETER') && k !== 'USER_POOL_ID' && k !== 'FILES_BUCKET' && !k.startsWith('WAKE_')).sort()).toEqual(
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
          'TIMELINE_RETENTION_DAYS',
          'CAMPAIGN_RETENTION_DAYS',
        ].sort(),
      );
      expect(props.Environment.Variables).toMatchObject({
        MAIL_FROM: 'tickets@acme.example',
        CORS_ORIGINS: 'https://tickets.acme.example',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        EVENTOS_TENANT: 'acme',
        // Kept forever unless the tenant sets a retention (packages/core/db/retention.ts).
        TIMELINE_RETENTION_DAYS: '0',
        CAMPAIGN_RETENTION_DAYS: '0',
      });
      // No secret material in the environment: ARNs only, never a resolved value.
      expect(JSON.stringify(props.Environment)).not.toMatch(/resolve:secretsmanager|SecretString/i);
    }
  });

  it('uses no AWS managed policy and no wildcard beyond X-Ray (and SES GetAccount for the campaign sender and the readiness check; schedule names in the wake-up group)', () => {
    let getAccount = 0;
    for (const t of all) {
      for (const role of Object.values(resourcesOf(t, 'AWS::IAM::Role'))) {
        expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
      }
      for (const policy of Object.values(resourcesOf(t, 'AWS::IAM::Policy'))) {
        for (const statement of (policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement) {
          if (JSON.stringify(statement.Resource).includes('*')) {
            const actions = [statement.Action].flat().sort();
            // Wake-up schedules are named at run time, within the tenant's group only (test/infra/wake-ups.test.ts).
            if (actions.length === 1 && actions[0] === 'scheduler:CreateSchedule' && JSON.stringify(statement.Resource).includes(':schedule/eventos-acme-wake-ups/*')) continue;
            // The aws/ssm key (its id unknown at synth), only through SSM and only for the named parameters (the secrets test).
            const condition = JSON.stringify((statement as { Condition?: unknown }).Condition ?? {});
            if (actions.join() === 'kms:Decrypt' && condition.includes('"kms:ViaService":"ssm.eu-west-1.amazonaws.com"') && condition.includes('kms:EncryptionContext:PARAMETER_ARN')) continue;
            // ses:GetAccount (the send quota) has no resource-level permissions either; CDK merges it with X-Ray's.
            if (actions.includes('ses:GetAccount')) getAccount++;
            // X-Ray's two actions only where tracing is on (tenants.json `tracing`; off for acme).
            const rest = actions.filter((a) => a !== 'ses:GetAccount');
            expect(rest, JSON.stringify(actions)).toEqual(acmeTenant!.tracing ? ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'] : []);
          }
        }
      }
    }
    const probing = new Set(routes.filter((r) => r.probesDependencies).map((r) => r.handler)).size;
    expect(probing).toBe(1);
    expect(getAccount).toBe(consumerGroups(routing).filter((g) => g.readsSendQuota).length + probing);
  });

  it('has a rule with retry policy and an encrypted, TLS-only DLQ for every consumer group, on the union of its members’ detail-types', () => {
    const busRef = { Ref: idOf(stack.bus) };
    const busRules = Object.values(resourcesOf(parent, 'AWS::Events::Rule')).filter(
      (rule) => JSON.stringify(rule.Properties!.EventBusName) === JSON.stringify(busRef),
    );
    const groups = consumerGroups(routing);
    // A feature's consumers share a function: fewer groups than consumers, and every consumer in exactly one.
    expect(groups.length).toBeLessThan(routing.length);
    expect(groups.flatMap((g) => g.members.map((m) => m.consumer)).sort()).toEqual(routing.map((r) => r.consumer).sort());
    expect(busRules).toHaveLength(groups.length);
    for (const entry of groups) {
      const sources = [...new Set(entry.detailTypes.map(sourceOf))];
      const rule = busRules.find((r) => JSON.stringify((r.Properties!.EventPattern as Record<string, unknown>)['detail-type']) === JSON.stringify(entry.detailTypes));
      expect(rule, entry.name).toBeDefined();
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
        // A group may ask for longer (ConsumerRoute.timeoutSeconds: the crm group's export job).
        Timeout: entry.timeoutSeconds ?? functionKinds.consumer.timeout.toSeconds(),
      });
    }
  });

  it('schedules every periodic job with a rule of its own, naming the job to its group\'s function', () => {
    const scheduled = Object.values(resourcesOf(parent, 'AWS::Events::Rule')).filter((r) => r.Properties!.ScheduleExpression);
    expect(scheduled).toHaveLength(schedules.length);
    for (const job of schedules) {
      const expression = Schedule.rate(Duration.minutes(job.rateMinutes)).expressionString;
      const rule = scheduled.find((r) => r.Properties!.ScheduleExpression === expression && String(r.Properties!.Description).endsWith(`→ ${job.name}`));
      expect(rule, job.name).toBeDefined();
      const [target] = rule!.Properties!.Targets as { Arn: unknown; Input?: string; DeadLetterConfig?: { Arn: unknown } }[];
      expect(JSON.parse(target!.Input!), job.name).toEqual({ job: job.name });
      const group = stack.jobGroups.get(jobGroups(schedules).find((g) => g.members.includes(job))!.name)!;
      expect(logicalIdIn(target!.Arn), job.name).toBe(idOf(group.function.function));
      expect(logicalIdIn(target!.DeadLetterConfig!.Arn), job.name).toBe(idOf(group.deadLetters.queue));
    }
  });

  it('gives each job group the union of its jobs\' needs: the signing key only to the group of the job naming it, scheduling only where a due job wakes', () => {
    const variables = (group: string) => (resourcesOf(parent)[idOf(stack.jobGroups.get(group)!.function.function)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const group of jobGroups(schedules)) {
      expect('TICKET_SIGNING_PARAMETER' in variables(group.name), group.name).toBe(group.secrets.includes('ticketSigningKey'));
    }
    expect('TICKET_SIGNING_PARAMETER' in variables('audit-seal')).toBe(true);
    expect('TICKET_SIGNING_PARAMETER' in variables('sweeps')).toBe(false);
    // Only the webhook and workflow sweeps schedule wake-ups: their group alone gets the grant.
    expect('WAKE_SCHEDULE_GROUP' in variables('integrations')).toBe(true);
    expect('WAKE_SCHEDULE_GROUP' in variables('sweeps')).toBe(false);
    expect('WAKE_SCHEDULE_GROUP' in variables('hourly')).toBe(false);
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
    // `eventos token` signs operators in with AdminInitiateAuth (IAM-authorized), never USER_PASSWORD_AUTH.
    expect(clients[0]!.Properties!.ExplicitAuthFlows).toContain('ALLOW_ADMIN_USER_PASSWORD_AUTH');
    expect(clients[0]!.Properties!.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('keeps one Secrets Manager secret (Stripe) and reads the signing keys from SecureString parameters, each only by the functions whose routes, consumers or jobs name it', () => {
    const secrets = Object.values(resourcesOf(parent, 'AWS::SecretsManager::Secret'));
    expect(secrets.map((r) => (r.Properties as { Name: string }).Name)).toEqual(['eventos/acme/stripe']);
    expect(secrets[0]!.DeletionPolicy).toBe('Retain');
    // CloudFormation cannot create SecureString parameters: the operator CLI does (test/unit/cli-signing-keys.test.ts).
    expect(all.flatMap((t) => Object.values(resourcesOf(t, 'AWS::SSM::Parameter')))).toEqual([]);
    const variablesOf = (fn: { Properties?: Record<string, unknown> }) => (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables ?? {};
    const readers = (variable: string) => functionsIn(all).filter(({ fn }) => variable in variablesOf(fn));
    const handlersNaming = (name: string) => httpFunctions(routes).filter((f) => accessOf(f).secrets.includes(name as never)).length
      + consumerGroups(routing).filter((g) => g.secrets.includes(name as never)).length
      + jobGroups(schedules).filter((g) => g.secrets.includes(name as never)).length;
    expect(readers('TICKET_SIGNING_PARAMETER').length).toBe(handlersNaming('ticketSigningKey'));
    expect(readers('MARKETING_TOKEN_PARAMETER').length).toBe(handlersNaming('marketingTokenKey'));
    expect(readers('STRIPE_SECRET_ARN').length).toBe(handlersNaming('stripe'));
    expect(handlersNaming('stripe')).toBeGreaterThan(0);
    expect(handlersNaming('ticketSigningKey')).toBeGreaterThan(0);

    const parameterArn = (name: string) => `arn:aws:ssm:eu-west-1:123456789012:parameter${name}`;
    for (const { template, id, fn } of functionsIn(all)) {
      const vars = variablesOf(fn);
      const names = ['TICKET_SIGNING_PARAMETER', 'MARKETING_TOKEN_PARAMETER'].filter((v) => v in vars).map((v) => vars[v] as string);
      const statements = statementsOfFunction(template, id);
      const gets = statements.filter((s) => s.Action.some((a) => a.startsWith('ssm:')));
      const decrypts = statements.filter((s) => s.Action.some((a) => a.startsWith('kms:')));
      if (names.length === 0) {
        expect(gets, String(fn.Properties!.Description)).toEqual([]);
        expect(decrypts, String(fn.Properties!.Description)).toEqual([]);
        continue;
      }
      expect(names.every((n) => n.startsWith('/eventos/acme/'))).toBe(true);
      const arns = names.map(parameterArn).sort();
      // Exactly the parameters it names, nothing else of SSM.
      expect(gets).toHaveLength(1);
      expect(gets[0]!.Action).toEqual(['ssm:GetParameter']);
      expect(JSON.stringify(gets[0]!.Resource).match(/parameter\/eventos\/acme\/[a-z-]+/g)!.sort()).toEqual(names.map((n) => `parameter${n}`).sort());
      // The aws/ssm key, only through SSM, only for those parameters.
      expect(decrypts).toHaveLength(1);
      expect(decrypts[0]!.Action).toEqual(['kms:Decrypt']);
      expect(decrypts[0]!.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } });
      const context = (decrypts[0]!.Condition as Record<string, Record<string, unknown>>)['ForAnyValue:StringEquals']!['kms:EncryptionContext:PARAMETER_ARN'];
      expect(JSON.stringify(context).match(/parameter\/eventos\/acme\/[a-z-]+/g)!.sort()).toEqual(arns.map((a) => a.slice(a.indexOf('parameter/'))).sort());
    }
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
