import { givenPromoter } from './promoter-fixtures.ts';
import { givenPlan } from './promoter-fixtures.ts';
import { buyerEmail, givenPaidOrder, givenPublishedEvent, givenTicketType, hours, type OrderBody } from './sales-fixtures.ts';
import type { ApiCaller } from './local-api.ts';

/**
 * Two events of one organiser with sales, refunds, a promoter's sale and
 * check-ins, all through the HTTP API, for the report tests. What each
 * figure should be is written next to what makes it.
 */
export interface ReportSeed {
  early: { id: string; name: string };
  late: { id: string; name: string };
  emails: { alice: string; bob: string; carol: string; dave: string; erin: string };
  promoterId: string;
  /** The window both events start in. */
  from: string;
  to: string;
}

async function scanAll(call: ApiCaller, eventId: string, order: OrderBody) {
  for (const ticket of order.tickets ?? []) {
    const res = await call('POST', `/v1/events/${eventId}/check-ins`, { body: { code: ticket.code, deviceId: 'gate-1' }, role: 'scanner' });
    if (res.status !== 201 || res.body.status !== 'ok') throw new Error(`scan: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function seedReports(call: ApiCaller, drain: () => Promise<unknown>, names: { early?: string; late?: string } = {}): Promise<ReportSeed> {
  const emails = { alice: buyerEmail('alice'), bob: buyerEmail('bob'), carol: buyerEmail('carol'), dave: buyerEmail('dave'), erin: buyerEmail('erin') };
  const earlyName = names.early ?? 'Spring Night';
  const lateName = names.late ?? 'Summer Night';
  // Early: 5 days out, 100 seats at 25.00; late: 20 days out, 50 seats at 40.00.
  const early = await givenPublishedEvent(call, { name: earlyName, startsAt: hours(5 * 24), endsAt: hours(5 * 24 + 6) });
  const earlyType = await givenTicketType(call, early.id, { capacity: 100, price: { amount: 2500, currency: 'EUR' } });
  const late = await givenPublishedEvent(call, { name: lateName, startsAt: hours(20 * 24), endsAt: hours(20 * 24 + 6) });
  const lateType = await givenTicketType(call, late.id, { capacity: 50, price: { amount: 4000, currency: 'EUR' } });

  // Early: alice 2 (50.00), bob 1 (25.00), carol 3 (75.00, refunded in full), dave 1 (25.00, 10.00 refunded)
  // → 4 tickets, net 90.00; alice's 2 and bob's 1 scanned in → 3 of 4 attended.
  const alice1 = await givenPaidOrder(call, early.id, earlyType.id, { email: emails.alice, quantity: 2 });
  const bob = await givenPaidOrder(call, early.id, earlyType.id, { email: emails.bob, quantity: 1 });
  const carol = await givenPaidOrder(call, early.id, earlyType.id, { email: emails.carol, quantity: 3 });
  const dave = await givenPaidOrder(call, early.id, earlyType.id, { email: emails.dave, quantity: 1 });
  for (const [order, body] of [[carol, {}], [dave, { amount: 1000 }]] as const) {
    const res = await call('POST', `/v1/orders/${order.id}/refund`, { body });
    if (res.status !== 200) throw new Error(`refund: ${res.status} ${JSON.stringify(res.body)}`);
  }

  // Late: alice 1 (40.00), erin 2 (80.00), and 1 (40.00) through a promoter on 10 % commission
  // → 4 tickets, net 160.00; alice's ticket scanned in → 1 of 4 attended.
  const alice2 = await givenPaidOrder(call, late.id, lateType.id, { email: emails.alice, quantity: 1 });
  await givenPaidOrder(call, late.id, lateType.id, { email: emails.erin, quantity: 2 });
  const plan = await givenPlan(call);
  const { promoter } = await givenPromoter(call, { planId: plan.id });
  const viaPromoter = await call('POST', `/v1/events/${late.id}/orders`, {
    role: null,
    body: { buyer: { email: buyerEmail('promo'), firstName: 'Club', lastName: 'Goer' }, items: [{ ticketTypeId: lateType.id, quantity: 1 }], promoterCode: promoter.code },
  });
  if (viaPromoter.status !== 201) throw new Error(`promoter order: ${viaPromoter.status} ${JSON.stringify(viaPromoter.body)}`);
  const paid = await call('POST', `/dev/stripe/payment_intents/${viaPromoter.body.payment.paymentIntentId}/succeed`, { role: null });
  if (paid.status !== 200) throw new Error(`pay: ${paid.status}`);
  await drain();

  await scanAll(call, early.id, alice1);
  await scanAll(call, early.id, bob);
  await scanAll(call, late.id, alice2);
  await drain();

  return {
    early: { id: early.id, name: earlyName },
    late: { id: late.id, name: lateName },
    emails,
    promoterId: promoter.id,
    from: hours(-1),
    to: hours(30 * 24),
  };
}
