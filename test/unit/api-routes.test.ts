import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpEntryFile } from '#infra/http-entries.ts';
import { httpFunctions } from '#infra/http-layout.ts';
import { deployedApiRoutes } from '#infra/route-throttles.ts';
import { routes } from '#packages/api/routes/index.ts';
import { routeKey, type RouteDefinition } from '#packages/core/route.ts';
import { apiRoutes, patternsOverlap } from '#packages/http/api-routes.ts';
import { featureDispatcher, type FeatureDispatcher, type HttpLambdaHandler } from '#packages/http/feature-dispatcher.ts';
import { pathMethods } from '#packages/http/unmatched-route.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';

const route = (method: RouteDefinition['method'], path: string, handler: string, permission: string | null = 'venues:read', extra: Partial<RouteDefinition> = {}) =>
  ({ operationId: `${method}${path}`, method, path, handler, permission, summary: 's', tag: 't', ...extra }) as unknown as RouteDefinition;

/** What API Gateway hands the function of an `ANY /path` route. */
const anyEvent = (method: string, path: string, rawPath: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: `ANY ${path}`,
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'r-1', routeKey: `ANY ${path}`, http: { method, path: rawPath } },
  }) as unknown as APIGatewayProxyEventV2;

describe('API routes: one per (path, function, authorizer, throttle)', () => {
  it('merges the methods of a path one function serves with one authorizer into ANY, and keeps the rest apart', () => {
    const table = [
      route('GET', '/v1/venues', 'venues/list'),
      route('POST', '/v1/venues', 'venues/create'),
      route('GET', '/v1/venues/{id}', 'venues/get'),
      // Public beside authed on one path: never one route.
      route('GET', '/v1/events/{id}/tables', 'tables/list', null),
      route('POST', '/v1/events/{id}/tables', 'tables/create'),
      // A function of its own, beside the feature function's method.
      route('POST', '/v1/events/{id}/orders', 'orders/create', null, { ownFunction: 'the storefront under a sale' }),
      route('GET', '/v1/events/{id}/orders', 'orders/list', null),
    ];
    const keys = apiRoutes(table).map((r) => [r.key, r.routes.map(routeKey), r.public]);
    expect(keys).toEqual([
      ['ANY /v1/venues', ['GET /v1/venues', 'POST /v1/venues'], false],
      ['GET /v1/venues/{id}', ['GET /v1/venues/{id}'], false],
      ['GET /v1/events/{id}/tables', ['GET /v1/events/{id}/tables'], true],
      ['POST /v1/events/{id}/tables', ['POST /v1/events/{id}/tables'], false],
      ['POST /v1/events/{id}/orders', ['POST /v1/events/{id}/orders'], true],
      ['GET /v1/events/{id}/orders', ['GET /v1/events/{id}/orders'], true],
    ]);
  });

  it('gives a path one ANY at most: the largest group, authed on a tie; the others keep their methods', () => {
    const table = [
      route('GET', '/v1/x', 'a/get', null),
      route('DELETE', '/v1/x', 'a/delete', null),
      route('POST', '/v1/x', 'a/post'),
      route('PUT', '/v1/x', 'a/put'),
    ];
    expect(apiRoutes(table).map((r) => r.key)).toEqual(['GET /v1/x', 'DELETE /v1/x', 'ANY /v1/x']);
    expect(apiRoutes(table, (r) => r.handler).map((r) => r.key)).toEqual(['GET /v1/x', 'DELETE /v1/x', 'POST /v1/x', 'PUT /v1/x']);
  });

  it('keeps every method of a path whose pattern another path overlaps: ANY there would take the other path’s requests', () => {
    expect(patternsOverlap('/v1/users/{id}', '/v1/users/me')).toBe(true);
    expect(patternsOverlap('/v1/users/{id}', '/v1/users/{id}/roles')).toBe(false);
    expect(patternsOverlap('/v1/users/{id}', '/v1/venues/{id}')).toBe(false);
    const table = [route('GET', '/v1/users/{id}', 'users/get'), route('PATCH', '/v1/users/{id}', 'users/update'), route('GET', '/v1/users/me', 'users/me')];
    expect(apiRoutes(table).map((r) => r.key)).toEqual(['GET /v1/users/{id}', 'PATCH /v1/users/{id}', 'GET /v1/users/me']);
  });

  it('serves every route of the product’s table exactly once, under the quota of 300 routes per API with room to spare', () => {
    const api = apiRoutes(routes);
    expect(api.flatMap((r) => r.routes.map(routeKey)).sort()).toEqual(routes.map(routeKey).sort());
    expect(new Set(api.map((r) => r.key)).size).toBe(api.length);
    // + the `$default` route; infra's throttles keep three more apart at most (test/infra checks the synthesized count).
    expect(api.length + 1).toBeLessThanOrEqual(260);
    expect(api.length).toBeLessThan(routes.length);
  });

  it('gives the local API (no throttles) the route keys the stack deploys (throttled routes kept apart)', () => {
    expect(apiRoutes(routes).map((r) => [r.key, r.public])).toEqual(deployedApiRoutes(routes).map((r) => [r.key, r.public]));
    // A throttle on a merged method would split it off: its bucket is its own.
    const venues = routes.filter((r) => r.path === '/v1/venues');
    const split = deployedApiRoutes(venues, { 'POST /v1/venues': { rateLimit: 1, burstLimit: 1, why: 'a test of keeping a throttled route apart' } });
    expect(split.map((r) => r.key).sort()).toEqual(['GET /v1/venues', 'POST /v1/venues']);
  });
});

