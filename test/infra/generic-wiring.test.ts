import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceOf } from '#events/routing.ts';
import { isPublic, routeKey } from '#packages/core/route.ts';
import { TenantStack } from '#infra/tenant-stack.ts';
import { cdkJsonContext } from '#infra/tenant-app.ts';
import { parseTenants } from '#infra/tenants.ts';
import { fixtureDefinitions, fixtureRoutes, fixtureRouting, fixtureSchedules } from './fixtures/definitions.ts';
import {
  logicalIdIn,
  reconcileAcknowledgements,
  resourcesOf,
  synthTenants,
  templatesOf,
  violationsOf,
  type Synthesized, SYNTH_TIMEOUT_MS } from './support/synth.ts';

// Two tenants with opposite settings, built from fixture tables larger than today's.
const tenants = parseTenants({
  defaults: { mailFromDomain: 'eventos.example', alertEmail: 'ops@eventos.example' },
  tenants: [
    { name: 'alpha', corsOrigins: ['https://alpha.example', 'http://localhost:5173'] },
    {
      name: 'beta',
      mfa: 'optional',
      cognitoFeaturePlan: 'plus',
      createEmailIdentity: false,
      mailFromLocalPart: 'box-office',
      logLevel: 'DEBUG',
      logRetentionDays: 7,
      throttle: { rateLimit: 10, burstLimit: 20 },
    },
  ],
});

let synth: Synthesized;
let alpha: TenantStack;
let beta: TenantStack;
const t: Record<string, { parent: Template; features: Template[]; all: Template[] }> = {};

beforeAll(() => {
  // The real-stack test runs CloudFormation schema validation; here cdk-nag is enough.
  synth = synthTenants({ tenants, definitions: fixtureDefinitions, cloudFormationValidation: false });
  [alpha, beta] = synth.stacks as [TenantStack, TenantStack];
  t.alpha = templatesOf(alpha);
  t.beta = templatesOf(beta);
}, SYNTH_TIMEOUT_MS);

const idOf = (construct: IConstruct) => {
  const element = construct.node.defaultChild as CfnElement;
  return element.stack.getLogicalId(element);
};

describe('generic wiring from the route table', () => {
  it('makes one nested stack per feature and one route per entry', () => {
    expect(alpha.httpFeatures.map((g) => g.node.id)).toEqual(['HttpFeatureShop', 'HttpFeatureLedger']);
    const apiRoutes = t.alpha!.features.flatMap((g) => Object.values(resourcesOf(g, 'AWS::ApiGatewayV2::Route')));
    expect(apiRoutes.map((r) => r.Properties!.RouteKey).sort()).toEqual(fixtureRoutes.map(routeKey).sort());
    for (const route of fixtureRoutes) {
      const apiRoute = apiRoutes.find((r) => r.Properties!.RouteKey === routeKey(route))!;
      expect(apiRoute.Properties!.AuthorizationType, routeKey(route)).toBe(isPublic(route) ? 'NONE' : 'JWT');
    }
  });

  it('bundles one function per feature plus one per ownFunction route, each with the union of its routes’ access', () => {
    const [shop, ledger] = alpha.httpFeatures as [(typeof alpha.httpFeatures)[0], (typeof alpha.httpFeatures)[0]];
    expect([...shop.functions.keys()]).toEqual(['shop', 'shop/checkout']);
    expect([...ledger.functions.keys()]).toEqual(['ledger']);
    const shopTemplate = t.alpha!.features[0]!;
    expect(Object.keys(resourcesOf(shopTemplate, 'AWS::Lambda::Function'))).toHaveLength(2);
    // Four routes of three handlers share the feature function's one integration; the own function has its own.
    expect(Object.keys(resourcesOf(shopTemplate, 'AWS::ApiGatewayV2::Integration'))).toHaveLength(2);
    expect([...shop.functionOfRoute].filter(([, fn]) => fn === shop.functions.get('shop')).map(([key]) => key).sort()).toEqual(
      ['GET /ping', 'GET /v1/orders', 'GET /v1/orders/{id}', 'POST /v1/events/{id}/orders'].sort(),
    );

    const actionsOf = (feature: typeof shop, template: Template, name: string) => {
      const roleId = idOf(feature.functions.get(name)!.role);
      return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties!.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
        .flatMap((s) => [s.Action].flat());
    };
    const shopActions = actionsOf(shop, shopTemplate, 'shop');
    expect(shopActions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'events:PutEvents']));
    expect(shopActions.some((a) => a.startsWith('secretsmanager:'))).toBe(false);
    const checkoutActions = actionsOf(shop, shopTemplate, 'shop/checkout');
    expect(checkoutActions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'events:PutEvents', 'secretsmanager:GetSecretValue']));
    const ledgerActions = actionsOf(ledger, t.alpha!.features[1]!, 'ledger');
    expect(ledgerActions).toContain('dynamodb:GetItem');
    expect(ledgerActions).not.toContain('dynamodb:PutItem');
    expect(ledgerActions).not.toContain('events:PutEvents');
  });
});

