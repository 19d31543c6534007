import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { defineRoute, type RouteDefinition } from '#packages/core/route.ts';
import { ROLES_CLAIM } from '#packages/auth/principal.ts';
import { httpHandler, type HttpResult } from '#packages/http/http-handler.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';

/**
 * Given: routes and a fake domain handler run through the real middy stack, on
 * the calling test file's DynamoDB Local table (the Idempotency-Key tests).
 */

export const protectedRoute = defineRoute({
  operationId: 'testCreateThing',
  method: 'POST',
  path: '/v1/things',
  handler: 'test/things',
  permission: 'contacts:write',
  summary: 'test',
  tag: 'test',
  request: { body: z.object({ name: z.string().check(z.minLength(1)), n: z.optional(z.number()) }) },
  responses: { 201: { description: 'Created' } },
});

export const publicRoute = defineRoute({
  operationId: 'testCreateOrder',
  method: 'POST',
  path: '/v1/events/{id}/orders',
  handler: 'test/orders',
  permission: null,
  summary: 'test',
  tag: 'test',
  request: { params: z.object({ id: z.string() }), body: z.object({ email: z.string() }) },
  responses: { 201: { description: 'Created' } },
});

export const getRoute = defineRoute({
  operationId: 'testListThings',
  method: 'GET',
  path: '/v1/things',
  handler: 'test/things-list',
  permission: 'contacts:read',
  summary: 'test',
  tag: 'test',
  responses: { 200: { description: 'OK' } },
});

export interface Call {
  body?: unknown;
  rawBody?: string;
  key?: string;
  sub?: string | null;
  /** The token's groups claim; admin by default. */
  roles?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
}

export function eventFor(route: RouteDefinition, call: Call = {}): APIGatewayProxyEventV2 {
  const sub = call.sub === undefined ? 'user-1' : call.sub;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...call.headers };
  if (call.key !== undefined) headers['idempotency-key'] = call.key;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => call.pathParameters?.[name] ?? name);
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    pathParameters: call.pathParameters,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(sub ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: { sub, [ROLES_CLAIM]: call.roles ?? '[admin]' }, scopes: [] } } } : {}),
    },
    body: call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** A handler under test plus how many times its domain function ran. */
export function given<R extends RouteDefinition>(route: R, impl: (input: { body: any; n: number }) => Promise<HttpResult>) {
  let runs = 0;
  const handler = httpHandler(route, async ({ body }) => impl({ body, n: ++runs }));
  const invoke = async (call: Call = {}) => {
    const event = eventFor(route, call);
    const res = (await handler(event, lambdaContext(route.operationId, event.requestContext.requestId))) as APIGatewayProxyStructuredResultV2;
    // Header names compared case-insensitively, as HTTP does (http-cors writes `Access-Control-Allow-Origin`).
    const headers = Object.fromEntries(Object.entries(res.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
    return { status: res.statusCode!, headers, text: res.body ?? '', body: res.body ? JSON.parse(res.body) : undefined };
  };
  return { invoke, runs: () => runs };
}

export const key = () => `key-${randomUUID()}`;

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
