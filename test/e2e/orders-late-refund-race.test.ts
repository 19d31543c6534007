import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { getOrder, givenOrder, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

/**
 * A late payment's automatic refund and Stripe's `charge.refunded` webhook for
 * it book the same refund, in either order or at the same moment. Whichever
 * wins, the order lists the refund once, with the late path's reason and its
 * automatic mark (orders-late-payment (b) once listed it without: the webhook's
 * row had cancelled the late path's transaction, which then returned early).
 */
describe('a late payment’s refund booked by the late path and the webhook at once', () => {
  it('lists one refund, automatic and with its reason, whichever commits first', async () => {
    const { recordRefund } = await import('#packages/features/orders/record-refund.ts');
    const { expireHolds } = await import('#packages/features/orders/expire-holds.ts');
    const event = await givenPublishedEvent(api.call, { holdMinutes: 1 });
    const type = await givenTicketType(api.call, event.id, { capacity: 20 });
    const orders = [];
    for (let i = 0; i < 10; i++) orders.push(await givenOrder(api.call, event.id, type.id, { quantity: 1 }));
    await expireHolds(new Date(Date.now() + 2 * 60_000).toISOString());

    const reason = 'paid after the hold expired and the seats were gone';
    await Promise.all(
      orders.map(async (order, i) => {
        const fact = { refundId: `re_race_${i}_${order.id}`, amount: order.total.amount };
        const webhook = () => recordRefund(order.id, fact, { correlationId: `webhook-${i}` });
        const late = () => recordRefund(order.id, { ...fact, reason }, { correlationId: `late-${i}` }, { late: true });
        // Half start with the webhook, half with the late path: both orders of arrival, racing.
        await Promise.all(i % 2 ? [webhook(), late()] : [late(), webhook()]);
      }),
    );

    for (const order of orders) {
      const view = await getOrder(api.call, order.id);
      expect(view.status).toBe('expired');
      expect(view.refunded).toEqual(view.total);
      expect((view as { refunds?: unknown }).refunds).toEqual([
        { id: expect.stringMatching(/^re_race_/), amount: view.total, reason, refundedAt: expect.any(String), automatic: true },
      ]);
    }
  });
});

/**
 * An organiser's refund with a reason, whose `charge.refunded` webhook (no
 * reason) books the refund before the API path does: the order still lists
 * the reason (api-consistency once saw it missing under load).
 */
describe('an organiser’s refund booked first by the webhook', () => {
  it('keeps the reason the API call gave, and is not automatic', async () => {
    const { recordRefund } = await import('#packages/features/orders/record-refund.ts');
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { price: { amount: 3000, currency: 'EUR' } });
    const order = await givenPaidOrder(api.call, event.id, [{ ticketTypeId: type.id, quantity: 1 }]);
    const fact = { refundId: `re_first_${order.id}`, amount: 1000 };
    expect(await recordRefund(order.id, fact, { correlationId: 'webhook' })).toBe('recorded');
    expect(await recordRefund(order.id, { ...fact, reason: 'Parking not available' }, { correlationId: 'api' })).toBe('already_recorded');

    const view = await getOrder(api.call, order.id);
    expect((view as { refunds?: unknown }).refunds).toEqual([
      { id: fact.refundId, amount: { amount: 1000, currency: 'EUR' }, reason: 'Parking not available', refundedAt: expect.any(String), automatic: false },
    ]);
  });
});
