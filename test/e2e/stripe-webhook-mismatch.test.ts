import Stripe from 'stripe';
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
  pay,
  unknownId,
  type OrderBody,
} from '../support/sales-fixtures.ts';

const api = useTestApi();

let seq = 0;
const eventId = () => `evt_test${Date.now()}${++seq}`;

/** A Stripe event signed with the endpoint's real secret: only its content can make it wrong. */
function postSigned(event: Record<string, unknown>) {
  const body = JSON.stringify({ object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), livemode: false, ...event }, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: api.stripe.webhookSecret });
  return api.call('POST', '/v1/webhooks/stripe', { role: null, rawBody: body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
}

function succeeded(id: string, intent: { id: string; amountReceived: number; currency: string; orderId: string }) {
  return postSigned({
    id,
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: intent.id,
        object: 'payment_intent',
        amount: intent.amountReceived,
        amount_received: intent.amountReceived,
        currency: intent.currency,
        status: 'succeeded',
        metadata: { orderId: intent.orderId },
      },
    },
  });
}

function chargeRefunded(id: string, charge: { paymentIntentId: string; orderId: string; amount: number; refunds: Array<{ id: string; amount: number }> }) {
  return postSigned({
    id,
    type: 'charge.refunded',
    data: {
      object: {
        id: `ch_test${seq}`,
        object: 'charge',
        amount: charge.amount,
        amount_captured: charge.amount,
        amount_refunded: charge.refunds.reduce((s, r) => s + r.amount, 0),
        currency: 'eur',
        payment_intent: charge.paymentIntentId,
        metadata: { orderId: charge.orderId },
        refunded: true,
        refunds: { object: 'list', has_more: false, data: charge.refunds.map((r) => ({ ...r, object: 'refund', currency: 'eur', status: 'succeeded', metadata: {} })) },
      },
    },
  });
}

function mismatchEvents(orderId: string | null) {
  return api.bus.recent.filter((e) => e['detail-type'] === 'payment.mismatch' && (e.detail as { data: { orderId: string | null } }).data.orderId === orderId);
}

async function givenPendingOrder() {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 5, price: { amount: 2500, currency: 'EUR' } });
  const order = await givenOrder(api.call, event.id, type.id, { quantity: 2 });
  expect(order.total).toEqual({ amount: 5000, currency: 'EUR' });
  return { event, type, order };
}

const pi = (order: OrderBody) => order.payment!.paymentIntentId;

