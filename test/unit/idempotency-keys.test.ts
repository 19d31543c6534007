import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { created, ok } from '#packages/http/http-handler.ts';
import { protectedRoute, publicRoute, getRoute, given, key } from '../support/idempotency-harness.ts';

describe('Idempotency-Key: which requests share a key', () => {
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
