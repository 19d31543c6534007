import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { acquire, complete, RECORD_TTL_SECONDS } from '#packages/http/idempotency-store.ts';
import { fingerprintOf } from '#packages/http/middleware/idempotency.ts';

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
