import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, buy, countsOf, givenPublishedEvent, givenTicketType, listAllOrders, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('a ticket type sliced over several inventory items', () => {
  // 1001 seats → 3 slices (334, 334, 333). An order goes first to one slice picked blind, without a read;
  // only a slice too short for it makes the order read the pool and spread over several slices.
  it('sells to the very last seat: 40 parallel orders of 25, then the last seat, then sold_out', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 1001, maxPerOrder: 40 });

    const rush = await Promise.all(Array.from({ length: 40 }, (_, i) => buy(api.call, event.id, type.id, { quantity: 25, email: `slice${i}@example.com` })));
    // 39 orders fit whole in the slices (13 each); the 40th needs seats from more than one.
    expect(tally(rush)).toEqual({ '201': 40 });
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 1001, sold: 0, held: 1000, available: 1 });

    const two = await buy(api.call, event.id, type.id, { quantity: 2 });
    expect(two.status).toBe(409);
    expect(two.body.code).toBe('sold_out');
    const last = await buy(api.call, event.id, type.id, { quantity: 1 });
    expect(last.status).toBe(201);
    const none = await buy(api.call, event.id, type.id, { quantity: 1 });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('sold_out');

    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 1001, sold: 0, held: 1001, available: 0 });
    const { items } = await listAllOrders(api.call, event.id, { status: 'pending', limit: 100 });
    expect(items).toHaveLength(41);
    expect(items.reduce((sum, o) => sum + o.lines.reduce((s, l) => s + l.quantity, 0), 0)).toBe(1001);
  });
});
