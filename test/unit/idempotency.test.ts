import { describe, expect, it } from 'vitest';
import { conflict } from '#packages/core/errors.ts';
import { created, ok } from '#packages/http/http-handler.ts';
import { protectedRoute, given, key, deferred } from '../support/idempotency-harness.ts';

/** A first request with a fresh key whose handler has started and waits until `release`. */
async function aFirstRequestInFlight() {
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
  return { api, k, first, release };
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
    const { api, k, first, release } = await aFirstRequestInFlight();
    // While the first holds the key, refused requests are answered for what they are, not 409.
    expect((await api.invoke({ key: k, body: { name: '' } })).body.code).toBe('validation_failed');
    expect((await api.invoke({ key: k, roles: '[scanner]', body: { name: 'slow' } })).body.code).toBe('forbidden');
    expect((await api.invoke({ key: k, rawBody: '{"name":' })).body.code).toBe('invalid_json');
    release.resolve();
    expect((await first).status).toBe(201);
    expect(api.runs()).toBe(1);
  });

  it('answers 409 idempotency_in_progress while the first request is in flight, then replays it', async () => {
    const { api, k, first, release } = await aFirstRequestInFlight();

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
});
