import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, givenPaidOrder, givenPublishedEvent, givenTicketType, unknownId } from '../support/sales-fixtures.ts';

const api = useTestApi();

interface Line {
  id: string;
  kind: string;
  occurredAt: string;
  summary: string;
  ref: { type: string; id: string } | null;
  data: Record<string, unknown>;
}

async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
  expect(api.bus.deadLetters).toEqual([]);
}

async function timeline(contactId: string, query = '', as: { role?: string; userId?: string } = {}) {
  const res = await api.call('GET', `/v1/contacts/${contactId}/timeline${query}`, as);
  expect(res.status).toBe(200);
  return res.body as { items: Line[]; nextCursor: string | null };
}

/** Every line, page by page; also the page sizes. */
async function wholeTimeline(contactId: string, limit: number, as: { role?: string; userId?: string } = {}) {
  const lines: Line[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await timeline(contactId, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, as);
    lines.push(...page.items);
    pages.push(page.items.length);
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error('timeline: no end of pages');
  } while (cursor);
  return { lines, pages };
}

async function contactIdOf(email: string): Promise<string> {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.body.items).toHaveLength(1);
  return res.body.items[0].id;
}

/** The contact's created/updated events on the bus, as `type:createdBy|reason`. */
function contactEvents(contactId: string): string[] {
  return api.bus.recent
    .filter((e) => ['contact.created', 'contact.updated'].includes(e['detail-type']))
    .map((e) => ({ type: e['detail-type'], data: (e.detail as { data: { contactId: string; reason?: string; createdBy?: string } }).data }))
    .filter((e) => e.data.contactId === contactId)
    .map((e) => `${e.type}:${e.data.reason ?? e.data.createdBy}`)
    .sort();
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const HOUR = 3_600_000;

async function givenBuyer(quantity = 2) {
  const email = buyerEmail('timeline');
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 20, price: { amount: 2500, currency: 'EUR' } });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity, email });
  await settle();
  return { email, event, type, order, contactId: await contactIdOf(email) };
}

