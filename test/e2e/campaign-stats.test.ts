import { describe, expect, it } from 'vitest';
import { givenCampaign, givenContacts, givenReadySegment, mailFor } from '../support/campaign-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';
import { givenSentCampaign, oneClick, sesEvent, statsOf } from '../support/campaign-tracking-fixtures.ts';
import { buyerEmail, getOrder, givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';

process.env.CAMPAIGN_MAX_SEND_RATE = '500';

const api = useTestApi();

/** A storefront order placed from a campaign link (the `rt` of the link passed on as campaignToken), then paid. */
async function paidOrderVia(eventId: string, ticketTypeId: string, quantity: number, campaignToken?: string) {
  const res = await api.call('POST', `/v1/events/${eventId}/orders`, {
    role: null,
    body: { buyer: { email: buyerEmail('campaign') }, items: [{ ticketTypeId, quantity }], ...(campaignToken !== undefined && { campaignToken }) },
  });
  expect(res.status).toBe(201);
  await pay(api.call, res.body);
  expect((await getOrder(api.call, res.body.id)).status).toBe('paid');
  return res.body as { id: string; total: { amount: number; currency: string } };
}

describe('campaign stats', () => {
  it('are exact after a scripted sequence of sends, skips, SES events (with duplicates) and unsubscribes', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 10, {
      skipped: { skipped_unsubscribed: 2, skipped_suppressed: 1, skipped_no_consent: 3, skipped_invalid_email: 1 },
    });
    const r = recipients;
    // 8 delivered (one twice), 1 hard bounce, 1 soft bounce.
    for (const x of r.slice(0, 8)) await sesEvent(api.call, x.messageId, 'Delivery');
    await sesEvent(api.call, r[0]!.messageId, 'Delivery');
    await sesEvent(api.call, r[8]!.messageId, 'Bounce', { bounceType: 'Permanent' });
    await sesEvent(api.call, r[9]!.messageId, 'Bounce', { bounceType: 'Transient' });
    // 5 unique openers (r0 opens three times), 2 unique clickers (r1 clicks twice).
    for (const x of r.slice(0, 5)) await sesEvent(api.call, x.messageId, 'Open');
    await sesEvent(api.call, r[0]!.messageId, 'Open');
    await sesEvent(api.call, r[0]!.messageId, 'Open');
    await sesEvent(api.call, r[1]!.messageId, 'Click');
    await sesEvent(api.call, r[1]!.messageId, 'Click');
    await sesEvent(api.call, r[2]!.messageId, 'Click');
    // 1 complaint, 2 unsubscribes (one clicked twice).
    await sesEvent(api.call, r[7]!.messageId, 'Complaint');
    await api.bus.drain();
    await oneClick(api.call, r[3]!.unsubscribeToken);
    await oneClick(api.call, r[4]!.unsubscribeToken);
    await oneClick(api.call, r[4]!.unsubscribeToken);
    await api.bus.drain();

    const stats = await statsOf(api.call, campaignId);
    expect(stats).toMatchObject({
      campaignId,
      status: 'sent',
      audience: 17,
      sent: 10,
      failed: 0,
      delivered: 8,
      uniqueOpens: 5,
      uniqueClicks: 2,
      bounced: 2,
      complained: 1,
      unsubscribed: 2,
      skipped: { unsubscribed: 2, suppressed: 1, noConsent: 3, invalidEmail: 1, total: 7 },
      rates: { delivery: 0.8, open: 0.625, click: 0.25, bounce: 0.2, complaint: 0.125, unsubscribe: 0.25 },
      attribution: { windowDays: 7, orders: 0, revenue: [] },
      budget: null,
      roi: null,
    });
  });

  it('rates are null while nothing was sent or delivered', async () => {
    const { campaignId } = await givenSentCampaign(api.call, 0);
    const stats = await statsOf(api.call, campaignId);
    expect(stats.rates).toEqual({ delivery: null, open: null, click: null, bounce: null, complaint: null, unsubscribe: null });
  });

  it('attributes paid orders that came through a recipient token within the window, net of refunds, with ROI against the budget', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 100, price: { amount: 2500, currency: 'EUR' } });
    const { campaignId, recipients } = await givenSentCampaign(api.call, 3, { budget: { amount: 4000, currency: 'EUR' } });
    const [a, b, c] = recipients as [(typeof recipients)[number], (typeof recipients)[number], (typeof recipients)[number]];

    await paidOrderVia(event.id, type.id, 2, a.recipientToken); // 5000
    const second = await paidOrderVia(event.id, type.id, 1, b.recipientToken); // 2500
    await paidOrderVia(event.id, type.id, 1); // no token: not the campaign's
    await paidOrderVia(event.id, type.id, 1, `${c.recipientToken.slice(0, -2)}AA`); // forged: ignored, the sale still goes through
    await paidOrderVia(event.id, type.id, 1, c.unsubscribeToken); // an unsubscribe token is not a recipient token
    await api.bus.drain();

    let stats = await statsOf(api.call, campaignId);
    expect(stats.attribution).toEqual({ windowDays: 7, orders: 2, revenue: [{ amount: 7500, currency: 'EUR' }] });
    expect(stats.budget).toEqual({ amount: 4000, currency: 'EUR' });
    expect(stats.roi).toBe(0.875); // (7500 − 4000) / 4000

    // A partial refund of 1000 on the second order: revenue is net of it.
    const refund = await api.call('POST', `/v1/orders/${second.id}/refund`, { body: { amount: 1000 } });
    expect(refund.status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();
    stats = await statsOf(api.call, campaignId);
    expect(stats.attribution.revenue).toEqual([{ amount: 6500, currency: 'EUR' }]);
    expect(stats.roi).toBe(0.625); // (6500 − 4000) / 4000

    // Redelivered order.paid events change nothing (one attribution item per order).
    await api.bus.drain();
    expect((await statsOf(api.call, campaignId)).attribution.orders).toBe(2);
  });

  it('ROI has 4 decimals, and an order after the window does not count', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 100, price: { amount: 1000, currency: 'EUR' } });
    const recent = await givenSentCampaign(api.call, 1, { budget: { amount: 3000, currency: 'EUR' } });
    const old = await givenSentCampaign(api.call, 1, { budget: { amount: 3000, currency: 'EUR' }, sentAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    await paidOrderVia(event.id, type.id, 1, recent.recipients[0]!.recipientToken);
    await paidOrderVia(event.id, type.id, 1, old.recipients[0]!.recipientToken);
    await api.bus.drain();
    const fresh = await statsOf(api.call, recent.campaignId);
    expect(fresh.attribution.revenue).toEqual([{ amount: 1000, currency: 'EUR' }]);
    expect(fresh.roi).toBe(-0.6667); // (1000 − 3000) / 3000 = −0.66666…
    const stale = await statsOf(api.call, old.campaignId);
    expect(stale.attribution).toMatchObject({ orders: 0, revenue: [] });
    expect(stale.roi).toBe(-1);
  });

  it('needs campaigns:read, and 404s an unknown campaign', async () => {
    const { campaignId } = await givenSentCampaign(api.call, 0);
    expect((await api.call('GET', `/v1/campaigns/${campaignId}/stats`, { role: 'marketing' })).status).toBe(200);
    expect((await api.call('GET', `/v1/campaigns/${campaignId}/stats`, { role: 'scanner' })).status).toBe(403);
    expect((await api.call('GET', `/v1/campaigns/${campaignId}/stats`, { role: null })).status).toBe(401);
    expect((await api.call('GET', '/v1/campaigns/01JD0000000000000000000099/stats')).status).toBe(404);
  });

  it('end to end: the rt of a link in the mail a recipient got, passed on by the storefront, attributes the order', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 10, price: { amount: 1500, currency: 'EUR' } });
    const tag = uniqueTag();
    const [contact] = await givenContacts(api.call, 1, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, () => api.bus.drain(), tag);
    const campaign = await givenCampaign(api.call, { audience: { segmentId }, budget: { amount: 1000, currency: 'EUR' } });
    expect((await api.call('POST', `/v1/campaigns/${campaign.id}/send`)).status).toBe(202);
    await api.bus.drain();
    const [mail] = (await mailFor(api.mailUrl, [contact!.email])).get(contact!.email)!;
    const link = /href="(https:\/\/shop\.example\.com\/tickets[^"]*)"/.exec(mail!.body.html ?? '')![1]!.replaceAll('&amp;', '&');
    const rt = new URL(link).searchParams.get('rt')!;
    await paidOrderVia(event.id, type.id, 2, rt);
    await api.bus.drain();
    const stats = await statsOf(api.call, campaign.id);
    expect(stats.attribution).toEqual({ windowDays: 7, orders: 1, revenue: [{ amount: 3000, currency: 'EUR' }] });
    expect(stats.roi).toBe(2);
  });
});
