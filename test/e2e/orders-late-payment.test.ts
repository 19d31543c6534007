import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import {
  availability,
  countsOf,
  getOrder,
  givenOrder,
  givenPaidOrder,
  givenPublishedEvent,
  givenTicketType,
  givenVoucher,
  pay,
  type OrderBody,
} from '../support/sales-fixtures.ts';

const api = useTestApi();

/** Runs the hold sweeper as if two minutes had passed (holdMinutes is 1). */
async function sweepAsIfLater() {
  // Imported here, after the stack set the endpoints its clients read.
  const { expireHolds } = await import('#packages/features/orders/expire-holds.ts');
  return expireHolds(new Date(Date.now() + 2 * 60_000).toISOString());
}

async function givenExpiredOrder(quantity: number) {
  const event = await givenPublishedEvent(api.call, { holdMinutes: 1 });
  const type = await givenTicketType(api.call, event.id, { capacity: quantity });
  const order = await givenOrder(api.call, event.id, type.id, { quantity });
  const swept = await sweepAsIfLater();
  expect(swept.expired).toBeGreaterThanOrEqual(1);
  const expired = await getOrder(api.call, order.id);
  expect(expired.status).toBe('expired');
  expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: quantity, sold: 0, held: 0, available: quantity });
  return { event, type, order };
}

/** The charge.refunded events the stand-in sent for one intent. */
async function refundEventsFor(paymentIntentId: string) {
  const list = await api.call('GET', '/dev/stripe/events', { role: null });
  const refunds = [];
  for (const e of list.body.items as Array<{ id: string; type: string }>) {
    if (e.type !== 'charge.refunded') continue;
    const one = await api.call('GET', `/dev/stripe/events/${e.id}`, { role: null });
    if (one.body.event.data.object.payment_intent === paymentIntentId) refunds.push(one.body.event);
  }
  return refunds;
}

describe('a payment that arrives after the hold expired', () => {
  it('(a) seats still free: the order is paid after all, with tickets, and the seats are sold', async () => {
    const { event, type, order } = await givenExpiredOrder(2);

    const outcome = await pay(api.call, order);
    expect(outcome.delivered.status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();

    const paid = await getOrder(api.call, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(2);
    expect(paid.refunded.amount).toBe(0);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 2, sold: 2, held: 0, available: 0 });
    expect(await refundEventsFor(order.payment!.paymentIntentId)).toHaveLength(0);
  });

  async function expectRefundedLate(order: OrderBody, eventId: string, typeId: string) {
    const outcome = await pay(api.call, order);
    expect(outcome.delivered.status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();

    const late = await getOrder(api.call, order.id);
    expect(late.status).toBe('expired');
    expect(late.refunded).toEqual(late.total);
    expect(late.tickets ?? []).toHaveLength(0);
    // The order lists the refund and says the system made it (issue 18).
    expect((late as { refunds?: unknown }).refunds).toEqual([
      { id: expect.any(String), amount: late.total, reason: expect.stringContaining('paid after the hold expired'), refundedAt: expect.any(String), automatic: true },
    ]);

    const refunds = await refundEventsFor(order.payment!.paymentIntentId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].data.object.amount_refunded).toBe(order.total.amount);

    const counts = countsOf(await availability(api.call, eventId), typeId);
    expect(counts.sold).toBeLessThanOrEqual(counts.capacity);
    expect(counts.sold + counts.held).toBeLessThanOrEqual(counts.capacity);
    expect(counts.available).toBeGreaterThanOrEqual(0);
    return counts;
  }

  it('(b) seats taken by a pending buyer after expiry: refunded automatically, order stays expired, never oversold', async () => {
    const { event, type, order } = await givenExpiredOrder(2);
    const other = await givenOrder(api.call, event.id, type.id, { quantity: 2 });
    expect(other.status).toBe('pending');

    const counts = await expectRefundedLate(order, event.id, type.id);
    expect(counts).toEqual({ capacity: 2, sold: 0, held: 2, available: 0 });
    expect((await getOrder(api.call, other.id)).status).toBe('pending');

    // The late buyer's seats are still the other buyer's to pay for.
    expect((await pay(api.call, other)).delivered.status).toBe(200);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 2, sold: 2, held: 0, available: 0 });
  });

  it('(b) seats taken and paid by another buyer after expiry: refunded automatically, never oversold; a resend changes nothing', async () => {
    const { event, type, order } = await givenExpiredOrder(3);
    const other = await givenPaidOrder(api.call, event.id, type.id, { quantity: 2 });
    expect(other.tickets).toHaveLength(2);

    // One seat is free, but the late order needs three.
    const counts = await expectRefundedLate(order, event.id, type.id);
    expect(counts).toEqual({ capacity: 3, sold: 2, held: 0, available: 1 });

    // Stripe retries the same payment event: still one refund, still expired.
    const events = (await api.call('GET', '/dev/stripe/events', { role: null })).body.items as Array<{ id: string; type: string }>;
    const succeeded = [];
    for (const e of events.filter((e) => e.type === 'payment_intent.succeeded')) {
      const one = await api.call('GET', `/dev/stripe/events/${e.id}`, { role: null });
      if (one.body.event.data.object.id === order.payment!.paymentIntentId) succeeded.push(e.id);
    }
    expect(succeeded).toHaveLength(1);
    const resent = await api.call('POST', `/dev/stripe/events/${succeeded[0]}/resend`, { role: null });
    expect(resent.body.delivered.status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();
    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('expired');
    expect(after.refunded).toEqual(after.total);
    expect(await refundEventsFor(order.payment!.paymentIntentId)).toHaveLength(1);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 3, sold: 2, held: 0, available: 1 });
  });

  it('seats free but its single-use voucher re-used by someone else meanwhile: never money taken without tickets or refund', async () => {
    const event = await givenPublishedEvent(api.call, { holdMinutes: 1 });
    const type = await givenTicketType(api.call, event.id, { capacity: 5, price: { amount: 2000, currency: 'EUR' } });
    await givenVoucher(api.call, event.id, { code: 'ONCE', kind: 'percent', percent: 50, maxUsages: 1 });
    const order = await givenOrder(api.call, event.id, type.id, { voucherCode: 'ONCE' });
    expect(order.total.amount).toBe(1000);
    await sweepAsIfLater();
    expect((await getOrder(api.call, order.id)).status).toBe('expired');
    // Expiry gave the usage back; another buyer takes it.
    const other = await givenOrder(api.call, event.id, type.id, { voucherCode: 'ONCE' });
    expect(other.status).toBe('pending');

    const outcome = await pay(api.call, order);
    // Stripe must get an answer it will not retry for days, and the buyer must end up with tickets or with the money back.
    expect(outcome.delivered.status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();
    const after = await getOrder(api.call, order.id);
    if (after.status === 'paid') {
      expect(after.tickets).toHaveLength(1);
    } else {
      expect(after.status).toBe('expired');
      expect(after.refunded).toEqual(after.total);
      expect(await refundEventsFor(order.payment!.paymentIntentId)).toHaveLength(1);
    }
    const counts = countsOf(await availability(api.call, event.id), type.id);
    expect(counts.sold + counts.held + counts.available).toBe(5);
  });
});
