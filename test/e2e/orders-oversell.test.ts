import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, buy, countsOf, givenPublishedEvent, givenTicketType, listAllOrders, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('no oversell under a rush', () => {
  it('sells exactly 50 of 50 seats to 200 parallel buyers: 50 × 201, 150 × 409 sold_out', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 50, maxPerOrder: 4 });

    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => buy(api.call, event.id, type.id, { email: `rush${i}@example.com` })));

    expect(tally(results)).toEqual({ '201': 50, '409 sold_out': 150 });
    for (const r of results.filter((r) => r.status === 201)) {
      expect(r.body).toMatchObject({ status: 'pending', total: { amount: 2500, currency: 'EUR' }, payment: { provider: 'stripe' } });
      expect(r.body.payment.paymentIntentId).toMatch(/^pi_/);
    }
    for (const r of results.filter((r) => r.status === 409)) expect(r.headers.get('content-type')).toBe('application/problem+json');

    const counts = countsOf(await availability(api.call, event.id), type.id);
    expect(counts.capacity).toBe(50);
    expect(counts.sold + counts.held).toBe(50);
    expect(counts.available).toBe(0);

    // The ledger agrees with the orders: every held seat belongs to one pending order, read page by page.
    const { items, pages } = await listAllOrders(api.call, event.id, { status: 'pending', limit: 7 });
    expect(pages.length).toBeGreaterThan(1);
    const ids = new Set(items.map((o) => o.id));
    expect(ids.size).toBe(items.length);
    expect(ids).toEqual(new Set(results.filter((r) => r.status === 201).map((r) => r.body.id as string)));
    const seats = items.reduce((sum, o) => sum + o.lines.reduce((s, l) => s + l.quantity, 0), 0);
    expect(seats).toBe(counts.sold + counts.held);
  });
});
