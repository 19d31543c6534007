import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, buy, countsOf, givenPublishedEvent, givenTicketType, listAllOrders } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function givenShop() {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 20 });
  return { event, type };
}

describe('Idempotency-Key on the public POST /v1/events/{id}/orders', () => {
  it('replays the same key and body: the same order, Idempotent-Replayed: true, one pending order', async () => {
    const { event, type } = await givenShop();
    const key = randomUUID();
    const email = 'idem.order@example.com';
    const first = await buy(api.call, event.id, type.id, { email, quantity: 2, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const retry = await buy(api.call, event.id, type.id, { email, quantity: 2, idempotencyKey: key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body).toEqual(first.body);

    const { items } = await listAllOrders(api.call, event.id, { status: 'pending' });
    expect(items.map((o) => o.id)).toEqual([first.body.id]);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ held: 2, available: 18 });
  });

  it('refuses the same key with another body: 422 idempotency_key_reused, nothing reserved', async () => {
    const { event, type } = await givenShop();
    const key = randomUUID();
    const first = await buy(api.call, event.id, type.id, { email: 'idem.a@example.com', idempotencyKey: key });
    expect(first.status).toBe(201);

    const other = await buy(api.call, event.id, type.id, { email: 'idem.a@example.com', quantity: 3, idempotencyKey: key });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.body.code).toBe('idempotency_key_reused');

    expect((await listAllOrders(api.call, event.id)).items).toHaveLength(1);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ held: 1, available: 19 });
  });

  it('lets one of several simultaneous requests with one key run: the others are in progress or the replay', async () => {
    const { event, type } = await givenShop();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => buy(api.call, event.id, type.id, { email: 'idem.race@example.com', quantity: 2, idempotencyKey: key })),
    );
    const fresh = results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const r of results) {
      if (r.status === 201) expect(r.body.id).toBe(fresh[0]!.body.id);
      else {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('idempotency_in_progress');
      }
    }
    const { items } = await listAllOrders(api.call, event.id);
    expect(items.map((o) => o.id)).toEqual([fresh[0]!.body.id]);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ held: 2, available: 18 });

    // Once finished, the key replays.
    const later = await buy(api.call, event.id, type.id, { email: 'idem.race@example.com', quantity: 2, idempotencyKey: key });
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(later.body.id).toBe(fresh[0]!.body.id);
  });
});
