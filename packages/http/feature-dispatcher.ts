import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { problem } from './problem.ts';

export type HttpLambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface FeatureDispatcher extends HttpLambdaHandler {
  /** Route key (`GET /v1/orders/{id}`) → the handler export it calls: what the tests check. */
  readonly routes: Readonly<Record<string, HttpLambdaHandler>>;
}

/**
 * The Lambda handler of a feature function (infra/http-layout.ts): API
 * Gateway names the matched route in `event.routeKey`, and this calls that
 * route's handler, the same `packages/features/<feature>/http/<action>.ts` export the local
 * runner calls per route. The entry CDK bundles for each feature is generated
 * at synth (infra/http-entries.ts) and imports only that feature's handlers.
 *
 * A route key this function does not serve means the API and the function
 * disagree (a route wired to the wrong function): 404 problem+json, never
 * another route's handler.
 */
export function featureDispatcher(name: string, routes: Record<string, HttpLambdaHandler>): FeatureDispatcher {
  const table = new Map(Object.entries(routes));
  const dispatch = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const handler = table.get(event.routeKey);
    if (handler) return handler(event, context);
    return problem({
      status: 404,
      code: 'not_found',
      title: 'Not found',
      detail: `Function ${name} serves no route ${JSON.stringify(event.routeKey ?? null)}`,
    });
  };
  return Object.assign(dispatch, { routes: Object.freeze({ ...routes }) });
}
