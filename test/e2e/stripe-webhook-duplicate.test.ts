import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import {
  availability,
  buyerEmail,
  countsOf,
  emailsTo,
  getOrder,
  givenOrder,
  givenPublishedEvent,
  givenTicketType,
  pay,
  type DevStripeOutcome,
} from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('the same Stripe webhook delivered several times at once', () => {
  it('pays the order once: N tickets, one email, ordersCount 1', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 20 });
    const email = buyerEmail('dup');
    const order = await givenOrder(api.call, event.id, type.id, { email, quantity: 3 });

    const first = await pay(api.call, order);
    expect(first.event.type).toBe('payment_intent.succeeded');
    expect(first.delivered.status).toBe(200);

    const resends = await Promise.all(
      Array.from({ length: 6 }, () => api.call<DevStripeOutcome>('POST', `/dev/stripe/events/${first.event.id}/resend`, { role: null })),
    );
    for (const r of resends) {
      expect(r.status).toBe(200);
      expect(r.body.event.id).toBe(first.event.id);
      // Stripe must hear 2xx, or it retries for days.
      expect(r.body.delivered.status).toBe(200);
    }
    await api.stripe.idle();
    await api.bus.drain();

    const paid = await getOrder(api.call, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(3);
    expect(new Set(paid.tickets!.map((t) => t.id)).size).toBe(3);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 20, sold: 3, held: 0, available: 17 });

    const paidEvents = api.bus.recent.filter((e) => e['detail-type'] === 'order.paid' && (e.detail as any).data.orderId === order.id);
    expect(paidEvents).toHaveLength(1);

    const mails = await emailsTo(api.mailUrl, email);
    expect(mails).toHaveLength(1);

    const contacts = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
    expect(contacts.status).toBe(200);
    expect(contacts.body.items).toHaveLength(1);
    expect(contacts.body.items[0]).toMatchObject({ email, ordersCount: 1 });

    const deliveries = (await api.call('GET', `/dev/stripe/events/${first.event.id}`, { role: null })).body.deliveries;
    expect(deliveries).toHaveLength(7);
  });

  it('pays once when the FIRST deliveries race while the order is still pending', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 20 });
    const email = buyerEmail('race');
    const order = await givenOrder(api.call, event.id, type.id, { email, quantity: 2 });

    // The payment succeeds while our endpoint is unreachable, so nothing is applied yet…
    const webhookUrl = api.stripe.webhookUrl;
    api.stripe.setWebhookUrl(undefined);
    let first: DevStripeOutcome;
    try {
      first = await pay(api.call, order);
    } finally {
      api.stripe.setWebhookUrl(webhookUrl);
    }
    expect(first.delivered.status).toBeNull();
    expect((await getOrder(api.call, order.id)).status).toBe('pending');

    // …then Stripe delivers the same event several times at once.
    const resends = await Promise.all(
      Array.from({ length: 5 }, () => api.call<DevStripeOutcome>('POST', `/dev/stripe/events/${first.event.id}/resend`, { role: null })),
    );
    for (const r of resends) expect(r.body.delivered.status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();

    const paid = await getOrder(api.call, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(2);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 20, sold: 2, held: 0, available: 18 });
    expect(api.bus.recent.filter((e) => e['detail-type'] === 'order.paid' && (e.detail as any).data.orderId === order.id)).toHaveLength(1);
    expect(await emailsTo(api.mailUrl, email)).toHaveLength(1);
    const contacts = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
    expect(contacts.body.items).toHaveLength(1);
    expect(contacts.body.items[0].ordersCount).toBe(1);
  });
});
