import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, countsOf, getOrder, givenBundle, givenOrder, givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('bundles', () => {
  it('sells 1 × A + 2 × B at the bundle price as one line, holds 1 A and 2 B, and paying issues 3 tickets', async () => {
    const event = await givenPublishedEvent(api.call);
    const a = await givenTicketType(api.call, event.id, { name: 'VIP', capacity: 10, price: { amount: 5000, currency: 'EUR' } });
    const b = await givenTicketType(api.call, event.id, { name: 'Drink voucher', capacity: 20, price: { amount: 1500, currency: 'EUR' } });
    const bundle = await givenBundle(api.call, event.id, {
      name: 'VIP night',
      items: [
        { ticketTypeId: a.id, quantity: 1 },
        { ticketTypeId: b.id, quantity: 2 },
      ],
      price: { amount: 6900, currency: 'EUR' },
    });
    expect(bundle).toMatchObject({ listPrice: { amount: 8000 }, discount: { amount: 1100 }, price: { amount: 6900 } });

    const order = await givenOrder(api.call, event.id, [{ bundleId: bundle.id, quantity: 1 }]);
    expect(order.status).toBe('pending');
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]).toMatchObject({ bundleId: bundle.id, quantity: 1, unitPrice: { amount: 8000 }, discount: { amount: 1100 }, total: { amount: 6900 } });
    expect(order.total).toEqual({ amount: 6900, currency: 'EUR' });
    expect(order.subtotal.amount - order.discount.amount).toBe(order.total.amount);

    let av = await availability(api.call, event.id);
    expect(countsOf(av, a.id)).toEqual({ capacity: 10, sold: 0, held: 1, available: 9 });
    expect(countsOf(av, b.id)).toEqual({ capacity: 20, sold: 0, held: 2, available: 18 });

    const outcome = await pay(api.call, order);
    expect(outcome.delivered.status).toBe(200);
    const paid = await getOrder(api.call, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(3);
    expect(paid.tickets!.filter((t) => t.ticketTypeId === a.id)).toHaveLength(1);
    expect(paid.tickets!.filter((t) => t.ticketTypeId === b.id)).toHaveLength(2);
    expect(new Set(paid.tickets!.map((t) => t.code)).size).toBe(3);

    av = await availability(api.call, event.id);
    expect(countsOf(av, a.id)).toEqual({ capacity: 10, sold: 1, held: 0, available: 9 });
    expect(countsOf(av, b.id)).toEqual({ capacity: 20, sold: 2, held: 0, available: 18 });
  });
});
