import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, buy, countsOf, givenPublishedEvent, givenTicketType, listAllOrders, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe("two ticket types sharing the event's totalCapacity", () => {
  it('never sells more than 30 in total nor more than 25 of a type, and the numbers add up', async () => {
    const event = await givenPublishedEvent(api.call, { totalCapacity: 30 });
    const a = await givenTicketType(api.call, event.id, { name: 'Early bird', capacity: 25 });
    const b = await givenTicketType(api.call, event.id, { name: 'Regular', capacity: 25, price: { amount: 3500, currency: 'EUR' } });

    // 45 buyers of each type, interleaved, all at once.
    const wanted = Array.from({ length: 90 }, (_, i) => (i % 2 === 0 ? a.id : b.id));
    const results = await Promise.all(wanted.map((typeId, i) => buy(api.call, event.id, typeId, { email: `shared${i}@example.com` })));

    expect(tally(results)).toEqual({ '201': 30, '409 sold_out': 60 });
    const wonA = results.filter((r, i) => r.status === 201 && wanted[i] === a.id).length;
    const wonB = results.filter((r, i) => r.status === 201 && wanted[i] === b.id).length;
    expect(wonA).toBeLessThanOrEqual(25);
    expect(wonB).toBeLessThanOrEqual(25);
    expect(wonA + wonB).toBe(30);

    const av = await availability(api.call, event.id);
    const countA = countsOf(av, a.id);
    const countB = countsOf(av, b.id);
    expect(av.total).toEqual({ capacity: 30, sold: 0, held: 30, available: 0, blocked: 0 });
    expect(countA).toEqual({ capacity: 25, sold: 0, held: wonA, available: 25 - wonA });
    expect(countB).toEqual({ capacity: 25, sold: 0, held: wonB, available: 25 - wonB });
    expect(countA.sold + countA.held + countB.sold + countB.held).toBe(av.total!.sold + av.total!.held);

    const { items } = await listAllOrders(api.call, event.id, { status: 'pending', limit: 100 });
    expect(items).toHaveLength(30);
    const seatsOf = (typeId: string) => items.flatMap((o) => o.lines).filter((l) => l.ticketTypeId === typeId).reduce((s, l) => s + l.quantity, 0);
    expect(seatsOf(a.id)).toBe(wonA);
    expect(seatsOf(b.id)).toBe(wonB);
  });
});
