import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { buy, getOrder, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

const payments = () => import('#packages/payments/stripe-client.ts');

async function givenPaid() {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 10, price: { amount: 2500, currency: 'EUR' } });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity: 2 }); // 5000
  return { event, type, order };
}

async function paidOutBy(paymentIntentId: string) {
  const refunds = await (await payments()).listRefunds(paymentIntentId);
  return refunds.reduce((s, r) => s + r.amount, 0);
}

const refund = (orderId: string, body: Record<string, unknown>, key?: string) =>
  api.call('POST', `/v1/orders/${orderId}/refund`, { body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });

afterEach(async () => {
  api.stripe.faults.clear();
  delete process.env.STRIPE_TIMEOUT_MS;
  delete process.env.STRIPE_CONNECT_TIMEOUT_MS;
  await api.stripe.idle();
  await api.bus.drain();
});

describe('Stripe refusing a refund', () => {
  it.each([
    ['amount_too_large', 409],
    ['charge_already_refunded', 409],
    ['card_declined', 422],
  ])('%s → %i problem+json with Stripe’s code, and the reserved amount is given back', async (code, status) => {
    const { order } = await givenPaid();
    api.stripe.faults.refuseNextRefund(code, code === 'card_declined' ? { declineCode: 'expired_card' } : {});

    const refused = await refund(order.id, { amount: 1000 });
    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ status, code, provider: 'stripe', refundable: 5000 });
    if (code === 'card_declined') expect(refused.body.declineCode).toBe('expired_card');
    expect((await getOrder(api.call, order.id)).refunded.amount).toBe(0);

    // Nothing stays reserved: the whole amount can still be refunded, and Stripe paid exactly that.
    const full = await refund(order.id, {});
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ status: 'refunded', refunded: { amount: 5000, currency: 'EUR' } });
    await api.stripe.idle();
    expect(await paidOutBy(order.payment!.paymentIntentId)).toBe(5000);
  });
});

describe('Stripe hanging or down', () => {
  it('a hanging Stripe: the refund answers 503 payment_unavailable with Retry-After within the SDK bound; the same request retried pays once', async () => {
    // Short bounds, so the test does not wait for the production ones (1 s connect, 2.5 s per attempt, one retry).
    process.env.STRIPE_TIMEOUT_MS = '300';
    const { order } = await givenPaid();
    const key = randomUUID();
    api.stripe.faults.hang();

    const hung = await refund(order.id, { amount: 1000 }, key);
    expect(hung.status).toBe(503);
    expect(hung.headers.get('content-type')).toBe('application/problem+json');
    expect(hung.headers.get('retry-after')).toBe('5');
    expect(hung.body).toMatchObject({ status: 503, code: 'payment_unavailable' });
    expect((await getOrder(api.call, order.id)).refunded.amount).toBe(0);

    // Stripe is back; the client retries the same request: the same Stripe refund, once.
    api.stripe.faults.clear();
    const retried = await refund(order.id, { amount: 1000 }, key);
    expect(retried.status).toBe(200);
    expect(retried.body.refunded).toEqual({ amount: 1000, currency: 'EUR' });
    await api.stripe.idle();
    expect(await paidOutBy(order.payment!.paymentIntentId)).toBe(1000);
    // The rest is still refundable: nothing was left reserved.
    expect((await refund(order.id, { amount: 4000 })).status).toBe(200);
  });

  it('a Stripe that is down: refunds and new orders answer 503 payment_unavailable with Retry-After, never 500, and change nothing', async () => {
    const { event, type, order } = await givenPaid();
    api.stripe.faults.down();

    const refused = await refund(order.id, {});
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body.code).toBe('payment_unavailable');
    expect((await getOrder(api.call, order.id)).status).toBe('paid');

    const ordered = await buy(api.call, event.id, type.id);
    expect(ordered.status).toBe(503);
    expect(ordered.headers.get('retry-after')).toBe('5');
    expect(ordered.body.code).toBe('payment_unavailable');

    // Back up: a full refund resumes the one that was reserved, and Stripe pays it once.
    api.stripe.faults.clear();
    const done = await refund(order.id, {});
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('refunded');
    await api.stripe.idle();
    expect(await paidOutBy(order.payment!.paymentIntentId)).toBe(5000);
  });
});
