import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { problem } from './problem.ts';
import { methodNotAllowed, unmatchedRoute, type PathMethods } from './unmatched-route.ts';

export type HttpLambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Loads a route's handler export: a dynamic `import()` of its file in a generated entry. */
export type HttpHandlerLoader = () => Promise<HttpLambdaHandler>;

export interface FeatureDispatcher extends HttpLambdaHandler {
  /** Route key (`GET /v1/orders/{id}`) → the loader of the handler export it calls: what the tests check. */
  readonly routes: Readonly<Record<string, HttpHandlerLoader>>;
}

/**
 * The Lambda handler of a feature function (infra/http-layout.ts): API
 * Gateway names the matched route in `event.routeKey`, and this calls that
 * route's handler, the same `packages/features/<feature>/http/<action>.ts` export the local
 * runner calls per route. The entry CDK bundles for each feature is generated
 * at synth (infra/http-entries.ts) and imports only that feature's handlers.
 *
 * Each handler is loaded on the first request for its route, not at import:
 * the bundler puts every route's module in a chunk of its own, so a cold
 * instance reads, parses and runs the code of the route it serves (and what
 * that route shares with others), not the code of all its feature's routes
 * (bench: bundles). A load that fails is not cached: the next request retries it.
 *
 * A route key this function does not serve means the API and the function
 * disagree (a route wired to the wrong function): 404 problem+json, never
 * another route's handler.
 */
export function featureDispatcher(
  name: string,
  routes: Record<string, HttpHandlerLoader>,
  options: {
    /** The function behind the API's `$default` route (infra: the system feature's) answers what no route matched: 405 with `Allow`, or 404. */
    unmatched?: PathMethods;
    /** Each path this function serves through an `ANY /path` route, with all the methods the route table has on it (the `Allow` of a 405). */
    any?: PathMethods;
  } = {},
): FeatureDispatcher {
  const table = new Map(Object.entries(routes));
  const unmatched = options.unmatched && unmatchedRoute(options.unmatched);
  const allowOnAny = new Map(options.any ?? []);
  const loaded = new Map<string, Promise<HttpLambdaHandler>>();
  const load = (key: string, loader: HttpHandlerLoader) => {
    let handler = loaded.get(key);
    if (!handler) {
      handler = loader();
      loaded.set(key, handler);
      handler.catch(() => loaded.delete(key));
    }
    return handler;
  };
  const dispatch = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    if (event.routeKey?.startsWith('ANY ')) return dispatchAny(event, context);
    const loader = table.get(event.routeKey);
    if (loader) return (await load(event.routeKey, loader))(event, context);
    if (unmatched && event.routeKey === '$default') return unmatched(event);
    return servesNoRoute(event.routeKey);
  };
  const servesNoRoute = (routeKey: string | undefined) =>
    problem({ status: 404, code: 'not_found', title: 'Not found', detail: `Function ${name} serves no route ${JSON.stringify(routeKey ?? null)}` });
  /**
   * An `ANY /path` route (packages/http/api-routes.ts): the method picks the
   * handler, which sees the event the method's own route would have given it
   * (`routeKey` `GET /path`, as the local API gives it); a method the route
   * table lacks on the path gets 405 with `Allow`, as the `$default` route answers.
   */
  const dispatchAny = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const path = event.routeKey.slice('ANY '.length);
    const method = event.requestContext?.http?.method ?? 'GET';
    const key = `${method} ${path}`;
    const loader = table.get(key);
    if (loader) return (await load(key, loader))({ ...event, routeKey: key, requestContext: { ...event.requestContext, routeKey: key } }, context);
    const allow = allowOnAny.get(path);
    if (!allow) return servesNoRoute(event.routeKey);
    // `ANY` also takes OPTIONS, which API Gateway answers itself for a path without one: a CORS preflight must get a 2xx (API Gateway adds the CORS headers).
    if (method === 'OPTIONS') return { statusCode: 204, headers: { allow: allow.join(', ') } };
    return methodNotAllowed(method, event.rawPath ?? path, allow.join(', '));
  };
  return Object.assign(dispatch, { routes: Object.freeze({ ...routes }) });
}