describe('generic wiring from the routing table and schedules', () => {
  it('has exactly one bus rule per routing entry, matching detail-type and catalog source, with DLQ and retries', () => {
    const { parent } = t.alpha!;
    const busRules = Object.values(resourcesOf(parent, 'AWS::Events::Rule')).filter(
      (r) => JSON.stringify(r.Properties!.EventBusName) === JSON.stringify({ Ref: idOf(alpha.bus) }),
    );
    expect(busRules).toHaveLength(fixtureRouting.length);
    expect(alpha.consumers.size).toBe(fixtureRouting.length);
    for (const entry of fixtureRouting) {
      const rule = resourcesOf(parent)[idOf(alpha.consumers.get(entry.consumer)!.rule)]!;
      expect(rule.Properties!.EventPattern).toEqual({
        source: [...new Set(entry.detailTypes.map(sourceOf))],
        'detail-type': entry.detailTypes,
      });
      const [target] = rule.Properties!.Targets as { Arn: unknown; DeadLetterConfig: { Arn: unknown }; RetryPolicy: Record<string, number> }[];
      expect(target!.RetryPolicy.MaximumRetryAttempts).toBe(entry.retryAttempts);
      const queue = resourcesOf(parent)[logicalIdIn(target!.DeadLetterConfig.Arn)]!;
      expect(queue.Type).toBe('AWS::SQS::Queue');
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      parent.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdIn(target!.Arn) },
        MaximumRetryAttempts: Math.min(entry.retryAttempts, 2),
      });
    }
    // sync-crm listens to two detail-types from two sources.
    expect((resourcesOf(parent)[idOf(alpha.consumers.get('sync-crm')!.rule)]!.Properties!.EventPattern as { source: string[] }).source).toEqual([
      'eventos.ticketing',
      'eventos.crm',
    ]);
  });

  it('schedules every job at its rate, with a DLQ', () => {
    const { parent } = t.alpha!;
    const scheduled = Object.values(resourcesOf(parent, 'AWS::Events::Rule')).filter((r) => r.Properties!.ScheduleExpression);
    expect(scheduled).toHaveLength(fixtureSchedules.length);
    expect(scheduled.map((r) => r.Properties!.ScheduleExpression).sort()).toEqual(['rate(1 day)', 'rate(1 minute)']);
    for (const rule of scheduled) {
      const [target] = rule.Properties!.Targets as { DeadLetterConfig?: unknown; RetryPolicy: { MaximumEventAgeInSeconds: number } }[];
      expect(target!.DeadLetterConfig).toBeDefined();
      expect(target!.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(86_400);
    }
  });

  it('refuses retry counts and rates EventBridge cannot take', () => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const base = { ...fixtureDefinitions, routes: [] };
    expect(
      () =>
        new TenantStack(app, 'Bad1', {
          tenant: tenants[0]!,
          definitions: { ...base, routing: [{ consumer: 'x', handler: 'noop', detailTypes: ['event.published'], retryAttempts: 186 }] },
        }),
    ).toThrow(/retryAttempts must be an integer 0–185/);
    expect(
      () => new TenantStack(app, 'Bad2', { tenant: tenants[0]!, definitions: { ...base, routing: [], schedules: [{ name: 'y', handler: 'noop', rateMinutes: 0.5 }] } }),
    ).toThrow(/rateMinutes must be a whole number/);
  });
});

describe('tenant settings and isolation', () => {
  it('gives each tenant its own table, bus, user pool, secret and configuration set', () => {
    expect(synth.stacks.map((s) => s.stackName)).toEqual(['EventOS-alpha', 'EventOS-beta']);
    for (const [name, { parent }] of Object.entries(t)) {
      parent.hasResourceProperties('AWS::Events::EventBus', { Name: `eventos-${name}` });
      parent.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolName: `eventos-${name}` });
      parent.hasResourceProperties('AWS::SecretsManager::Secret', { Name: `eventos/${name}/stripe` });
      parent.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: `eventos-${name}` });
      parent.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    }
    // Nothing crosses stacks: no exports/imports between tenants.
    for (const { all } of Object.values(t)) {
      for (const template of all) expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    }
  });

  it('applies per-tenant CORS, throttling, log level/retention and mail-from', () => {
    t.alpha!.parent.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://alpha.example', 'http://localhost:5173'] }),
    });
    t.beta!.parent.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    t.beta!.parent.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    for (const template of t.beta!.all) {
      for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
        expect((fn.Properties!.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({
          CORS_ORIGINS: '',
          POWERTOOLS_LOG_LEVEL: 'DEBUG',
          MAIL_FROM: 'box-office@eventos.example',
          EVENTOS_TENANT: 'beta',
        });
      }
      for (const logGroup of Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
        if (logGroup.DeletionPolicy === 'Delete') expect(logGroup.Properties!.RetentionInDays).toBe(7);
      }
    }
  });

  it('switches Cognito plan/MFA and the SES identity from the tenant settings', () => {
    t.alpha!.parent.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', MfaConfiguration: 'ON' });
    t.beta!.parent.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      MfaConfiguration: 'OPTIONAL',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    t.alpha!.parent.resourceCountIs('AWS::SES::EmailIdentity', 1);
    t.alpha!.parent.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'eventos.example',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: idOf(alpha.configurationSet) } },
    });
    t.beta!.parent.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('passes cdk-nag with acknowledgements that follow the settings', () => {
    expect(violationsOf(synth.report)).toEqual([]);
    const a = reconcileAcknowledgements(alpha);
    const b = reconcileAcknowledgements(beta);
    expect(a.unacknowledged).toEqual([]);
    expect(b.unacknowledged).toEqual([]);
    expect(a.unused).toEqual([]);
    expect(b.unused).toEqual([]);
    const ids = (r: typeof a) => new Set(r.acknowledgements.map((x) => x.id));
    expect(ids(a).has('AwsSolutions-COG8')).toBe(true);
    expect(ids(a).has('AwsSolutions-COG2')).toBe(false);
    expect(ids(b).has('AwsSolutions-COG8')).toBe(false);
    expect(ids(b).has('AwsSolutions-COG2')).toBe(true);
    // One APIG4 acknowledgement per public route, on that route.
    expect(a.acknowledgements.filter((x) => x.id === 'AwsSolutions-APIG4')).toHaveLength(fixtureRoutes.filter(isPublic).length);
  });
});
