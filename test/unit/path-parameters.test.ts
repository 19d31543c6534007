import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';
import { createRouteMatcher } from '#packages/local/route-matcher.ts';

// Given: a route with a free-form string parameter, invoked as Lambda is when deployed (API Gateway's raw segment).
const route = defineRoute({
  operationId: 'testGetByName',
  method: 'GET',
  path: '/v1/names/{name}',
  handler: 'test/names',
  permission: null,
  summary: 'test',
  tag: 'test',
  request: { params: z.object({ name: z.string().check(z.minLength(1), z.maxLength(128)) }) },
  responses: { 200: { description: 'OK' } },
});

const handler = httpHandler(route, async ({ params }) => ok({ name: params.name }));

async function get(rawSegment: string) {
  const requestId = randomUUID();
  const event = {
    version: '2.0',
    routeKey: 'GET /v1/names/{name}',
    rawPath: `/v1/names/${rawSegment}`,
    rawQueryString: '',
    headers: {},
    pathParameters: { name: rawSegment },
    requestContext: { http: { method: 'GET', path: `/v1/names/${rawSegment}` }, requestId, routeKey: 'GET /v1/names/{name}' },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const res = (await handler(event, lambdaContext(route.operationId, requestId))) as APIGatewayProxyStructuredResultV2;
  return { status: res.statusCode, type: res.headers?.['content-type'], body: JSON.parse(res.body ?? 'null') };
}

describe('path parameters: percent-decoded once, malformed escapes are 400 (issue 11, item 6)', () => {
  it('answers 400 invalid_path problem+json for any malformed escape, in the handler stack itself', async () => {
    for (const bad of ['%zz', 'a%', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%%']) {
      const res = await get(bad);
      expect(res, bad).toMatchObject({ status: 400, type: 'application/problem+json' });
      expect(res.body, bad).toMatchObject({ status: 400, code: 'invalid_path', errors: [{ path: 'params.name' }] });
    }
  });

  it('decodes a well-formed segment exactly once', async () => {
    expect((await get('jo%40example.com')).body).toEqual({ name: 'jo@example.com' });
    expect((await get('100%2525')).body).toEqual({ name: '100%25' });
    expect((await get('caf%C3%A9')).body).toEqual({ name: 'café' });
  });

  it('the local route matcher hands segments on as sent, like API Gateway, and never throws', () => {
    const matcher = createRouteMatcher(routes);
    expect(matcher.match('GET', '/v1/contacts/%zz')).toMatchObject({ route: { operationId: 'getContact' }, pathParameters: { id: '%zz' } });
    expect(matcher.match('GET', '/v1/users/jo%40x')).toMatchObject({ pathParameters: { id: 'jo%40x' } });
  });
});
