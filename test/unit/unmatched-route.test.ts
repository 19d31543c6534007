import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpEntryFile } from '#infra/http-entries.ts';
import { httpFunctions } from '#infra/http-layout.ts';
import { routes } from '#packages/api/routes/index.ts';
import { createRouteMatcher } from '#packages/local/route-matcher.ts';
import type { FeatureDispatcher } from '#packages/http/feature-dispatcher.ts';
import { pathMethods, unmatchedRoute } from '#packages/http/unmatched-route.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';

/** What API Gateway hands the `$default` route's function. */
const unmatched = (method: string, rawPath: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'r-1', routeKey: '$default', http: { method, path: rawPath } },
  }) as unknown as APIGatewayProxyEventV2;

const problemOf = (result: APIGatewayProxyStructuredResultV2) => {
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(String(result.body)) as { status: number; code: string; detail: string };
};

describe('the $default route: 405 with Allow for a path that has other methods, else 404 (deployed as locally)', () => {
  const table = pathMethods([
    { method: 'GET', path: '/v1/venues' },
    { method: 'POST', path: '/v1/venues' },
    { method: 'GET', path: '/v1/venues/{id}' },
    { method: 'PATCH', path: '/v1/venues/{id}' },
    { method: 'POST', path: '/v1/venues/search' },
  ]);
  const answer = unmatchedRoute(table);

  it('answers 405 problem+json with Allow listing the path’s methods', async () => {
    const result = await answer(unmatched('DELETE', '/v1/venues'));
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('GET, POST');
    expect(problemOf(result)).toMatchObject({ status: 405, code: 'method_not_allowed', detail: 'DELETE is not allowed on /v1/venues; allowed: GET, POST' });
  });

  it('takes the most specific pattern: a literal segment wins over a parameter, as API Gateway matches', async () => {
    expect((await answer(unmatched('GET', '/v1/venues/search'))).headers?.allow).toBe('POST');
    expect((await answer(unmatched('PUT', '/v1/venues/01ABC'))).headers?.allow).toBe('GET, PATCH');
  });

  it('answers 404 problem+json for a path no route has', async () => {
    const result = await answer(unmatched('GET', '/v1/nowhere'));
    expect(result.statusCode).toBe(404);
    expect(result.headers?.allow).toBeUndefined();
    expect(problemOf(result)).toMatchObject({ status: 404, code: 'not_found' });
    expect((await answer(unmatched('GET', '/v1/venues/a/b'))).statusCode).toBe(404);
  });

  it('agrees with the local runner on every path of the route table', async () => {
    const all = unmatchedRoute(pathMethods(routes));
    const local = createRouteMatcher(routes);
    for (const route of routes) {
      const rawPath = route.path.replace(/\{[^}]+\}/g, 'x1');
      const result = await all(unmatched('HEAD', rawPath));
      expect(result.statusCode, rawPath).toBe(405);
      expect(result.headers?.allow, rawPath).toBe([...local.allowed(rawPath)].sort().join(', '));
    }
  });

  it('is served by the system function: its generated entry answers $default, its own routes as before', async () => {
    const system = httpFunctions(routes).find((fn) => fn.name === 'system')!;
    const file = httpEntryFile(system, undefined, undefined, pathMethods(routes));
    const { handler } = (await import(pathToFileURL(file).href)) as { handler: FeatureDispatcher };
    const result = await handler(unmatched('DELETE', '/v1/events/01ABC/agenda'), lambdaContext('test', 'r-1'));
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('GET');
    // Without the table (any other feature function), $default is a route it does not serve.
    const plain = (await import(pathToFileURL(httpEntryFile(system)).href)) as { handler: FeatureDispatcher };
    expect((await plain.handler(unmatched('DELETE', '/v1/events/01ABC/agenda'), lambdaContext('test', 'r-1'))).statusCode).toBe(404);
  });
});
