import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpEntryFile } from '#infra/http-entries.ts';
import { featureOf, functionByRouteKey, httpFunctions, httpLayout } from '#infra/http-layout.ts';
import { repoRoot } from '#infra/paths.ts';
import { handlerEntryPath, routeKey } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { featureDispatcher, type FeatureDispatcher, type HttpLambdaHandler } from '#packages/http/feature-dispatcher.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';

const event = (key: string, rawPath = '/'): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'r-1', routeKey: key, http: { method: key.split(' ')[0], path: rawPath } },
  }) as unknown as APIGatewayProxyEventV2;
const context = lambdaContext('test', 'r-1');

const expectNotFound = (result: APIGatewayProxyStructuredResultV2) => {
  expect(result.statusCode).toBe(404);
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  expect(JSON.parse(String(result.body))).toMatchObject({ status: 404, code: 'not_found', type: 'https://eventos.dev/problems/not_found' });
};

describe('featureDispatcher', () => {
  it('hands the event and context to the handler of event.routeKey, and only that one', async () => {
    const calls: string[] = [];
    const stub = (name: string): HttpLambdaHandler => async (e, c) => {
      calls.push(`${name} ${e.routeKey} ${c.awsRequestId}`);
      return { statusCode: 200, body: name };
    };
    const dispatch = featureDispatcher('orders', { 'GET /v1/orders/{id}': async () => stub('get'), 'POST /v1/orders/{id}/cancel': async () => stub('cancel') });
    expect(await dispatch(event('POST /v1/orders/{id}/cancel'), context)).toEqual({ statusCode: 200, body: 'cancel' });
    expect(await dispatch(event('GET /v1/orders/{id}'), context)).toEqual({ statusCode: 200, body: 'get' });
    expect(calls).toEqual(['cancel POST /v1/orders/{id}/cancel r-1', 'get GET /v1/orders/{id} r-1']);
  });

  it('answers 404 problem+json for a route key it does not serve (never another route’s handler)', async () => {
    let called = false;
    const dispatch = featureDispatcher('orders', { 'GET /v1/orders/{id}': async () => async () => ((called = true), { statusCode: 200 }) });
    const unknown = await dispatch(event('GET /v1/orders'), context);
    expectNotFound(unknown);
    expect(JSON.parse(String(unknown.body)).detail).toContain('GET /v1/orders');
    expectNotFound(await dispatch(event('GET /v1/orders/{id}/'), context));
    expectNotFound(await dispatch({ ...event('x'), routeKey: undefined } as unknown as APIGatewayProxyEventV2, context));
    expect(called).toBe(false);
  });

  it('loads a route’s handler on its first request only, and retries a load that failed', async () => {
    const loads: string[] = [];
    let failNext = true;
    const dispatch = featureDispatcher('orders', {
      'GET /v1/orders/{id}': async () => {
        loads.push('get');
        return async () => ({ statusCode: 200 });
      },
      'POST /v1/orders/{id}/cancel': async () => {
        loads.push('cancel');
        if (failNext) {
          failNext = false;
          throw new Error('chunk unreadable');
        }
        return async () => ({ statusCode: 202 });
      },
    });
    expect(loads).toEqual([]);
    await Promise.all([dispatch(event('GET /v1/orders/{id}'), context), dispatch(event('GET /v1/orders/{id}'), context)]);
    await dispatch(event('GET /v1/orders/{id}'), context);
    expect(loads).toEqual(['get']);
    await expect(dispatch(event('POST /v1/orders/{id}/cancel'), context)).rejects.toThrow('chunk unreadable');
    expect((await dispatch(event('POST /v1/orders/{id}/cancel'), context)).statusCode).toBe(202);
    await dispatch(event('POST /v1/orders/{id}/cancel'), context);
    expect(loads).toEqual(['get', 'cancel', 'cancel']);
  });
});

describe('the deployed layout (infra/http-layout.ts)', () => {
  it('puts every route of the route table in exactly one function', () => {
    for (const layout of [httpFunctions(routes), httpFunctions(routes, { ownFunctions: false })]) {
      const keys = layout.flatMap((fn) => fn.routes.map(routeKey));
      expect(keys.sort()).toEqual(routes.map(routeKey).sort());
      expect(functionByRouteKey(layout).size).toBe(routes.length);
    }
    for (const feature of httpLayout(routes)) {
      for (const fn of feature.functions) for (const route of fn.routes) expect(featureOf(route), routeKey(route)).toBe(feature.feature);
    }
  });

  it('generates, per feature, an entry whose dispatcher loads, for each of its route keys, that route’s handler file export', async () => {
    const features = httpFunctions(routes).filter((fn) => fn.ownReason === undefined);
    expect(features.length).toBeGreaterThan(5);
    for (const fn of features) {
      const entry = (await import(pathToFileURL(httpEntryFile(fn)).href)) as { handler: FeatureDispatcher };
      expect(Object.keys(entry.handler.routes).sort(), fn.name).toEqual(fn.routes.map(routeKey).sort());
      for (const route of fn.routes) {
        // The very export the local runner calls for this route (same module, same function object).
        const own = (await import(pathToFileURL(path.join(repoRoot, handlerEntryPath(route.handler))).href)) as { handler: unknown };
        expect(await entry.handler.routes[routeKey(route)]!(), `${fn.name}: ${routeKey(route)} → ${route.handler}`).toBe(own.handler);
      }
      expectNotFound(await entry.handler(event('GET /v1/no-such-route'), context));
    }
  }, 120_000);

  it('serves a real request through the generated entry (GET /health in the system feature)', async () => {
    const system = httpFunctions(routes).find((fn) => fn.name === 'system')!;
    const entry = (await import(pathToFileURL(httpEntryFile(system)).href)) as { handler: FeatureDispatcher };
    const result = await entry.handler(event('GET /health', '/health'), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(String(result.body))).toEqual({ status: 'ok' });
  });
});
