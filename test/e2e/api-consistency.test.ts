import { describe, expect, it } from 'vitest';
import { givenContact } from '../support/contact-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { getOrder as getOrderBody, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

type Refund = { id: string; amount: { amount: number; currency: string }; reason?: string; refundedAt: string; automatic: boolean };
const getOrder = async (...args: Parameters<typeof getOrderBody>) => (await getOrderBody(...args)) as Awaited<ReturnType<typeof getOrderBody>> & { refunds?: Refund[] };

/**
 * Issue 18, item 7: an API that reads as one. Documented defaults instead of
 * fields required without a reason, one name for one idea (old names still
 * accepted, as deprecated aliases), an order that lists its refunds, and a
 * full refund without a body.
 */
const api = useTestApi();

describe('documented defaults', () => {
  it('creates a ticket type without maxPerOrder: it defaults to 10, and 11 in one order is refused', async () => {
    const event = await givenPublishedEvent(api.call);
    const res = await api.call('POST', `/v1/events/${event.id}/ticket-types`, {
      body: { name: 'General admission', price: { amount: 2500, currency: 'EUR' }, capacity: 100 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.maxPerOrder).toBe(10);
    const tooMany = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email: 'many@example.com' }, items: [{ ticketTypeId: res.body.id, quantity: 11 }] },
    });
    expect(tooMany.status).toBe(422);
  });
});

describe('refunds on the order', () => {
  it('a full refund needs no body; the order lists each refund with amount, time and reason, not automatic', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { price: { amount: 3000, currency: 'EUR' } });
    const order = await givenPaidOrder(api.call, event.id, [{ ticketTypeId: type.id, quantity: 2 }]);
    expect((await getOrder(api.call, order.id)).refunds).toBeUndefined();

    const partial = await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 1000, reason: 'Parking not available' } });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    const rest = await api.call('POST', `/v1/orders/${order.id}/refund`);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();

    const refunded = await getOrder(api.call, order.id);
    expect(refunded.status).toBe('refunded');
    expect(refunded.refunds).toEqual([
      { id: expect.any(String), amount: { amount: 1000, currency: 'EUR' }, reason: 'Parking not available', refundedAt: expect.any(String), automatic: false },
      expect.objectContaining({ amount: { amount: 5000, currency: 'EUR' }, automatic: false }),
    ]);
    expect(refunded.refunds![0]!.refundedAt <= refunded.refunds![1]!.refundedAt).toBe(true);
  });
});

describe('one name for one idea', () => {
  it("an interaction's text is `body`, as a note's; `content` is still accepted and answered (deprecated)", async () => {
    const contact = await givenContact(api.call, { email: `names-${Date.now()}@example.com` });
    const created = await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'call', subject: 'Group tickets', body: 'Wants 20 tickets' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ body: 'Wants 20 tickets', content: 'Wants 20 tickets' });

    const old = await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'call', subject: 'Old client', content: 'Sent by an old client' } });
    expect(old.status).toBe(201);
    expect((await api.call('GET', `/v1/interactions/${old.body.id}`)).body).toMatchObject({ body: 'Sent by an old client' });

    const patched = await api.call('PATCH', `/v1/interactions/${old.body.id}`, { body: { body: 'Changed through body' } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ body: 'Changed through body', content: 'Changed through body' });

    const both = await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'call', subject: 'x', body: 'a', content: 'b' } });
    expect(both.status).toBe(400);
  });

  it("a scan's audit row says `status` (ok, duplicate, refused) and `code`, like the scan's answer; `result` stays", async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id);
    const order = await givenPaidOrder(api.call, event.id, type.id);
    const code = order.tickets![0]!.code;
    const scan = (body: Record<string, unknown>) => api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { deviceId: 'gate-1', ...body }, role: 'scanner' });
    const first = await scan({ code });
    expect(first.status).toBe(201);
    expect(first.body.checkIn).toMatchObject({ status: 'ok', result: 'ok' });
    const again = await scan({ code });
    expect(again.status).toBeGreaterThanOrEqual(200);

    const trail = await api.call('GET', `/v1/events/${event.id}/check-ins`);
    expect(trail.status).toBe(200);
    const rows = trail.body.items as Array<{ status: string; code?: string; result: string }>;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows).toContainEqual(expect.objectContaining({ status: 'ok', result: 'ok' }));
    // Every row in the words of a scan's answer; the old `result` still says the same.
    for (const row of rows) {
      if (row.result === 'ok' || row.result === 'duplicate') expect(row).toMatchObject({ status: row.result });
      else expect(row).toMatchObject({ status: 'refused', code: row.result });
    }
    expect(rows.map((r) => r.status)).not.toEqual(['ok', 'ok']);
  });
});
