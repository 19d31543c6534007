import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, countsOf, getOrder, givenPaidOrder, givenPublishedEvent, givenTicketType, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

// Imported after the stack set the endpoints and keys their clients read.
const payments = () => import('#packages/payments/stripe-client.ts');
const core = async () => ({
  ...(await import('#packages/features/orders/refund-order.ts')),
  ...(await import('#packages/features/orders/refund-claims.ts')),
  ...(await import('#packages/features/orders/order-item.ts')),
  ...(await import('#packages/core/ids.ts')),
});

async function givenPaid(price = 2500, quantity = 2) {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 10, price: { amount: price, currency: 'EUR' } });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity });
  return { event, type, order };
}

/** What Stripe actually paid back for an intent (its refund list, through the real SDK). */
async function paidOutBy(paymentIntentId: string) {
  const refunds = await (await payments()).listRefunds(paymentIntentId);
  return { count: refunds.length, amount: refunds.reduce((s, r) => s + r.amount, 0) };
}

async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
}

const ctx = { actorId: 'cancel-job', correlationId: 'test' };

describe('refunds never exceed what was paid', () => {
  it('concurrent partial refunds whose sum exceeds the total: exactly the ones that fit succeed, the others 422, never a 500', async () => {
    const { event, type, order } = await givenPaid(); // 5000
    const responses = await Promise.all(Array.from({ length: 6 }, () => api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 2000 } })));
    expect(tally(responses)).toEqual({ 200: 2, '422 refund_exceeds_paid': 4 });
    for (const r of responses.filter((r) => r.status === 422)) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body.refundable).toBeLessThan(2000);
    }
    await settle();
    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('paid');
    expect(after.refunded).toEqual({ amount: 4000, currency: 'EUR' });
    expect(await paidOutBy(order.payment!.paymentIntentId)).toEqual({ count: 2, amount: 4000 });

    // What is left can still be refunded — by several at once, of which one wins — and then the order is refunded.
    const rest = await Promise.all(Array.from({ length: 3 }, () => api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 1000 } })));
    expect(tally(rest)).toEqual({ 200: 1, '422 refund_exceeds_paid': 2 });
    await settle();
    const refunded = await getOrder(api.call, order.id);
    expect(refunded.status).toBe('refunded');
    expect(refunded.refunded.amount).toBe(5000);
    expect(await paidOutBy(order.payment!.paymentIntentId)).toEqual({ count: 3, amount: 5000 });
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ sold: 0, available: 10 });
  });

  it('the event-cancellation refund (full, called again and again, at once and after crashes) pays out exactly once', async () => {
    const { refundOrder, reserve, loadOrder, newId } = await core();
    const outcome = (run: Promise<unknown>) =>
      run.then(
        (view) => (view as { status: string }).status,
        (error: { code?: string }) => error.code ?? String(error),
      );

    // Duplicate deliveries at the same moment.
    const a = await givenPaid();
    const firstWave = await Promise.all(Array.from({ length: 4 }, () => outcome(refundOrder(a.order.id, { reason: 'event_canceled' }, ctx))));
    for (const o of firstWave) expect(['refunded', 'invalid_transition']).toContain(o);
    expect(firstWave).toContain('refunded');
    // Once refunded, a further call is "done": 409 invalid_transition.
    expect(await outcome(refundOrder(a.order.id, { reason: 'event_canceled' }, ctx))).toBe('invalid_transition');
    await settle();
    expect(await paidOutBy(a.order.payment!.paymentIntentId)).toEqual({ count: 1, amount: 5000 });
    expect((await getOrder(api.call, a.order.id)).refunded.amount).toBe(5000);

    // A crash after the reservation, before Stripe was asked: the next call pays it, once.
    const b = await givenPaid();
    const stuck = await reserve(await loadOrder(b.order.id, true), {
      orderId: b.order.id,
      reservationId: newId(),
      amount: 5000,
      currency: 'EUR',
      full: true,
      status: 'reserved',
      requestedBy: ctx.actorId,
      attemptedAt: new Date().toISOString(),
      reason: 'event_canceled',
    });
    expect(stuck).not.toBeNull();
    expect(await outcome(refundOrder(b.order.id, { reason: 'event_canceled' }, ctx))).toBe('refunded');
    expect(await outcome(refundOrder(b.order.id, { reason: 'event_canceled' }, ctx))).toBe('invalid_transition');
    await settle();
    expect(await paidOutBy(b.order.payment!.paymentIntentId)).toEqual({ count: 1, amount: 5000 });

    // A crash after Stripe paid, before it was booked (and its webhook lost): the next call books that refund, pays nothing more.
    const c = await givenPaid();
    const reservationId = newId();
    const paidButNotBooked = await reserve(await loadOrder(c.order.id, true), {
      orderId: c.order.id,
      reservationId,
      amount: 5000,
      currency: 'EUR',
      full: true,
      status: 'reserved',
      requestedBy: ctx.actorId,
      attemptedAt: new Date().toISOString(),
      reason: 'event_canceled',
    });
    expect(paidButNotBooked).not.toBeNull();
    const webhookUrl = api.stripe.webhookUrl;
    api.stripe.setWebhookUrl(undefined);
    try {
      await (await payments()).createRefund({
        paymentIntentId: c.order.payment!.paymentIntentId,
        amount: 5000,
        idempotencyKey: `refund-${reservationId}`,
        reason: 'requested_by_customer',
        metadata: { orderId: c.order.id, reservationId, requestedBy: ctx.actorId },
      });
      await api.stripe.idle();
    } finally {
      api.stripe.setWebhookUrl(webhookUrl);
    }
    expect((await getOrder(api.call, c.order.id)).refunded.amount).toBe(0);
    expect(await outcome(refundOrder(c.order.id, { reason: 'event_canceled' }, ctx))).toBe('refunded');
    await settle();
    expect(await paidOutBy(c.order.payment!.paymentIntentId)).toEqual({ count: 1, amount: 5000 });
    expect((await getOrder(api.call, c.order.id)).refunded.amount).toBe(5000);
  });

  it('a reservation abandoned mid-way holds its amount only until its lease ends, then is given back (or booked), never stranded', async () => {
    const { reserve, loadOrder, newId } = await core();
    const { order } = await givenPaid();
    // A partial refund of 3000 crashed after reserving, before Stripe was asked.
    const abandoned = await reserve(await loadOrder(order.id, true), {
      orderId: order.id,
      reservationId: newId(),
      amount: 3000,
      currency: 'EUR',
      full: false,
      status: 'reserved',
      requestedBy: 'someone',
      attemptedAt: new Date().toISOString(),
    });
    expect(abandoned).not.toBeNull();
    // While someone may still be waiting for Stripe's answer, its amount is held.
    const held = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 2001 } });
    expect(held.status).toBe(422);
    expect(held.body).toMatchObject({ code: 'refund_exceeds_paid', refundable: 2000, pending: 3000 });

    // Once its lease is over, Stripe's list shows it never happened: given back, and all 5000 can be refunded.
    process.env.REFUND_RESERVATION_LEASE_SECONDS = '0';
    try {
      const res = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 5000 } });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('refunded');
    } finally {
      delete process.env.REFUND_RESERVATION_LEASE_SECONDS;
    }
    await settle();
    expect(await paidOutBy(order.payment!.paymentIntentId)).toEqual({ count: 1, amount: 5000 });
  });
});
