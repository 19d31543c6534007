import Stripe from 'stripe';
import { LOCAL_STRIPE_WEBHOOK_SECRET } from '#packages/local/stripe-standin/defaults.ts';
import { givenVenue, hours } from '../../support/fixtures.ts';
import { givenOrder, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../../support/sales-fixtures.ts';
import { givenSeatedEvent, gridMap } from '../../support/seating-fixtures.ts';
import { paymentSucceededEvent, type OrderWithIntent } from '../../support/stripe-events.ts';
import { ok, uniq, type Scenario } from './kit.ts';

/** The event Stripe sends when a pending order's intent succeeds, signed with the local webhook secret. */
function signedSucceeded(order: OrderWithIntent) {
  const payload = paymentSucceededEvent(order, `evt_cov${uniq()}${uniq()}`);
  const secret = process.env.STRIPE_WEBHOOK_SECRET || LOCAL_STRIPE_WEBHOOK_SECRET;
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

export const salesScenarios: Record<string, Scenario> = {
  'POST /v1/orders/{id}/refund': async (call) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { capacity: 10 });
    const order = await givenPaidOrder(call, event.id, type.id, { quantity: 2 });
    return { path: `/v1/orders/${order.id}/refund`, body: { reason: 'cannot come' } };
  },
  // Counted by action (the caller is Stripe): the stand-in's own deliveries (a refund's charge.refunded) land first.
  'POST /v1/webhooks/stripe': async (call, _user, stack) => {
    await stack.stripe.idle();
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { capacity: 10 });
    const { payload, signature } = signedSucceeded(await givenOrder(call, event.id, type.id, { quantity: 1 }));
    return { path: '/v1/webhooks/stripe', rawBody: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
  },
  'POST /v1/events/{id}/check-ins/batch': async (call) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { capacity: 10 });
    const order = await givenPaidOrder(call, event.id, type.id, { quantity: 2 });
    const scans = order.tickets!.map((t, i) => ({ code: t.code, scannedAt: hours(-0.5), nonce: `n${i}` }));
    return { path: `/v1/events/${event.id}/check-ins/batch`, body: { deviceId: 'gate-offline', scans } };
  },
  'POST /v1/events/{id}/seats/block': async (call) => {
    const { event } = await givenSeatedEvent(call, { rows: 2, perRow: 6 });
    return { path: `/v1/events/${event.id}/seats/block`, body: { seatGuids: ['s1-1-1', 's1-1-2'] } };
  },
  'POST /v1/events/{id}/seats/release': async (call) => {
    const { event } = await givenSeatedEvent(call, { rows: 2, perRow: 6 });
    await ok(call, 'POST', `/v1/events/${event.id}/seats/block`, { seatGuids: ['s1-1-1', 's1-1-2'] });
    return { path: `/v1/events/${event.id}/seats/release`, body: { seatGuids: ['s1-1-1', 's1-1-2'] } };
  },
  'POST /v1/venues/{id}/seat-maps': async (call) => ({ path: `/v1/venues/${(await givenVenue(call)).id}/seat-maps`, body: { map: gridMap({ rows: 2, perRow: 5 }) } }),
  'DELETE /v1/venues/{id}/seat-maps/{version}': async (call) => {
    const venue = await givenVenue(call);
    const map = await ok(call, 'POST', `/v1/venues/${venue.id}/seat-maps`, { map: gridMap({ rows: 2, perRow: 5 }) });
    return { path: `/v1/venues/${venue.id}/seat-maps/${map.version}` };
  },
};
