import { NestedStack, Validations } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { isPublic, routeKey, type RouteDefinition } from '../../packages/api/route.ts';
import type { TenantSecret } from '../../packages/core/tenant-secrets.ts';
import { routeSecrets } from '../../packages/http/cursors/list-routes.ts';
import { EventosFunction } from './eventos-function.ts';
import { constructId } from './names.ts';

export interface HttpRouteGroupProps {
  /** The route table's `tag` these routes share (one nested stack per tag). */
  tag: string;
  routes: readonly RouteDefinition[];
  api: HttpApi;
  table: ITableV2;
  bus: IEventBus;
  environment: Record<string, string>;
  /** The tenant's secrets; a function gets only those its routes name. */
  secrets: Record<TenantSecret, ISecret>;
  /** The tenant's user pool: functions whose routes say `identityDirectory` manage users and groups in it. */
  userPool: IUserPool;
  logRetention: RetentionDays;
  functionsRoot?: string;
}

/**
 * The routes of one route-table tag and their Lambdas, in a nested stack.
 *
 * Each route costs about seven CloudFormation resources (function, role,
 * policy, log group, route, integration, invoke permission); the product's
 * ~80 routes would pass the 500-resource limit of one stack. Grouping by tag
 * keeps a route in the same nested stack for its whole life (moving a route
 * between nested stacks would make CloudFormation create the new route before
 * deleting the old one, and the route key would collide).
 *
 * One function per handler file: GET-only handlers get read access to the
 * table and no bus access; any other method gets read/write and PutEvents.
 */
export class HttpRouteGroup extends NestedStack {
  readonly functions = new Map<string, EventosFunction>();
  readonly routes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: HttpRouteGroupProps) {
    super(scope, id, { description: `EventOS HTTP routes tagged "${props.tag}"` });

    const byHandler = new Map<string, RouteDefinition[]>();
    for (const route of props.routes) byHandler.set(route.handler, [...(byHandler.get(route.handler) ?? []), route]);

    for (const [handler, routes] of byHandler) {
      const fn = new EventosFunction(this, constructId(handler), {
        kind: 'http',
        handler,
        description: routes.map(routeKey).join(', '),
        environment: props.environment,
        logRetention: props.logRetention,
        functionsRoot: props.functionsRoot,
      });
      const writes = routes.some((route) => route.method !== 'GET');
      fn.grantTable(props.table, writes ? 'readwrite' : 'read');
      if (writes) fn.grantPutEvents(props.bus);
      // A list route also reads the root of the cursor key (packages/http/cursors/cursor-key.ts).
      fn.grantSecrets(props.secrets, routes.flatMap(routeSecrets));
      if (routes.some((route) => route.identityDirectory)) fn.grantIdentityDirectory(props.userPool);
      if (routes.some((route) => route.probesDependencies)) fn.grantDependencyProbes(props.bus);
      this.functions.set(handler, fn);

      const integration = new HttpLambdaIntegration(`${constructId(handler)}Integration`, fn.function);
      for (const route of routes) {
        const httpRoute = new HttpRoute(this, constructId(route.operationId), {
          httpApi: props.api,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
          // Everything else falls back to the API's default authorizer: the tenant's Cognito JWT.
          ...(isPublic(route) && { authorizer: new HttpNoneAuthorizer() }),
        });
        if (isPublic(route)) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `Public by design: the route table gives ${routeKey(route)} ("${route.summary}") permission null, like the storefront, the Stripe webhook (signature-checked) and unsubscribe links. The handler does its own checks.`,
          });
        }
        this.routes.push(httpRoute);
      }
    }
  }
}
