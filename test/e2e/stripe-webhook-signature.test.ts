import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { paymentSucceededEvent, type OrderWithIntent } from '../support/stripe-events.ts';
import { availability, countsOf, getOrder, givenOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

const now = () => Math.floor(Date.now() / 1000);

function forgedSucceeded(order: OrderWithIntent) {
  return paymentSucceededEvent(order, 'evt_forged_0000000000000000', now());
}

function postWebhook(body: string, signature?: string) {
  return api.call('POST', '/v1/webhooks/stripe', {
    role: null,
    rawBody: body,
    headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'stripe-signature': signature }) },
  });
}

describe('a forged Stripe webhook', () => {
  it('is refused with 400 invalid_signature and changes nothing', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5 });
    const order = await givenOrder(api.call, event.id, type.id, { quantity: 2 });
    const body = forgedSucceeded(order);
    expect(body).toContain(`"amount_received":${order.total.amount}`);

    const attempts = {
      none: await postWebhook(body),
      garbage: await postWebhook(body, 'not-a-signature'),
      badMac: await postWebhook(body, `t=${now()},v1=${'0'.repeat(64)}`),
      wrongSecret: await postWebhook(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_not_ours' })),
      // Signed with the right secret, but for other bytes (the body was tampered with after signing).
      tampered: await postWebhook(
        body.replace(`"amount_received":${order.total.amount}`, '"amount_received":1'),
        Stripe.webhooks.generateTestHeaderString({ payload: body, secret: api.stripe.webhookSecret }),
      ),
      // The right secret, but a signature from an hour ago: a replay.
      stale: await postWebhook(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: api.stripe.webhookSecret, timestamp: now() - 3600 })),
    };
    for (const [name, res] of Object.entries(attempts)) {
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 400, code: 'invalid_signature' });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      // No secret, header or stack trace in the answer.
      expect(JSON.stringify(res.body)).not.toContain(api.stripe.webhookSecret);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }

    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('pending');
    expect(after.tickets).toBeUndefined();
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 5, sold: 0, held: 2, available: 3 });
    await api.bus.drain();
    expect(api.bus.recent.filter((e) => e['detail-type'] === 'order.paid')).toHaveLength(0);

    // Control: the very same bytes, properly signed, are accepted — so the refusals above were the signature's doing.
    const genuine = await postWebhook(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: api.stripe.webhookSecret }));
    expect(genuine.status).toBe(200);
    expect(genuine.body).toEqual({ received: true, outcome: 'paid' });
    expect((await getOrder(api.call, order.id)).status).toBe('paid');
  });
});
