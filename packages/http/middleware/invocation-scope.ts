import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '#packages/core/route.ts';
import { loadSecrets, runWithSecrets } from '#packages/core/secrets/index.ts';
import { routeSecrets } from '../cursors/list-routes.ts';
import { withLogScope } from '#packages/core/logger.ts';
import { withMetrics } from '#packages/core/metrics.ts';

type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Wraps the whole middy stack, so that every line of the invocation (the
 * error mapper's too) is written by this route's own logger, with its
 * operationId and correlation id (the request id, as `ctx.correlationId`).
 */
export function routeLogScope(route: RouteDefinition, handler: HttpLambda): HttpLambda {
  return (event, context) =>
    withLogScope(
      { route: route.operationId, correlationId: event.requestContext?.requestId ?? context.awsRequestId },
      context,
      () => withMetrics(() => handler(event, context)),
    );
}

/**
 * The handler's domain call runs with the secrets its route declares, loaded
 * (cached, refreshed every few minutes) after the request has been
 * authorized and validated (a list route's include the cursor key's root). A route that declares none runs with none, so a
 * secret it forgot to declare fails locally as it would deployed. A failed
 * load propagates untouched, to be mapped like any dependency fault.
 */
export function withRouteSecrets<I, O>(route: RouteDefinition, fn: (input: I) => Promise<O>): (input: I) => Promise<O> {
  const names = routeSecrets(route);
  return async (input) => runWithSecrets(await loadSecrets(names), () => fn(input));
}
