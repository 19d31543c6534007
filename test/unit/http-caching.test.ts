import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { defineRoute } from '#packages/core/route.ts';
import { cacheDeclarationProblem, withCaching } from '#packages/http/http-caching.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';
import { anonymousEvent } from '../support/http-events.ts';

const publicGet = defineRoute({
  operationId: 'testCached',
  method: 'GET',
  path: '/v1/test-cached',
  handler: 'test/cached',
  permission: null,
  summary: 'test',
  tag: 'test',
  responses: { 200: { description: 'OK' }, 304: { description: 'Not modified' } },
  cache: { maxAgeSeconds: 5 },
});
const withHeaders = (headers: Record<string, string>) => ({ headers }) as Pick<APIGatewayProxyEventV2, 'headers'>;

describe('Cache-Control, ETag and 304 on the public GETs that declare `cache`', () => {
  it('adds public max-age and a strong ETag of the body; the same body, the same tag', () => {
    const a = withCaching(publicGet, withHeaders({}), { status: 200, body: { seats: 3 } });
    const b = withCaching(publicGet, withHeaders({}), { status: 200, body: { seats: 3 } });
    const c = withCaching(publicGet, withHeaders({}), { status: 200, body: { seats: 2 } });
    expect(a.headers).toMatchObject({ 'cache-control': 'public, max-age=5', etag: expect.stringMatching(/^"[A-Za-z0-9_-]{27}"$/) });
    expect(b.headers!.etag).toBe(a.headers!.etag);
    expect(c.headers!.etag).not.toBe(a.headers!.etag);
    expect(a.body).toEqual({ seats: 3 });
  });

  it('answers 304 without a body when If-None-Match names the ETag (any case, in a list, weak, or *), else the full 200', () => {
    const full = withCaching(publicGet, withHeaders({}), { status: 200, body: { seats: 3 } });
    const etag = full.headers!.etag!;
    for (const given of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const result = withCaching(publicGet, withHeaders({ 'If-None-Match': given }), { status: 200, body: { seats: 3 } });
      expect(result, given).toEqual({ status: 304, headers: { 'cache-control': 'public, max-age=5', etag } });
    }
    expect(withCaching(publicGet, withHeaders({ 'if-none-match': '"stale"' }), { status: 200, body: { seats: 3 } }).status).toBe(200);
  });

  it('keeps the handler’s own ETag (a schedule release), and leaves errors and routes without `cache` alone', () => {
    const own = withCaching(publicGet, withHeaders({ 'if-none-match': '"v7"' }), { status: 200, body: {}, headers: { etag: '"v7"' } });
    expect(own.status).toBe(304);
    expect(withCaching(publicGet, withHeaders({}), { status: 404, body: {} }).headers).toBeUndefined();
    const { cache: _, ...uncached } = publicGet;
    expect(withCaching(uncached, withHeaders({}), { status: 200, body: {} }).headers).toBeUndefined();
  });

  it('refuses `cache` on anything but a public GET: shared caches keep only what anyone may read', () => {
    expect(cacheDeclarationProblem({ ...publicGet, permission: 'events:read' })).toMatch(/public GET routes only/);
    expect(cacheDeclarationProblem({ ...publicGet, method: 'POST' })).toMatch(/public GET routes only/);
    expect(cacheDeclarationProblem({ ...publicGet, cache: { maxAgeSeconds: 0 } })).toMatch(/≥ 1/);
    expect(() => httpHandler({ ...publicGet, permission: 'events:read' }, async () => ok({}))).toThrow(/public GET routes only/);
    for (const route of routes) expect(cacheDeclarationProblem(route), route.operationId).toBeUndefined();
    // The ones the issue names: availability briefly, the agenda longer.
    const maxAge = (operationId: string) => routes.find((r) => r.operationId === operationId)?.cache?.maxAgeSeconds;
    expect(maxAge('getAvailability')).toBe(5);
    expect(maxAge('getAgenda')).toBe(300);
    expect(maxAge('getAgendaCalendar')).toBe(300);
  });

  it('runs in the http stack: 200 with the headers, then 304 for the same ETag', async () => {
    const handler = httpHandler(publicGet, async () => ok({ seats: 3 }));
    const first = await handler(anonymousEvent(publicGet), lambdaContext('t', 'r-1'));
    expect(first.statusCode).toBe(200);
    expect(first.headers?.['cache-control']).toBe('public, max-age=5');
    const conditional = anonymousEvent(publicGet);
    conditional.headers = { ...conditional.headers, 'if-none-match': String(first.headers?.etag) };
    const again = await handler(conditional, lambdaContext('t', 'r-2'));
    expect(again.statusCode).toBe(304);
    expect(again.body).toBeUndefined();
  });
});
