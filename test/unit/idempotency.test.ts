import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute, type RouteDefinition } from '../../packages/api/route.ts';
import { ROLES_CLAIM } from '../../packages/auth/principal.ts';
import { db } from '../../packages/core/db/service.ts';
import { conflict } from '../../packages/core/errors.ts';
import { created, httpHandler, ok, type HttpResult } from '../../packages/http/http-handler.ts';
import { acquire, complete, RECORD_TTL_SECONDS } from '../../packages/http/idempotency-store.ts';
import { fingerprintOf } from '../../packages/http/middleware/idempotency.ts';
import { lambdaContext } from '../../packages/local/api-gateway-event.ts';

// Given: routes and a fake domain handler run through the real middy stack, on this file's DynamoDB Local table.

const protectedRoute = defineRoute({
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

const publicRoute = defineRoute({
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

const getRoute = defineRoute({
  operationId: 'testListThings',
  method: 'GET',
  path: '/v1/things',
  handler: 'test/things-list',
  permission: 'contacts:read',
  summary: 'test',
  tag: 'test',
  responses: { 200: { description: 'OK' } },
});

interface Call {
  body?: unknown;
  rawBody?: string;
  key?: string;
  sub?: string | null;
  /** The token's groups claim; admin by default. */
  roles?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
}

function eventFor(route: RouteDefinition, call: Call = {}): APIGatewayProxyEventV2 {
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
function given<R extends RouteDefinition>(route: R, impl: (input: { body: any; n: number }) => Promise<HttpResult>) {
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

const key = () => `key-${randomUUID()}`;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Idempotency-Key on POST', () => {
  it('replays the first response with Idempotent-Replayed: true; the handler runs once', async () => {
    const api = given(protectedRoute, async ({ body, n }) => created({ id: `thing-${n}`, name: body.name }));
    const k = key();
    const first = await api.invoke({ key: k, body: { name: 'a', n: 1 } });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await api.invoke({ key: k, body: { name: 'a', n: 1 } });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe('application/json');

    // The same JSON serialized differently (key order, whitespace) is the same request.
    const reordered = await api.invoke({ key: k, rawBody: '{ "n": 1,\n  "name": "a" }' });
    expect(reordered.text).toBe(first.text);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(api.runs()).toBe(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body, without running the handler', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const k = key();
    expect((await api.invoke({ key: k, body: { name: 'a' } })).status).toBe(201);
    const reused = await api.invoke({ key: k, body: { name: 'b' } });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toBe('application/problem+json');
    expect(reused.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // An invalid body is refused as invalid before the key is looked at.
    expect((await api.invoke({ key: k, body: { name: '' } })).body.code).toBe('validation_failed');
    expect(api.runs()).toBe(1);
  });

  it('authorizes a replay like a new request: a token that lost the permission gets 403, not the stored response', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const k = key();
    expect((await api.invoke({ key: k, body: { name: 'a' } })).status).toBe(201);
    // Same user, same key, same body, but now a scanner: contacts:write is gone.
    const demoted = await api.invoke({ key: k, roles: '[scanner]', body: { name: 'a' } });
    expect(demoted.status).toBe(403);
    expect(demoted.body.code).toBe('forbidden');
    expect(demoted.headers['idempotent-replayed']).toBeUndefined();
    expect(demoted.text).not.toContain('thing-1');
    // Nor may it learn that the key was used for another body.
    expect((await api.invoke({ key: k, roles: '[scanner]', body: { name: 'b' } })).status).toBe(403);
    // Entitled again: the replay.
    expect((await api.invoke({ key: k, body: { name: 'a' } })).headers['idempotent-replayed']).toBe('true');
    expect(api.runs()).toBe(1);
  });

  it('claims the key only once the request is authorized and valid: refused requests neither wait for nor hold it', async () => {
    const entered = deferred();
    const release = deferred();
    const api = given(protectedRoute, async ({ n }) => {
      entered.resolve();
      await release.promise;
      return created({ id: `thing-${n}` });
    });
    const k = key();
    const first = api.invoke({ key: k, body: { name: 'slow' } });
    await entered.promise;
    // While the first holds the key, refused requests are answered for what they are, not 409.
    expect((await api.invoke({ key: k, body: { name: '' } })).body.code).toBe('validation_failed');
    expect((await api.invoke({ key: k, roles: '[scanner]', body: { name: 'slow' } })).body.code).toBe('forbidden');
    expect((await api.invoke({ key: k, rawBody: '{"name":' })).body.code).toBe('invalid_json');
    release.resolve();
    expect((await first).status).toBe(201);
    expect(api.runs()).toBe(1);
  });

  it('answers 409 idempotency_in_progress while the first request is in flight, then replays it', async () => {
    const entered = deferred();
    const release = deferred();
    const api = given(protectedRoute, async ({ n }) => {
      entered.resolve();
      await release.promise;
      return created({ id: `thing-${n}` });
    });
    const k = key();
    const first = api.invoke({ key: k, body: { name: 'slow' } });
    await entered.promise;

    const concurrent = await Promise.all([1, 2, 3].map(() => api.invoke({ key: k, body: { name: 'slow' } })));
    for (const res of concurrent) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('idempotency_in_progress');
    }

    release.resolve();
    const done = await first;
    expect(done.status).toBe(201);
    const after = await api.invoke({ key: k, body: { name: 'slow' } });
    expect(after.text).toBe(done.text);
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(api.runs()).toBe(1);
  });

  it('lets exactly one of many simultaneous first requests run', async () => {
    const release = deferred();
    const api = given(protectedRoute, async ({ n }) => {
      await release.promise;
      return created({ id: `thing-${n}` });
    });
    const k = key();
    // The winner holds its lock until the 7 others have been answered.
    let answered = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.invoke({ key: k, body: { name: 'race' } }).then((res) => {
          if (++answered === 7) release.resolve();
          return res;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'idempotency_in_progress')).toHaveLength(7);
    expect(api.runs()).toBe(1);
  });

  it('runs the handler once under a storm of identical requests (the rest: 409 or a replay)', async () => {
    const api = given(protectedRoute, async ({ n }) => {
      await new Promise((r) => setTimeout(r, 20));
      return created({ id: `thing-${n}` });
    });
    const k = key();
    const results = await Promise.all(Array.from({ length: 12 }, () => api.invoke({ key: k, body: { name: 'storm' } })));
    expect(api.runs()).toBe(1);
    expect(results.filter((r) => r.status === 201 && !r.headers['idempotent-replayed'])).toHaveLength(1);
    for (const r of results) {
      if (r.status === 201) expect(r.body.id).toBe('thing-1');
      else expect(r.body.code).toBe('idempotency_in_progress');
    }
  });

  it('does not cache a 5xx: the retry runs the handler again, and its success is then replayed', async () => {
    const api = given(protectedRoute, async ({ n }) => {
      if (n === 1) throw new Error('DynamoDB hiccup');
      return created({ id: `thing-${n}` });
    });
    const k = key();
    const failed = await api.invoke({ key: k, body: { name: 'x' } });
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe('internal_error');

    const retried = await api.invoke({ key: k, body: { name: 'x' } });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body.id).toBe('thing-2');

    const replayed = await api.invoke({ key: k, body: { name: 'x' } });
    expect(replayed.body.id).toBe('thing-2');
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(api.runs()).toBe(2);
  });

  it('replays a thrown domain error as the final mapped problem response', async () => {
    const api = given(protectedRoute, async ({ n }) => {
      throw conflict('duplicate', `Already there (run ${n})`, { existingId: 'thing-0' });
    });
    const k = key();
    const first = await api.invoke({ key: k, body: { name: 'dup' } });
    expect(first.status).toBe(409);
    expect(first.headers['content-type']).toBe('application/problem+json');
    expect(first.body).toMatchObject({ code: 'duplicate', existingId: 'thing-0', detail: 'Already there (run 1)' });

    const again = await api.invoke({ key: k, body: { name: 'dup' } });
    expect(again.status).toBe(409);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe('application/problem+json');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(api.runs()).toBe(1);
  });

  it('stores nothing for a request refused before the handler ran (schema validation), so the fixed retry runs', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const k = key();
    const invalid = await api.invoke({ key: k, body: { name: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('validation_failed');
    const fixed = await api.invoke({ key: k, body: { name: 'ok' } });
    expect(fixed.status).toBe(201);
    expect(api.runs()).toBe(1);
  });

  it('runs the handler every time without the header', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const a = await api.invoke({ body: { name: 'a' } });
    const b = await api.invoke({ body: { name: 'a' } });
    expect([a.body.id, b.body.id]).toEqual(['thing-1', 'thing-2']);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(api.runs()).toBe(2);
  });

  it('answers 400 invalid_idempotency_key for an empty or over-long key; 255 characters are fine', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    for (const bad of ['', 'k'.repeat(256)]) {
      const res = await api.invoke({ key: bad, body: { name: 'a' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_idempotency_key');
    }
    expect(api.runs()).toBe(0);
    const longest = `${randomUUID()}${'k'.repeat(255 - 36)}`;
    expect((await api.invoke({ key: longest, body: { name: 'a' } })).status).toBe(201);
    expect((await api.invoke({ key: longest, body: { name: 'a' } })).headers['idempotent-replayed']).toBe('true');
    expect(api.runs()).toBe(1);
  });

  it('treats keys as case-sensitive', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const k = `Key-${randomUUID()}`;
    await api.invoke({ key: k, body: { name: 'a' } });
    const other = await api.invoke({ key: k.toLowerCase(), body: { name: 'a' } });
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(api.runs()).toBe(2);
  });

  it('keeps different callers with the same key apart', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const k = key();
    const u1 = await api.invoke({ key: k, sub: 'user-1', body: { name: 'same' } });
    const u2 = await api.invoke({ key: k, sub: 'user-2', body: { name: 'same' } });
    const u2Other = await api.invoke({ key: k, sub: 'user-2', body: { name: 'same' } });
    expect(u1.body.id).not.toBe(u2.body.id);
    expect(u2.headers['idempotent-replayed']).toBeUndefined();
    expect(u2Other.body.id).toBe(u2.body.id);
    expect(api.runs()).toBe(2);
    // And another user's different body is not a reuse of user-1's key.
    expect((await api.invoke({ key: k, sub: 'user-3', body: { name: 'different' } })).status).toBe(201);
  });

  it('keeps the same key on two routes apart', async () => {
    const things = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const orders = given(publicRoute, async ({ n }) => created({ id: `order-${n}` }));
    const k = key();
    expect((await things.invoke({ key: k, body: { name: 'a' } })).status).toBe(201);
    expect((await orders.invoke({ key: k, sub: 'user-1', body: { email: 'a@b.co' }, pathParameters: { id: 'e1' } })).status).toBe(201);
  });

  it('anonymous callers on a public route: another body with the key is 422, never the other buyer\'s response', async () => {
    const api = given(publicRoute, async ({ body, n }) => created({ id: `order-${n}`, email: body.email }));
    const k = key();
    const buyer1 = await api.invoke({ key: k, sub: null, body: { email: 'one@example.com' }, pathParameters: { id: 'e1' } });
    expect(buyer1.status).toBe(201);
    const buyer2 = await api.invoke({ key: k, sub: null, body: { email: 'two@example.com' }, pathParameters: { id: 'e1' } });
    expect(buyer2.status).toBe(422);
    expect(buyer2.body.code).toBe('idempotency_key_reused');
    expect(buyer2.text).not.toContain('one@example.com');
    // The same body for another event is another request too (path parameters are in the fingerprint).
    const otherEvent = await api.invoke({ key: k, sub: null, body: { email: 'one@example.com' }, pathParameters: { id: 'e2' } });
    expect(otherEvent.body.code).toBe('idempotency_key_reused');
    // The buyer's own retry is replayed.
    const retry = await api.invoke({ key: k, sub: null, body: { email: 'one@example.com' }, pathParameters: { id: 'e1' } });
    expect(retry.text).toBe(buyer1.text);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // A signed-in caller with the same key has its own scope.
    expect((await api.invoke({ key: k, sub: 'user-9', body: { email: 'two@example.com' }, pathParameters: { id: 'e1' } })).status).toBe(201);
    expect(api.runs()).toBe(2);
  });

  it('adds CORS headers to a replay for the replaying request', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}` }));
    const k = key();
    await api.invoke({ key: k, body: { name: 'a' } });
    const replay = await api.invoke({ key: k, body: { name: 'a' }, headers: { origin: 'https://shop.example.com' } });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['access-control-allow-origin']).toBeTruthy();
  });

  it('ignores the header on other methods', async () => {
    const api = given(getRoute, async ({ n }) => ok({ n }));
    const k = key();
    await api.invoke({ key: k });
    const again = await api.invoke({ key: k });
    expect(again.body.n).toBe(2);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does not store a response too large for one DynamoDB item; the key is released', async () => {
    const api = given(protectedRoute, async ({ n }) => created({ id: `thing-${n}`, blob: 'x'.repeat(400 * 1024) }));
    const k = key();
    expect((await api.invoke({ key: k, body: { name: 'big' } })).status).toBe(201);
    const again = await api.invoke({ key: k, body: { name: 'big' } });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(api.runs()).toBe(2);
  });
});

describe('idempotency store', () => {
  const route = 'POST /v1/things';
  const base = () => ({ recordId: `rec-${randomUUID()}`, scope: 'user:u1', route, fingerprint: 'fp-1', lockMs: 30_000 });

  it('writes an in_progress record with its lock and a 48 h TTL in epoch seconds', async () => {
    const input = base();
    const now = Date.now();
    const result = await acquire({ ...input, now });
    expect(result.acquired).toBe(true);
    const { data } = await db().entities.idempotencyRecord.get({ recordId: input.recordId }).go({ consistent: true });
    expect(data).toMatchObject({ status: 'in_progress', fingerprint: 'fp-1', lockExpiresAt: now + 30_000 });
    expect(data!.ttl).toBe(Math.floor(now / 1000) + RECORD_TTL_SECONDS);
    expect(RECORD_TTL_SECONDS).toBeGreaterThanOrEqual(24 * 3600);
  });

  it('lets a retry of the same request take over an abandoned lock, but not another request', async () => {
    const input = base();
    const t0 = Date.now();
    expect((await acquire({ ...input, now: t0 })).acquired).toBe(true);
    // Still locked.
    expect((await acquire({ ...input, now: t0 + 10_000 })).acquired).toBe(false);
    // Lock expired (the first Lambda died): another body still may not use the key...
    const other = await acquire({ ...input, fingerprint: 'fp-2', now: t0 + 31_000 });
    expect(other).toMatchObject({ acquired: false, existing: { fingerprint: 'fp-1', status: 'in_progress' } });
    // ...the same request may.
    const takeover = await acquire({ ...input, now: t0 + 31_000 });
    expect(takeover.acquired).toBe(true);
  });

  it('only the lock holder completes; a completed record is reusable once its TTL has passed', async () => {
    const input = base();
    const t0 = Date.now();
    const first = await acquire({ ...input, now: t0 });
    if (!first.acquired) throw new Error('expected the lock');
    expect(await complete({ ...first.lock, lockToken: 'not-mine' }, { statusCode: 201, body: '{}' })).toBe(false);
    expect(await complete(first.lock, { statusCode: 201, body: '{}' }, t0)).toBe(true);
    expect((await acquire({ ...input, fingerprint: 'fp-2', now: t0 + 3600_000 })).acquired).toBe(false);
    expect((await acquire({ ...input, fingerprint: 'fp-2', now: t0 + (RECORD_TTL_SECONDS + 2) * 1000 })).acquired).toBe(true);
  });

  it('fingerprints method, route, path parameters and the canonical body', () => {
    const e = (pathParameters: Record<string, string>, body: string) =>
      ({ pathParameters, body, isBase64Encoded: false, headers: {}, requestContext: {} }) as unknown as APIGatewayProxyEventV2;
    const r = { method: 'POST' as const, path: '/v1/events/{id}/orders' };
    expect(fingerprintOf(r, e({ id: 'a' }, '{"x":1,"y":[1,2]}'))).toBe(fingerprintOf(r, e({ id: 'a' }, '{ "y": [1, 2], "x": 1 }')));
    expect(fingerprintOf(r, e({ id: 'a' }, '{"x":1}'))).not.toBe(fingerprintOf(r, e({ id: 'b' }, '{"x":1}')));
    expect(fingerprintOf(r, e({ id: 'a' }, '{"y":[1,2]}'))).not.toBe(fingerprintOf(r, e({ id: 'a' }, '{"y":[2,1]}')));
    expect(fingerprintOf(r, e({}, 'not json'))).not.toBe(fingerprintOf(r, e({}, 'not  json')));
  });
});