describe('contact timeline', () => {
  it('after a purchase, CRM work and check-ins: every line, newest first, kinds interleaved by time; the contact facts for segments', async () => {
    const { event, type, order, contactId } = await givenBuyer(2);
    const call = (method: string, path: string, body: unknown) => api.call(method, path, { body, role: 'sales', userId: 'u-sales' });
    const longAgo = await call('POST', '/v1/interactions', { contactId, type: 'call', subject: 'First contact', occurredAt: ago(48 * HOUR) });
    const beforePurchase = await call('POST', '/v1/interactions', { contactId, type: 'email', subject: 'Sent the line-up', occurredAt: ago(HOUR) });
    const note = await call('POST', '/v1/notes', { contactId, body: 'Asked about VIP upgrades\nand parking', noteType: 'followup' });

    for (const [i, ticket] of order.tickets!.entries()) {
      const scan = await api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code: ticket.code, deviceId: `gate-${i + 1}` }, role: 'scanner' });
      expect(scan.status).toBe(201);
    }
    await settle();
    const task = await call('POST', '/v1/tasks', { title: 'Offer the VIP upgrade', dueAt: new Date(Date.now() + 24 * HOUR).toISOString(), contactId });
    expect((await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 1000 } })).status).toBe(200);
    await settle();

    const { items } = await timeline(contactId);
    expect(items.map((l) => l.kind)).toEqual([
      'order.refunded',
      'task',
      'ticket.checked_in',
      'ticket.checked_in',
      'note',
      'order.paid',
      'interaction',
      'interaction',
    ]);
    const times = items.map((l) => l.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(items.slice(4).map((l) => l.id)).toEqual([note.body.id, `order.paid:${order.id}`, beforePurchase.body.id, longAgo.body.id]);
    expect(items[1]!).toMatchObject({ id: task.body.id, summary: 'Task: Offer the VIP upgrade', ref: { type: 'task', id: task.body.id }, data: { status: 'open' } });
    expect(items[4]!.summary).toBe('Asked about VIP upgrades');

    const purchase = items[5]!;
    expect(purchase).toMatchObject({
      summary: 'Bought 2 tickets (EUR 50.00)',
      ref: { type: 'order', id: order.id },
      data: { orderId: order.id, eventId: event.id, ticketTypeIds: [type.id], tickets: 2, total: { amount: 5000, currency: 'EUR' } },
    });
    const admissions = items.filter((l) => l.kind === 'ticket.checked_in');
    expect(admissions.map((l) => l.ref!.id).sort()).toEqual(order.tickets!.map((t) => t.id).sort());
    expect(admissions.map((l) => l.data.deviceId).sort()).toEqual(['gate-1', 'gate-2']);
    expect(items[0]).toMatchObject({ summary: 'Refunded EUR 10.00', ref: { type: 'order', id: order.id }, data: { full: false, amount: { amount: 1000, currency: 'EUR' } } });

    // The facts segments filter on, kept in the same transactions.
    const { db } = await import('#packages/core/db/service.ts');
    const contact = (await db().entities.contact.get({ contactId }).go()).data!;
    expect([...(contact.boughtTicketTypeIds ?? [])]).toEqual([type.id]);
    expect([...(contact.attendedEventIds ?? [])]).toEqual([event.id]);
    // The refund of 1000 came off the lifetime value (the purchase put 5000 on it).
    expect(contact).toMatchObject({ eventsAttended: 1, ordersCount: 1, engagementScore: 10, lifetimeValueAmount: 4000, lifetimeValueCurrency: 'EUR' });
    const attendee = (await db().entities.eventAttendee.get({ eventId: event.id, contactId }).go()).data;
    expect(attendee?.firstEntryAt).toBeDefined();
    // The purchase created the contact (contact.created), the first admission and the refund changed it.
    expect(contactEvents(contactId)).toEqual(['contact.created:order.paid', 'contact.updated:attendance', 'contact.updated:refund']);
  });

  it('a redelivered order.paid (same event, or the payment published again) leaves one purchase line; a second order adds its own', async () => {
    const { email, event, type, order, contactId } = await givenBuyer(1);
    const second = await givenPaidOrder(api.call, event.id, type.id, { quantity: 3, email });
    await settle();
    expect(contactEvents(contactId)).toEqual(['contact.created:order.paid', 'contact.updated:purchase']);
    const delivered = api.bus.recent.filter(
      (e) => e['detail-type'] === 'order.paid' && (e.detail as { data: { orderId: string } }).data.orderId === order.id,
    ) as EventBridgeEvent<string, unknown>[];
    expect(delivered).toHaveLength(1);
    const { handler } = await import('#functions/consumers/crm-record-purchase.ts');
    await handler(delivered[0]!, {} as never);
    await handler(delivered[0]!, {} as never);

    const { putOnBus } = await import('#packages/core/bus/publish.ts');
    const { domainEvent } = await import('#packages/core/bus/pending-event.ts');
    await putOnBus([domainEvent('order.paid', (delivered[0]!.detail as { data: never }).data, { correlationId: 'again' })]);
    await settle();

    const { items } = await timeline(contactId);
    expect(items.filter((l) => l.kind === 'order.paid').map((l) => l.id)).toEqual([`order.paid:${second.id}`, `order.paid:${order.id}`]);
    expect(items[0]!.summary).toBe('Bought 3 tickets (EUR 75.00)');
  });

  it('pages with a cursor: 31 lines of mixed kinds, none lost or repeated, newest first; another user’s private note never shows', async () => {
    const contact = await api.call('POST', '/v1/contacts', { body: { email: buyerEmail('paged') } });
    const contactId = contact.body.id as string;
    const base = Date.now() - 100 * HOUR;
    const made: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api.call('POST', '/v1/interactions', {
        body: { contactId, type: 'message', subject: `Message ${i}`, occurredAt: new Date(base + i * HOUR).toISOString() },
      });
      made.push(res.body.id);
    }
    for (let i = 0; i < 10; i++) made.push((await api.call('POST', '/v1/notes', { body: { contactId, body: `Note ${i}` }, userId: 'u-me' })).body.id);
    const secret = await api.call('POST', '/v1/notes', { body: { contactId, body: 'Not yours', isPrivate: true }, userId: 'u-someone-else' });
    for (let i = 0; i < 9; i++) {
      made.push((await api.call('POST', '/v1/tasks', { body: { title: `Task ${i}`, dueAt: new Date().toISOString(), contactId } })).body.id);
    }

    const { lines, pages } = await wholeTimeline(contactId, 7, { userId: 'u-me' });
    expect(lines).toHaveLength(31);
    expect(new Set(lines.map((l) => l.id))).toEqual(new Set(made));
    expect(lines.map((l) => l.id)).not.toContain(secret.body.id);
    const times = lines.map((l) => l.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(pages.every((n) => n <= 7)).toBe(true);
    expect(pages.length).toBeGreaterThanOrEqual(5);

    // The author sees one more line; one page of 100 holds all.
    const all = await timeline(contactId, '?limit=100', { userId: 'u-someone-else' });
    expect(all.items).toHaveLength(32);
    expect(all.nextCursor).toBeNull();
  });

  it('a task leaves the timeline when its contact is removed; an unknown contact is 404, a bad cursor 400, and it needs contacts:read', async () => {
    const contact = await api.call('POST', '/v1/contacts', { body: { email: buyerEmail('sparse') } });
    const contactId = contact.body.id as string;
    expect(await timeline(contactId)).toEqual({ items: [], nextCursor: null });
    const task = await api.call('POST', '/v1/tasks', { body: { title: 'Follow up', dueAt: new Date().toISOString(), contactId } });
    expect((await timeline(contactId)).items.map((l) => l.id)).toEqual([task.body.id]);
    const unlinked = await api.call('PATCH', `/v1/tasks/${task.body.id}`, { body: { contactId: null } });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.contactId).toBeUndefined();
    expect((await timeline(contactId)).items).toEqual([]);

    expect((await api.call('GET', `/v1/contacts/${unknownId}/timeline`)).status).toBe(404);
    const bad = await api.call('GET', `/v1/contacts/${contactId}/timeline?cursor=not-a-cursor`);
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid_cursor']);
    expect((await api.call('GET', `/v1/contacts/${contactId}/timeline`, { role: 'scanner' })).status).toBe(403);
    expect((await api.call('GET', `/v1/contacts/${contactId}/timeline`, { role: 'sales' })).status).toBe(200);
  });

  it('a contact deleted for good takes its timeline, activities (private notes too) and attendance items with it', async () => {
    const { event, order, contactId } = await givenBuyer(1);
    expect((await api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code: order.tickets![0]!.code, deviceId: 'gate-1' }, role: 'scanner' })).status).toBe(201);
    await settle();
    const note = await api.call('POST', '/v1/notes', { body: { contactId, body: 'Private', isPrivate: true }, userId: 'u-writer' });
    const interaction = await api.call('POST', '/v1/interactions', { body: { contactId, type: 'call', subject: 'Hello' } });
    const task = await api.call('POST', '/v1/tasks', { body: { title: 'Call', dueAt: new Date().toISOString(), contactId } });
    expect((await timeline(contactId, '', { userId: 'u-writer' })).items).toHaveLength(5);

    expect((await api.call('DELETE', `/v1/contacts/${contactId}`)).status).toBeLessThan(300);
    expect((await api.call('DELETE', `/v1/contacts/${contactId}/permanent`)).status).toBeLessThan(300);
    await settle();

    const { db } = await import('#packages/core/db/service.ts');
    const left = (await db().collections.timeline({ contactId }).go({ pages: 'all' })).data;
    expect(Object.values(left).flat()).toEqual([]);
    expect((await api.call('GET', `/v1/notes/${note.body.id}`, { userId: 'u-writer' })).status).toBe(404);
    expect((await api.call('GET', `/v1/interactions/${interaction.body.id}`)).status).toBe(404);
    expect((await api.call('GET', `/v1/tasks/${task.body.id}`)).status).toBe(404);
    expect((await db().entities.eventAttendee.get({ eventId: event.id, contactId }).go()).data).toBeNull();
    expect((await api.call('GET', `/v1/contacts/${contactId}/timeline`)).status).toBe(404);
  });
});