describe('an ANY route’s function: the method picks the handler, a method the table lacks gets 405 with Allow', () => {
  const calls: string[] = [];
  const stub = (name: string): HttpLambdaHandler => async (e) => {
    calls.push(`${name} ${e.routeKey} ${e.requestContext.routeKey}`);
    return { statusCode: 200, body: name };
  };
  const dispatch = featureDispatcher(
    'venues',
    { 'GET /v1/venues': async () => stub('list'), 'POST /v1/venues': async () => stub('create') },
    { any: [['/v1/venues', ['GET', 'POST', 'PUT']]] },
  );
  const context = lambdaContext('test', 'r-1');

  it('calls the method’s handler with the event its own route would give', async () => {
    expect(await dispatch(anyEvent('POST', '/v1/venues', '/v1/venues'), context)).toEqual({ statusCode: 200, body: 'create' });
    expect(await dispatch(anyEvent('GET', '/v1/venues', '/v1/venues'), context)).toEqual({ statusCode: 200, body: 'list' });
    expect(calls).toEqual(['create POST /v1/venues POST /v1/venues', 'list GET /v1/venues GET /v1/venues']);
  });

  it('answers 405 problem+json with Allow (the path’s methods in the whole table) for a method the table lacks', async () => {
    const result = await dispatch(anyEvent('DELETE', '/v1/venues', '/v1/venues'), context);
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('GET, POST, PUT');
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(result.body))).toMatchObject({ status: 405, code: 'method_not_allowed' });
    // A CORS preflight reaching an ANY route must get a 2xx.
    expect((await dispatch(anyEvent('OPTIONS', '/v1/venues', '/v1/venues'), context)).statusCode).toBe(204);
    // A path this function serves through no ANY route: the API and the function disagree.
    expect((await dispatch(anyEvent('DELETE', '/v1/other', '/v1/other'), context)).statusCode).toBe(404);
  });

  it('does the same in a generated feature entry for the product’s table', async () => {
    const api = apiRoutes(routes);
    const merged = api.find((r) => r.key.startsWith('ANY ') && r.routes.every((x) => x.handler.startsWith('venues/')))!;
    expect(merged, 'some venues path has several methods').toBeDefined();
    const sales = httpFunctions(routes).find((fn) => fn.routes.includes(merged.routes[0]!))!;
    const methods = pathMethods(routes).filter(([p]) => p === merged.path);
    const entry = (await import(pathToFileURL(httpEntryFile(sales, undefined, undefined, undefined, methods)).href)) as { handler: FeatureDispatcher };
    const rawPath = merged.path.replace(/\{[^}]+\}/g, '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    const result = await entry.handler(anyEvent('PUT', merged.path, rawPath), context);
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe(methods[0]![1].join(', '));
    expect(result.headers?.allow).not.toContain('PUT');
  });
});
