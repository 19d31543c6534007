import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '#packages/core/route.ts';
import { pathMethods } from '#packages/http/unmatched-route.ts';
import { UNMATCHED_ROUTE_FEATURE } from '../http-entries.ts';
import { httpLayout } from '../http-layout.ts';
import { deployedApiRoutes, stageRouteSettings } from '../route-throttles.ts';
import type { TenantConfig } from '../tenants.ts';
import { Concern } from './concern.ts';
import { HttpFeatureStack, type HttpFeatureDependencies } from './http-feature-stack.ts';
import { constructId } from './names.ts';

/** API Gateway's default quota of routes per HTTP API (adjustable in Service Quotas). */
const API_ROUTES_QUOTA = 300;

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

/**
 * The tenant's HTTP API: JWT authorizer on its user pool (the default for
 * every route; public routes opt out), CORS, the throttled `$default` stage
 * with JSON access logs, and, through addRoutes(), one nested stack per
 * feature of the route table.
 */
export class TenantHttpApi extends Concern {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly features: HttpFeatureStack[] = [];
  private readonly tenant: TenantConfig;

  constructor(scope: Construct, id: string, props: { tenant: TenantConfig; userPool: IUserPool; userPoolClient: IUserPoolClient }) {
    super(scope, id);
    const { tenant } = props;
    this.tenant = tenant;
    const prefix = `eventos-${tenant.name}`;
    const stack = Stack.of(this);
    const issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${props.userPool.userPoolId}`;
    this.api = new HttpApi(this, 'Api', {
      apiName: prefix,
      description: `EventOS API of tenant ${tenant.name}`,
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('CognitoJwt', issuer, {
        authorizerName: `${prefix}-cognito`,
        jwtAudience: [props.userPoolClient.userPoolClientId],
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
  }

  /** One nested stack per feature (infra/http-layout.ts) with its functions and routes. */
  addRoutes(routes: readonly RouteDefinition[], dependencies: Omit<HttpFeatureDependencies, 'api'>): HttpFeatureStack[] {
    // One `$default` route answers what no route matched (405 with Allow, or 404), in the system feature's function.
    const unmatched = pathMethods(routes);
    // One API route per (path, function, authorizer, throttle): `ANY /path` where several methods share them (quota: 300 routes per API).
    const api = { routes: deployedApiRoutes(routes, undefined, { mergeAuthed: this.tenant.corsOrigins.length === 0 }), methods: unmatched };
    const count = api.routes.length + 1;
    if (count > API_ROUTES_QUOTA) {
      // Info, not a warning: the app fails synth on any warning, and over the quota is deployable once it is raised.
      Annotations.of(this).addInfo(
        `${count} API routes, over API Gateway's default quota of ${API_ROUTES_QUOTA} Routes per API: raise it before deploying (docs/operations.md, 1. Bootstrap)`,
      );
    }
    for (const feature of httpLayout(routes)) {
      this.features.push(
        new HttpFeatureStack(this, `HttpFeature${constructId(feature.feature)}`, {
          feature,
          ...dependencies,
          api: this.api,
          apiRoutes: api,
          ...(feature.feature === UNMATCHED_ROUTE_FEATURE && { unmatched }),
        }),
      );
    }
    this.throttleRoutes(routes);
    return this.features;
  }

  /**
   * Per-route throttles (infra/route-throttles.ts) on the stage. API Gateway
   * refuses a route setting whose route key does not exist yet, and the routes
   * live in the nested stacks: the stage waits for the ones it names.
   */
  private throttleRoutes(routes: readonly RouteDefinition[]): void {
    const settings = stageRouteSettings(routes, this.tenant.throttle);
    if (Object.keys(settings).length === 0) return;
    (this.stage.node.defaultChild as CfnStage).routeSettings = settings;
    for (const feature of this.features) {
      if (Object.keys(settings).some((key) => feature.functionOfRoute.has(key))) {
        this.stage.node.addDependency(feature);
      }
    }
  }
}
