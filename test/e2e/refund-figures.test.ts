import type { Context, EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { givenSentCampaign, statsOf } from '../support/campaign-tracking-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, getOrder, givenOrder, givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';

process.env.CAMPAIGN_MAX_SEND_RATE = '500';

const api = useTestApi();

async function contactByEmail(email: string) {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  expect(res.body.items).toHaveLength(1);
  return res.body.items[0] as { id: string; ordersCount: number; lifetimeValue: { amount: number; currency: string } | null };
}

async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
}

describe('figures stay true after refunds', () => {
  it("a refund lowers the buyer's lifetime value and the campaign's attributed revenue by what was refunded, once per event", async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 10, price: { amount: 2500, currency: 'EUR' } });
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const email = buyerEmail('ltv');
    const res = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email }, items: [{ ticketTypeId: type.id, quantity: 2 }], campaignToken: recipients[0]!.recipientToken },
    });
    expect(res.status).toBe(201);
    await pay(api.call, res.body);
    await settle();
    const orderId = res.body.id as string;
    expect((await contactByEmail(email)).lifetimeValue).toEqual({ amount: 5000, currency: 'EUR' });
    expect((await statsOf(api.call, campaignId)).attribution.revenue).toEqual([{ amount: 5000, currency: 'EUR' }]);

    expect((await api.call('POST', `/v1/orders/${orderId}/refund`, { body: { amount: 1500 } })).status).toBe(200);
    await settle();
    expect((await contactByEmail(email)).lifetimeValue).toEqual({ amount: 3500, currency: 'EUR' });
    expect((await statsOf(api.call, campaignId)).attribution.revenue).toEqual([{ amount: 3500, currency: 'EUR' }]);

    // The bus delivers at least once: the same refund event again takes nothing more off.
    const refunded = api.bus.recent.find((e) => e['detail-type'] === 'order.refunded' && (e.detail as { data: { orderId: string } }).data.orderId === orderId)!;
    const { handler } = await import('#functions/consumers/crm-timeline-refund.ts');
    await handler(refunded as EventBridgeEvent<string, unknown>, { awsRequestId: 'redelivery', functionName: 'crm-timeline-refund' } as Context);
    expect((await contactByEmail(email)).lifetimeValue).toEqual({ amount: 3500, currency: 'EUR' });

    expect((await api.call('POST', `/v1/orders/${orderId}/refund`, { body: {} })).status).toBe(200);
    await settle();
    const contact = await contactByEmail(email);
    expect(contact.lifetimeValue).toEqual({ amount: 0, currency: 'EUR' });
    expect(contact.ordersCount).toBe(1);
    expect((await statsOf(api.call, campaignId)).attribution.revenue).toEqual([{ amount: 0, currency: 'EUR' }]);
  });

  it('a payment that failed and then succeeded no longer shows the old failure on the order', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 10 });
    const order = await givenOrder(api.call, event.id, type.id);
    const failed = await api.call('POST', `/dev/stripe/payment_intents/${order.payment!.paymentIntentId}/fail`, { role: null, body: { declineCode: 'insufficient_funds' } });
    expect(failed.status).toBe(200);
    const declined = await getOrder(api.call, order.id);
    expect(declined.status).toBe('pending');
    expect(declined.payment).toMatchObject({ status: 'failed', failure: 'Your card was declined.' });

    expect((await pay(api.call, order)).delivered.status).toBe(200);
    const paid = await getOrder(api.call, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.payment!.status).toBe('succeeded');
    expect(paid.payment).not.toHaveProperty('failure');
  });
});
