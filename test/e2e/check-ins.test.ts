import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { LOCAL_TICKET_SIGNING_KEY } from '#packages/local/local-stack.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, type Item } from '../../bench/orders/item-size.ts';
import { documentClient } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import { signTicketCode, ticketCodeDigest } from '#packages/tickets/ticket-code.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType, hours } from '../support/sales-fixtures.ts';

const api = useTestApi();

const scan = (eventId: string, body: Record<string, unknown>) =>
  api.call('POST', `/v1/events/${eventId}/check-ins`, { body: { deviceId: 'gate-1', ...body }, role: 'scanner' });

async function givenTickets(quantity = 1, typeOver: Record<string, unknown> = {}) {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 50, ...typeOver });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity });
  return { event, type, order, tickets: order.tickets! };
}

async function givenList(eventId: string, body: Record<string, unknown>) {
  const res = await api.call('POST', `/v1/events/${eventId}/check-in-lists`, { body: { name: 'List', ...body } });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('check-in: one scan', () => {
  it('admits a paid ticket once on the default list, with the attendee; the second scan is already_checked_in with the first time and device', async () => {
    const { event, type, order, tickets } = await givenTickets();
    const first = await scan(event.id, { code: tickets[0]!.code, deviceId: 'gate-1' });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('ok');
    expect(first.body.checkIn).toMatchObject({ eventId: event.id, listId: event.id, ticketId: tickets[0]!.id, deviceId: 'gate-1', type: 'entry' });
    expect(first.body.attendee).toMatchObject({ name: 'Test Buyer', ticketTypeId: type.id, ticketTypeName: type.name });
    expect(first.body.attendee.email).toBe((await api.call('GET', `/v1/orders/${order.id}`)).body.buyer.email);

    const again = await scan(event.id, { code: tickets[0]!.code, deviceId: 'gate-2' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_checked_in');
    expect(again.body.firstDeviceId).toBe('gate-1');
    expect(again.body.firstCheckedInAt).toBe(first.body.checkIn.scannedAt);

    // The admission went to the bus with a stable checkInId.
    const published = api.bus.recent.filter((e) => e['detail-type'] === 'ticket.checked_in' && (e.detail as any).data.ticketId === tickets[0]!.id);
    expect(published).toHaveLength(1);
    expect((published[0]!.detail as any).data).toMatchObject({ checkInId: first.body.checkIn.id, orderId: order.id, duplicate: false, offline: false });

    // The default list now exists.
    const lists = await api.call('GET', `/v1/events/${event.id}/check-in-lists`, { role: 'scanner' });
    expect(lists.body.items.map((l: { id: string }) => l.id)).toContain(event.id);
  });

  it('refuses with every reason code', async () => {
    const { event, type, order, tickets } = await givenTickets(2);
    const code = tickets[0]!.code;

    // invalid: garbage, forged (signature changed), signed but no such ticket
    const garbage = await scan(event.id, { code: 'hello' });
    expect([garbage.status, garbage.body.code]).toEqual([404, 'invalid']);
    const lastChar = code.at(-1) === 'A' ? 'B' : 'A';
    const forged = await scan(event.id, { code: code.slice(0, -1) + lastChar });
    expect([forged.status, forged.body.code]).toEqual([404, 'invalid']);
    const key = process.env.TICKET_SIGNING_KEY || LOCAL_TICKET_SIGNING_KEY;
    const unknown = await scan(event.id, { code: signTicketCode({ ticketId: ulid(), eventId: event.id }, key) });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'invalid']);
    // A fresh code for a real ticket (not the issued one) is not current.
    const reissued = await scan(event.id, { code: signTicketCode({ ticketId: tickets[0]!.id, eventId: event.id }, key) });
    expect([reissued.status, reissued.body.code]).toEqual([404, 'invalid']);

    // wrong_event
    const other = await givenPublishedEvent(api.call);
    const wrong = await scan(other.id, { code });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'wrong_event']);

    // invalid_time: a list that closed an hour ago
    const closed = await givenList(event.id, { validFrom: hours(-5), validUntil: hours(-1) });
    const late = await scan(event.id, { code, listId: closed.id });
    expect([late.status, late.body.code]).toEqual([422, 'invalid_time']);
    // …and a device claiming it scanned while the list was open does not change that online (server time decides)
    const claimed = await scan(event.id, { code, listId: closed.id, scannedAt: hours(-2) });
    expect([claimed.status, claimed.body.code]).toEqual([422, 'invalid_time']);

    // product: a list for another ticket type
    const vip = await givenTicketType(api.call, event.id, { name: 'VIP' });
    const vipOnly = await givenList(event.id, { ticketTypeIds: [vip.id] });
    const product = await scan(event.id, { code, listId: vipOnly.id });
    expect([product.status, product.body.code]).toEqual([422, 'product']);

    // already_checked_in
    expect((await scan(event.id, { code })).status).toBe(201);
    const twice = await scan(event.id, { code });
    expect([twice.status, twice.body.code]).toEqual([409, 'already_checked_in']);

    // canceled: refund the order; its tickets are void
    expect((await api.call('POST', `/v1/orders/${order.id}/refund`, { body: {} })).status).toBe(200);
    const refunded = await scan(event.id, { code: tickets[1]!.code });
    expect([refunded.status, refunded.body.code]).toEqual([422, 'canceled']);

    // Refusals are on the audit trail, by device and from `since`.
    const audit = await api.call('GET', `/v1/events/${event.id}/check-ins?deviceId=gate-1&limit=100`, { role: 'scanner' });
    expect(audit.status).toBe(200);
    const results = audit.body.items.map((c: { result: string }) => c.result);
    for (const reason of ['invalid', 'invalid_time', 'product', 'already_checked_in', 'canceled']) expect(results).toContain(reason);
    expect(audit.body.items.find((c: { result: string }) => c.result === 'product').ticketTypeId).toBe(type.id);
    const future = await api.call('GET', `/v1/events/${event.id}/check-ins?since=${encodeURIComponent(hours(1))}`, { role: 'scanner' });
    expect(future.body.items).toEqual([]);
    const byList = await api.call('GET', `/v1/events/${event.id}/check-ins?listId=${vipOnly.id}`, { role: 'scanner' });
    expect(byList.body.items.map((c: { result: string }) => c.result)).toEqual(['product']);
  });

  it('a ticket valid on two lists enters once on each', async () => {
    const { event, type, tickets } = await givenTickets();
    const backstage = await givenList(event.id, { name: 'Backstage', ticketTypeIds: [type.id] });
    const got = await api.call('GET', `/v1/events/${event.id}/check-in-lists/${backstage.id}`, { role: 'scanner' });
    expect(got.body).toMatchObject({ id: backstage.id, ticketTypeIds: [type.id], allowMultipleEntries: false, allowEntryAfterExit: true });
    const code = tickets[0]!.code;
    expect((await scan(event.id, { code })).status).toBe(201);
    expect((await scan(event.id, { code, listId: backstage.id })).status).toBe(201);
    expect((await scan(event.id, { code })).body.code).toBe('already_checked_in');
    expect((await scan(event.id, { code, listId: backstage.id })).body.code).toBe('already_checked_in');
  });

  it('a ticket scanned with nonces on two lists stays within 1 KB, so a scan costs 2 WCU (table and gsi1)', async () => {
    const { event, tickets } = await givenTickets();
    const backstage = await givenList(event.id, { name: 'Backstage' });
    const code = tickets[0]!.code;
    expect((await scan(event.id, { code, nonce: crypto.randomUUID() })).status).toBe(201);
    expect((await scan(event.id, { code, listId: backstage.id, nonce: crypto.randomUUID() })).status).toBe(201);
    const { Key, TableName } = db().entities.ticket.get({ ticketId: tickets[0]!.id }).params<{ Key: Record<string, string>; TableName: string }>();
    const { Item } = await documentClient.send(new GetCommand({ TableName, Key }));
    expect(Item?.seenNonces?.size).toBe(2);
    expect(itemSize(marshall(Item!) as Item)).toBeLessThanOrEqual(1024);
  });

  it('entry/exit rules: re-entry after exit when allowed, refused otherwise; multiple entries admit repeatedly', async () => {
    const { event, tickets } = await givenTickets();
    const code = tickets[0]!.code;
    // Default list: re-entry after an exit.
    expect((await scan(event.id, { code, type: 'exit' })).body.code).toBe('not_checked_in');
    expect((await scan(event.id, { code })).status).toBe(201);
    const exit = await scan(event.id, { code, type: 'exit' });
    expect([exit.status, exit.body.checkIn.type]).toEqual([201, 'exit']);
    expect(api.bus.recent.some((e) => e['detail-type'] === 'ticket.checked_out' && (e.detail as any).data.checkInId === exit.body.checkIn.id)).toBe(true);
    expect((await scan(event.id, { code })).status).toBe(201);

    const once = await givenList(event.id, { allowEntryAfterExit: false });
    expect((await scan(event.id, { code, listId: once.id })).status).toBe(201);
    expect((await scan(event.id, { code, listId: once.id, type: 'exit' })).status).toBe(201);
    expect((await scan(event.id, { code, listId: once.id })).body.code).toBe('already_checked_in');

    const multi = await givenList(event.id, { allowMultipleEntries: true });
    for (let i = 0; i < 3; i++) expect((await scan(event.id, { code, listId: multi.id })).status).toBe(201);
  });

  it('the same nonce twice gives the first answer and admits once, even on a list that allows multiple entries', async () => {
    const { event, tickets } = await givenTickets();
    const multi = await givenList(event.id, { allowMultipleEntries: true });
    const body = { code: tickets[0]!.code, listId: multi.id, nonce: 'n-1', deviceId: 'gate-7' };
    const first = await scan(event.id, body);
    const second = await scan(event.id, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    // The replay re-publishes with the same checkInId (consumers are idempotent on it).
    const ids = api.bus.recent.filter((e) => (e.detail as any).data?.ticketId === tickets[0]!.id).map((e) => (e.detail as any).data.checkInId);
    expect(new Set(ids)).toEqual(new Set([first.body.checkIn.id]));
    // Same nonce from another device is another scan.
    expect((await scan(event.id, { ...body, deviceId: 'gate-8' })).body.checkIn.id).not.toBe(first.body.checkIn.id);
  });

  it('a ticket without a copied holder is checked against its order: unpaid refused; paid admitted and given the holder', async () => {
    const { event, order, tickets } = await givenTickets(2);
    // As a ticket issued before the holder was copied onto it.
    for (const t of tickets) await db().entities.ticket.patch({ ticketId: t.id }).remove(['holderEmail', 'holderName']).go();

    const buyer = (await api.call('GET', `/v1/orders/${order.id}`)).body.buyer.email as string;
    const admitted = await scan(event.id, { code: tickets[0]!.code });
    expect(admitted.status).toBe(201);
    expect(admitted.body.attendee).toMatchObject({ name: 'Test Buyer', email: buyer });
    const { data: healed } = await db().entities.ticket.get({ ticketId: tickets[0]!.id }).go();
    expect(healed).toMatchObject({ holderEmail: buyer, holderName: 'Test Buyer' });

    await db().entities.order.patch({ orderId: order.id }).composite({ eventId: event.id }).set({ status: 'pending' }).go();
    const unpaid = await scan(event.id, { code: tickets[1]!.code });
    expect([unpaid.status, unpaid.body.code]).toEqual([422, 'unpaid']);
    const audit = await api.call('GET', `/v1/events/${event.id}/check-ins?limit=100`, { role: 'scanner' });
    expect(audit.body.items.find((c: { result: string }) => c.result === 'unpaid')).toMatchObject({ ticketId: tickets[1]!.id });
  });

  it('the scanner role checks in but cannot read contacts; the scanner bundle has digests, never key material', async () => {
    const { event, type, tickets } = await givenTickets(2);
    expect((await api.call('GET', '/v1/contacts', { role: 'scanner' })).status).toBe(403);
    expect((await api.call('POST', `/v1/events/${event.id}/check-in-lists`, { body: { name: 'x' }, role: 'scanner' })).status).toBe(403);

    const res = await api.call('GET', `/v1/events/${event.id}/scanner-bundle`, { role: 'scanner' });
    expect(res.status).toBe(200);
    expect(res.body.ticketTypes).toEqual([{ id: type.id, name: type.name }]);
    expect(res.body.lists.map((l: { id: string }) => l.id)).toContain(event.id);
    expect(res.body.tickets).toHaveLength(2);
    for (const t of tickets) expect(res.body.tickets).toContainEqual({ digest: ticketCodeDigest(t.code), ticketId: t.id, ticketTypeId: type.id, status: 'valid' });
    const text = JSON.stringify(res.body);
    const key = process.env.TICKET_SIGNING_KEY || LOCAL_TICKET_SIGNING_KEY;
    expect(text).not.toContain(key);
    expect(text).not.toContain(Buffer.from(key).toString('base64'));
    expect(text).not.toContain(Buffer.from(key).toString('hex'));
    for (const t of tickets) expect(text).not.toContain(t.code);
    expect(text.toLowerCase()).not.toMatch(/secret|signing/);
  });
});
