import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import {
  availability,
  buy,
  countsOf,
  getOrder,
  givenOrder,
  givenPaidOrder,
  givenPublishedEvent,
  givenTicketType,
  hours,
  listAllOrders,
  pay,
  unknownId,
} from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('cancel', () => {
  it('cancels a pending order and releases its seats', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5 });
    const order = await givenOrder(api.call, event.id, type.id, { quantity: 3 });
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 5, sold: 0, held: 3, available: 2 });

    const res = await api.call('POST', `/v1/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('canceled');
    expect(res.body.canceledAt).toBeTruthy();
    expect((await getOrder(api.call, order.id)).status).toBe('canceled');
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 5, sold: 0, held: 0, available: 5 });

    const twice = await api.call('POST', `/v1/orders/${order.id}/cancel`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('invalid_transition');
  });

  it('refuses to cancel a paid order: 409 refund_required, nothing changes', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5 });
    const order = await givenPaidOrder(api.call, event.id, type.id, { quantity: 2 });

    const res = await api.call('POST', `/v1/orders/${order.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('refund_required');
    const after = await getOrder(api.call, order.id);
    expect(after.status).toBe('paid');
    expect(after.tickets!.every((t) => t.status === 'valid')).toBe(true);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 5, sold: 2, held: 0, available: 3 });
  });
});

describe('a seat freed right after a sell-out', () => {
  it('is sold again with a PaymentIntent on the order (taken seats first, then the intent), and can be paid', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 2 });
    const first = await givenOrder(api.call, event.id, type.id);
    await givenOrder(api.call, event.id, type.id);
    const refused = await buy(api.call, event.id, type.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('sold_out');
    // Refused again at once: the process remembers the sell-out and reads before it writes.
    expect((await buy(api.call, event.id, type.id)).body.code).toBe('sold_out');

    expect((await api.call('POST', `/v1/orders/${first.id}/cancel`)).status).toBe(200);
    const again = await buy(api.call, event.id, type.id);
    expect(again.status).toBe(201);
    expect(again.body.payment).toMatchObject({ provider: 'stripe', paymentIntentId: expect.stringMatching(/^pi_/), clientSecret: expect.any(String) });
    expect((await getOrder(api.call, again.body.id)).payment?.paymentIntentId).toBe(again.body.payment.paymentIntentId);
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 2, sold: 0, held: 2, available: 0 });

    expect((await pay(api.call, again.body)).delivered.status).toBe(200);
    expect((await getOrder(api.call, again.body.id)).status).toBe('paid');
    expect(countsOf(await availability(api.call, event.id), type.id)).toEqual({ capacity: 2, sold: 1, held: 1, available: 0 });
  });
});

describe('order validation', () => {
  it('refuses a draft event, a sale not started, too many per order and an unknown ticket type with 422', async () => {
    const draft = await givenPublishedEvent(api.call, { publish: false });
    const draftType = await givenTicketType(api.call, draft.id, { capacity: 5 });
    const notOnSale = await buy(api.call, draft.id, draftType.id);
    expect(notOnSale.status).toBe(422);
    expect(notOnSale.body.code).toBe('event_not_on_sale');

    const event = await givenPublishedEvent(api.call);
    const later = await givenTicketType(api.call, event.id, { name: 'Late release', capacity: 5, salesStartAt: hours(2) });
    const early = await buy(api.call, event.id, later.id);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('sales_not_started');

    const type = await givenTicketType(api.call, event.id, { capacity: 50, maxPerOrder: 4 });
    const tooMany = await buy(api.call, event.id, type.id, { quantity: 5 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('max_per_order_exceeded');
    // Split across two lines of the same type is still too many.
    const split = await buy(api.call, event.id, [
      { ticketTypeId: type.id, quantity: 3 },
      { ticketTypeId: type.id, quantity: 2 },
    ]);
    expect(split.status).toBe(422);
    expect(split.body.code).toBe('max_per_order_exceeded');

    const unknown = await buy(api.call, event.id, unknownId);
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('unknown_ticket_type');

    for (const res of [notOnSale, early, tooMany, split, unknown]) expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await listAllOrders(api.call, event.id)).items).toHaveLength(0);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ held: 0, sold: 0, available: 50 });
  });
});

describe('tickets and lists', () => {
  it("serves a ticket's QR code as SVG", async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5 });
    const order = await givenPaidOrder(api.call, event.id, type.id);
    const ticket = order.tickets![0]!;
    const res = await api.call('GET', `/v1/tickets/${ticket.id}/qr`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(String(res.body)).toMatch(/<svg[\s>]/);
    expect((await api.call('GET', `/v1/tickets/${ticket.id}/qr`, { role: null })).status).toBe(401);
  });

  it('pages through paid orders with ?status=paid&limit= without loss or repeat', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 50 });
    const paid = [];
    for (let i = 0; i < 7; i++) paid.push(await givenPaidOrder(api.call, event.id, type.id));
    // Noise of other statuses that must not show up.
    await givenOrder(api.call, event.id, type.id);
    const canceled = await givenOrder(api.call, event.id, type.id);
    await api.call('POST', `/v1/orders/${canceled.id}/cancel`);

    const { items, pages } = await listAllOrders(api.call, event.id, { status: 'paid', limit: 3 });
    expect(pages.slice(0, 3)).toEqual([3, 3, 1]);
    expect(pages.slice(3).every((n) => n === 0)).toBe(true);
    const ids = items.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(paid.map((o) => o.id)));
    expect(items.every((o) => o.status === 'paid')).toBe(true);

    const bad = await api.call('GET', `/v1/events/${event.id}/orders?status=paid&cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
  });
});
