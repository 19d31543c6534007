import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, countsOf, getOrder, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function givenPaidPair() {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 10, price: { amount: 2500, currency: 'EUR' } });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity: 2 });
  expect(order.total.amount).toBe(5000);
  expect(order.tickets).toHaveLength(2);
  expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 10, sold: 2, held: 0, available: 8 });
  return { event, type, order };
}

/** Lets the charge.refunded webhook that Stripe sends after answering land, and whatever it triggers. */
async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
}

async function chargeRefundedDeliveries(paymentIntentId: string) {
  const list = await api.call('GET', '/dev/stripe/events', { role: null });
  const found = [];
  for (const e of list.body.items as Array<{ id: string; type: string; deliveries: Array<{ status: number | null }> }>) {
    if (e.type !== 'charge.refunded') continue;
    const one = await api.call('GET', `/dev/stripe/events/${e.id}`, { role: null });
    if (one.body.event.data.object.payment_intent === paymentIntentId) found.push(e);
  }
  return found;
}

describe('refunds', () => {
  it('a full refund: order refunded, tickets void, seats back on sale; the webhook that follows does not count twice', async () => {
    const { event, type, order } = await givenPaidPair();

    const res = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { reason: 'cannot come' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('refunded');
    expect(res.body.refunded).toEqual({ amount: 5000, currency: 'EUR' });
    expect(res.body.tickets).toHaveLength(2);
    for (const t of res.body.tickets) expect(t.status).toBe('void');
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 10, sold: 0, held: 0, available: 10 });

    await settle();
    const hooks = await chargeRefundedDeliveries(order.payment!.paymentIntentId);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.deliveries.map((d) => d.status)).toEqual([200]);
    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('refunded');
    expect(after.refunded.amount).toBe(after.total.amount);
    expect(after.tickets!.every((t) => t.status === 'void')).toBe(true);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 10, sold: 0, held: 0, available: 10 });

    // Nothing left to refund.
    const again = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('a partial refund keeps the order paid; over-refund is 422; refunding the rest makes it refunded, exactly once', async () => {
    const { event, type, order } = await givenPaidPair();

    const part = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 2000 } });
    expect(part.status).toBe(200);
    expect(part.body.status).toBe('paid');
    expect(part.body.refunded).toEqual({ amount: 2000, currency: 'EUR' });
    expect(part.body.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true);
    await settle();
    expect((await getOrder(api.call, order.id)).refunded.amount).toBe(2000);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ sold: 2, available: 8 });

    const over = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 3001 } });
    expect(over.status).toBe(422);
    expect(over.headers.get('content-type')).toBe('application/problem+json');
    expect(over.body.code).toBe('refund_exceeds_paid');
    expect((await getOrder(api.call, order.id)).refunded.amount).toBe(2000);

    const rest = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: {} });
    expect(rest.status).toBe(200);
    expect(rest.body.status).toBe('refunded');
    expect(rest.body.refunded).toEqual({ amount: 5000, currency: 'EUR' });
    for (const t of rest.body.tickets) expect(t.status).toBe('void');

    // Two charge.refunded webhooks follow (the second lists both refunds): still 5000, not more.
    await settle();
    expect(await chargeRefundedDeliveries(order.payment!.paymentIntentId)).toHaveLength(2);
    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('refunded');
    expect(after.refunded.amount).toBe(after.total.amount);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 10, sold: 0, held: 0, available: 10 });
  });
});
