import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

describe('Idempotency-Key through the local HTTP API', () => {
  it('replays POST /v1/contacts: the same contact id, and only one contact with that email', async () => {
    const key = randomUUID();
    const body = { email: 'idem.buyer@example.com', firstName: 'Idem' };
    const first = await api.call('POST', '/v1/contacts', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const retry = await api.call('POST', '/v1/contacts', { body, headers: { 'idempotency-key': key, origin: 'https://shop.example.com' } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(retry.body).toEqual(first.body);

    // Without the replay the second create would have been a 409 duplicate:
    const withoutKey = await api.call('POST', '/v1/contacts', { body });
    expect(withoutKey.status).toBe(409);
    expect(withoutKey.body).toMatchObject({ code: 'duplicate', existingId: first.body.id });

    const found = await api.call('GET', '/v1/contacts?email=idem.buyer@example.com');
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0].id).toBe(first.body.id);
  });

  it('answers 422 for the key with another body, 400 for an over-long key, and keeps users apart', async () => {
    const key = randomUUID();
    const first = await api.call('POST', '/v1/contacts', { body: { email: 'idem.two@example.com' }, userId: 'u-a', headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);

    const reused = await api.call('POST', '/v1/contacts', { body: { email: 'idem.three@example.com' }, userId: 'u-a', headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    expect(reused.body.code).toBe('idempotency_key_reused');

    // Another user with the same key is another request: it runs (and meets the duplicate guard).
    const otherUser = await api.call('POST', '/v1/contacts', { body: { email: 'idem.two@example.com' }, userId: 'u-b', headers: { 'idempotency-key': key } });
    expect(otherUser.status).toBe(409);
    expect(otherUser.body.code).toBe('duplicate');
    expect(otherUser.headers.get('idempotent-replayed')).toBeNull();

    const tooLong = await api.call('POST', '/v1/contacts', { body: { email: 'idem.four@example.com' }, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('invalid_idempotency_key');
  });

  it('lets one of 10 concurrent retries with one key create the contact', async () => {
    const key = randomUUID();
    const body = { email: 'idem.race@example.com' };
    const results = await Promise.all(Array.from({ length: 10 }, () => api.call('POST', '/v1/contacts', { body, headers: { 'idempotency-key': key } })));
    const fresh = results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const r of results) {
      if (r.status === 201) expect(r.body.id).toBe(fresh[0]!.body.id);
      else expect(r.body.code).toBe('idempotency_in_progress');
    }
    const found = await api.call('GET', '/v1/contacts?email=idem.race@example.com');
    expect(found.body.items).toHaveLength(1);
  });

  it('authorizes a replay like a new request: a disabled or demoted user gets 403, never the stored 201', async () => {
    const name = `idem-${randomUUID().slice(0, 8)}`;
    const user = await api.call('POST', '/v1/users', { body: { username: name, email: `${name}@staff.example`, roleId: 'sales' } });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const as = { role: 'sales', userId: user.body.id as string };
    const key = randomUUID();
    const body = { email: `${name}@example.com`, firstName: 'Replay' };
    const first = await api.call('POST', '/v1/contacts', { ...as, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);

    expect((await api.call('DELETE', `/v1/users/${user.body.id}`)).body.status).toBe('disabled');
    const disabled = await api.call('POST', '/v1/contacts', { ...as, body, headers: { 'idempotency-key': key } });
    expect([disabled.status, disabled.body.code, disabled.headers.get('idempotent-replayed')]).toEqual([403, 'user_disabled', null]);
    expect(JSON.stringify(disabled.body)).not.toContain(first.body.id);

    // Re-enabled but moved to a role without contacts:write: still no replay.
    const demoted = await api.call('PATCH', `/v1/users/${user.body.id}`, { body: { status: 'active', roleId: 'scanner' } });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    const forbidden = await api.call('POST', '/v1/contacts', { ...as, body, headers: { 'idempotency-key': key } });
    expect([forbidden.status, forbidden.body.code, forbidden.headers.get('idempotent-replayed')]).toEqual([403, 'forbidden', null]);

    // Entitled again: the first response, replayed.
    expect((await api.call('PATCH', `/v1/users/${user.body.id}`, { body: { roleId: 'sales' } })).status).toBe(200);
    const replay = await api.call('POST', '/v1/contacts', { ...as, body, headers: { 'idempotency-key': key } });
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.id]).toEqual([201, 'true', first.body.id]);
  });
});