describe('a signed Stripe event applies only to the order it fits', () => {
  it('a payment with another intent, a short amount or another currency leaves the order pending, recorded as an anomaly and published', async () => {
    const { event, type, order } = await givenPendingOrder();
    const other = await givenOrder(api.call, event.id, type.id, { quantity: 1 });
    const attempts = {
      wrong_payment_intent: { id: eventId(), intent: { id: pi(other), amountReceived: 5000, currency: 'eur', orderId: order.id } },
      amount_short: { id: eventId(), intent: { id: pi(order), amountReceived: 4999, currency: 'eur', orderId: order.id } },
      currency_mismatch: { id: eventId(), intent: { id: pi(order), amountReceived: 5000, currency: 'usd', orderId: order.id } },
    };
    for (const [reason, { id, intent }] of Object.entries(attempts)) {
      const res = await succeeded(id, intent);
      // Acknowledged, so Stripe stops retrying; nothing applied.
      expect({ reason, status: res.status, outcome: res.body.outcome }).toEqual({ reason, status: 200, outcome: 'mismatch' });
    }
    // Stripe's retry of one of them records nothing more.
    const again = await succeeded(attempts.amount_short.id, attempts.amount_short.intent);
    expect(again.body.outcome).toBe('already_processed');
    await api.bus.drain();

    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('pending');
    expect(after.tickets).toBeUndefined();
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ sold: 0, held: 3 });
    const anomalies = (after as OrderBody & { paymentAnomalies?: Array<Record<string, unknown>> }).paymentAnomalies ?? [];
    expect(anomalies.map((a) => a.reason).sort()).toEqual(['amount_short', 'currency_mismatch', 'wrong_payment_intent']);
    expect(anomalies.find((a) => a.reason === 'amount_short')).toMatchObject({
      stripeEventId: attempts.amount_short.id,
      eventType: 'payment_intent.succeeded',
      paymentIntentId: pi(order),
      amount: { amount: 4999, currency: 'EUR' },
    });
    const published = mismatchEvents(order.id);
    expect(published.map((e) => (e.detail as { data: { reason: string } }).data.reason).sort()).toEqual(['amount_short', 'currency_mismatch', 'wrong_payment_intent']);
    expect((published[0]!.detail as { data: { expected: unknown } }).data.expected).toEqual({ paymentIntentId: pi(order), total: { amount: 5000, currency: 'EUR' } });
    expect(api.bus.recent.filter((e) => e['detail-type'] === 'order.paid' && (e.detail as { data: { orderId: string } }).data.orderId === order.id)).toHaveLength(0);

    // The other order was not paid by its intent being named elsewhere either, and the real payment still works.
    expect((await getOrder(api.call, other.id)).status).toBe('pending');
    expect((await pay(api.call, order)).delivered.status).toBe(200);
    const paid = await getOrder(api.call, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(2);
  });

  it('an event naming an order that does not exist is acknowledged (2xx) and recorded, so Stripe stops retrying', async () => {
    const id = eventId();
    const res = await succeeded(id, { id: 'pi_test_unknown0000', amountReceived: 5000, currency: 'eur', orderId: unknownId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'mismatch' });
    await api.bus.drain();
    const published = mismatchEvents(unknownId);
    expect(published).toHaveLength(1);
    expect((published[0]!.detail as { data: unknown }).data).toMatchObject({ reason: 'unknown_order', stripeEventId: id, expected: null });
    // The retry is acknowledged too, and not published again.
    expect((await succeeded(id, { id: 'pi_test_unknown0000', amountReceived: 5000, currency: 'eur', orderId: unknownId })).status).toBe(200);
    await api.bus.drain();
    expect(mismatchEvents(unknownId)).toHaveLength(1);
  });

  it('a signed event whose data.object is null or missing is a 400', async () => {
    for (const data of [{ object: null }, {}]) {
      const res = await postSigned({ id: eventId(), type: 'payment_intent.succeeded', data });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.code).toBe('invalid_payload');
    }
  });

  it('charge.refunded books only positive refunds not above the charge, of the order’s own intent', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5, price: { amount: 2500, currency: 'EUR' } });
    const order = await givenPaidOrder(api.call, event.id, type.id, { quantity: 2 });
    const other = await givenPaidOrder(api.call, event.id, type.id, { quantity: 1 });

    const misfits = await chargeRefunded(eventId(), {
      paymentIntentId: pi(order),
      orderId: order.id,
      amount: 5000,
      refunds: [
        { id: `re_test_negative${seq}`, amount: -2000 },
        { id: `re_test_zero${seq}`, amount: 0 },
        { id: `re_test_huge${seq}`, amount: 9000 },
      ],
    });
    expect(misfits.status).toBe(200);
    expect(misfits.body.outcome).toBe('mismatch');
    // Another order's intent, with this order's id in the metadata.
    const foreign = await chargeRefunded(eventId(), { paymentIntentId: pi(other), orderId: order.id, amount: 2500, refunds: [{ id: `re_test_foreign${seq}`, amount: 2500 }] });
    expect(foreign.status).toBe(200);
    expect(foreign.body.outcome).toBe('mismatch');
    await api.bus.drain();

    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('paid');
    expect(after.refunded).toEqual({ amount: 0, currency: 'EUR' });
    expect(after.tickets!.every((t) => t.status === 'valid')).toBe(true);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ sold: 3 });
    const reasons = ((after as OrderBody & { paymentAnomalies?: Array<{ reason: string }> }).paymentAnomalies ?? []).map((a) => a.reason).sort();
    expect(reasons).toEqual(['refund_exceeds_charge', 'refund_not_positive', 'refund_not_positive', 'wrong_payment_intent']);
    expect(mismatchEvents(order.id)).toHaveLength(4);
    expect((await getOrder(api.call, other.id)).refunded.amount).toBe(0);

    // A genuine partial refund in the same shape is booked.
    const genuine = await chargeRefunded(eventId(), { paymentIntentId: pi(order), orderId: order.id, amount: 5000, refunds: [{ id: `re_test_ok${seq}`, amount: 1500 }] });
    expect(genuine.body.outcome).toBe('recorded');
    expect((await getOrder(api.call, order.id)).refunded).toEqual({ amount: 1500, currency: 'EUR' });
  });
});
