import { NestedStack, Validations } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { TenantSecretRefs } from './tenant-secret-refs.ts';
import type { Construct } from 'constructs';
import { routeKey, type RouteDefinition } from '#packages/core/route.ts';
import type { ApiRoute } from '#packages/http/api-routes.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import type { PathMethods } from '#packages/http/unmatched-route.ts';
import { httpEntryFile } from '../http-entries.ts';
import { accessOf, type HttpFeatureSpec, type HttpFunctionSpec } from '../http-layout.ts';
import { EventosFunction } from './eventos-function.ts';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { constructId } from './names.ts';

export interface HttpFeatureDependencies {
  api: HttpApi;
  table: ITableV2;
  bus: IEventBus;
  environment: Record<string, string>;
  /** The tenant's secrets; a function gets only those its routes name. */
  secrets: TenantSecretRefs;
  /** The tenant's user pool: functions with an `identityDirectory` route manage users and groups in it. */
  userPool: IUserPool;
  logRetention: RetentionDays;
  tracing?: boolean;
  /** The tenant's file bucket: granted to functions whose routes declare `files`. */
  files: IBucket;
  /** Root holding http/ (tests point it at fixtures). */
  functionsRoot?: string;
}

/** The API's routes (packages/http/api-routes.ts) and every path's methods (the `Allow` of an `ANY` route's 405). */
export interface ApiRoutesOfTable {
  routes: readonly ApiRoute[];
  methods: PathMethods;
}

/** The API routes serving a function's routes: each must serve only routes of this function. */
function apiRoutesOf(spec: HttpFunctionSpec, all: readonly ApiRoute[]): ApiRoute[] {
  const mine = new Set(spec.routes);
  const served = all.filter((apiRoute) => apiRoute.routes.some((route) => mine.has(route)));
  for (const apiRoute of served) {
    if (!apiRoute.routes.every((route) => mine.has(route))) {
      throw new Error(`API route ${apiRoute.key} would serve routes of several functions (${spec.name} among them): packages/http/api-routes.ts mergeKey must keep them apart`);
    }
  }
  if (served.reduce((n, apiRoute) => n + apiRoute.routes.length, 0) !== spec.routes.length) throw new Error(`HTTP function ${spec.name}: some route has no API route`);
  return served;
}

const describeFunction = (fn: HttpFunctionSpec) =>
  fn.ownReason === undefined
    ? `Feature ${fn.feature}: ${fn.routes.map(routeKey).join(', ')}`
    : `${routeKey(fn.routes[0]!)} (own function: ${fn.ownReason})`;

/**
 * One feature of the route table in a nested stack: its feature function
 * (a dispatcher over the feature's routes) and the own functions of its
 * routes that have one, each with the union of its routes' access and no
 * more; and the API routes, each integrated with exactly one of them.
 *
 * Nested because each route costs CloudFormation resources of its own (route,
 * invoke permission) and the product's route count would pass the 500
 * resources of one stack.
 */
export class HttpFeatureStack extends NestedStack {
  readonly feature: string;
  /** By function name: the feature's name, or the handler of a route's own function. */
  readonly functions = new Map<string, EventosFunction>();
  /** By route key: the function serving it. */
  readonly functionOfRoute = new Map<string, EventosFunction>();
  /** By API Gateway route key (`ANY /v1/venues`, `POST /v1/events/{id}/check-ins`): the function it invokes. */
  readonly functionOfApiRoute = new Map<string, EventosFunction>();
  readonly routes: HttpRoute[] = [];

  /** The API's `$default` route, on the stack of the feature that answers unmatched requests (405 with Allow, or 404). */
  unmatchedRoute: HttpRoute | undefined;

  constructor(scope: Construct, id: string, props: HttpFeatureDependencies & { feature: HttpFeatureSpec; apiRoutes: ApiRoutesOfTable; unmatched?: PathMethods }) {
    super(scope, id, { description: `EventOS HTTP feature "${props.feature.feature}"` });
    this.feature = props.feature.feature;

    for (const spec of props.feature.functions) {
      const fnId = `Function${constructId(spec.name)}`;
      const served = apiRoutesOf(spec, props.apiRoutes.routes);
      const anyPaths = new Set(served.filter((r) => r.key.startsWith('ANY ')).map((r) => r.path));
      const access = accessOf(spec);
      const fn = new EventosFunction(this, fnId, {
        kind: 'http',
        handler: spec.name,
        entry: httpEntryFile(
          spec,
          props.functionsRoot,
          undefined,
          spec.ownReason === undefined ? props.unmatched : undefined,
          props.apiRoutes.methods.filter(([path]) => anyPaths.has(path)),
        ),
        description: describeFunction(spec),
        environment: props.environment,
        logRetention: props.logRetention,
        tracing: props.tracing,
        functionsRoot: props.functionsRoot,
        secrets: access.secrets,
      });
      fn.grantTable(props.table, access.writes ? 'readwrite' : 'read');
      if (access.writes) fn.grantPutEvents(props.bus);
      fn.grantSecrets(props.secrets, access.secrets);
      if (access.identityDirectory) fn.grantIdentityDirectory(props.userPool);
      if (access.probesDependencies) fn.grantDependencyProbes(props.bus);
      fn.grantFiles(props.files, access.files);
      this.functions.set(spec.name, fn);

      const integration = new HttpLambdaIntegration(`${fnId}Integration`, fn.function);
      for (const apiRoute of served) {
        this.routes.push(this.addRoute(apiRoute, props.api, integration));
        for (const route of apiRoute.routes) this.functionOfRoute.set(routeKey(route), fn);
        this.functionOfApiRoute.set(apiRoute.key, fn);
      }
      if (props.unmatched && spec.ownReason === undefined) {
        this.unmatchedRoute = new HttpRoute(this, 'UnmatchedRoute', {
          httpApi: props.api,
          routeKey: HttpRouteKey.DEFAULT,
          integration,
          // A 405 or 404 for anyone: it runs no handler and reads nothing.
          authorizer: new HttpNoneAuthorizer(),
        });
        Validations.of(this.unmatchedRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'The $default route answers only what no route of the table matched: 405 problem+json with Allow (the path exists under other methods) or 404. It runs no handler and reads no data, so it needs no authorizer.',
        });
        this.functionOfRoute.set('$default', fn);
      }
    }
  }

  private addRoute(apiRoute: ApiRoute, api: HttpApi, integration: HttpLambdaIntegration): HttpRoute {
    const [first] = apiRoute.routes as [RouteDefinition];
    const any = apiRoute.key.startsWith('ANY ');
    // A method route keeps its operation's construct id (and logical id); an ANY route is named after its operations.
    const id = any ? `Any${apiRoute.routes.map((route) => constructId(route.operationId)).join('')}` : constructId(first.operationId);
    const httpRoute = new HttpRoute(this, id, {
      httpApi: api,
      routeKey: HttpRouteKey.with(apiRoute.path, any ? HttpMethod.ANY : HttpMethod[first.method]),
      integration,
      // Everything else falls back to the API's default authorizer: the tenant's Cognito JWT.
      ...(apiRoute.public && { authorizer: new HttpNoneAuthorizer() }),
    });
    if (apiRoute.public) {
      const served = apiRoute.routes.map((route) => `${routeKey(route)} ("${route.summary}")`).join(', ');
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `Public by design: the route table gives ${served} permission null, like the storefront, the Stripe webhook (signature-checked) and unsubscribe links. The handler does its own checks${any ? '; the methods the table lacks on the path get 405' : ''}.`,
      });
    }
    return httpRoute;
  }
}
