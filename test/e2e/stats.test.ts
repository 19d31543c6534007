import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '#events/catalog.ts';
import { givenEvent } from '../support/fixtures.ts';
import { startTestApi } from '../support/local-api.ts';
import { availability, buyerEmail, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';
import { pool } from '#packages/core/worker-pool.ts';

let api: Awaited<ReturnType<typeof startTestApi>>;
let putOnBus: typeof import('#packages/core/bus/publish.ts').putOnBus;
let domainEvent: typeof import('#packages/core/bus/pending-event.ts').domainEvent;
let newId: () => string;

beforeAll(async () => {
  api = await startTestApi();
  // After the stack is up: the EventBridge client reads AWS_ENDPOINT_URL_EVENTBRIDGE when it is built.
  ({ putOnBus } = await import('#packages/core/bus/publish.ts'));
  ({ domainEvent } = await import('#packages/core/bus/pending-event.ts'));
  ({ newId } = await import('#packages/core/ids.ts'));
}, 60_000);
afterAll(() => api.stop());

type Scan = EventData<'ticket.checked_in'>;

function scan(eventId: string, over: Partial<Scan> = {}): Scan {
  return {
    checkInId: newId(),
    eventId,
    listId: LIST_A,
    ticketId: newId(),
    ticketTypeId: TYPE_A,
    orderId: newId(),
    buyerEmail: buyerEmail('attendee'),
    deviceId: 'gate-1',
    type: 'entry',
    scannedAt: '2026-12-31T21:30:00.000Z',
    offline: false,
    duplicate: false,
    ...over,
  };
}

async function publish(scans: readonly Scan[]) {
  const events = scans.map((s) => domainEvent(s.type === 'exit' ? 'ticket.checked_out' : 'ticket.checked_in', s, { correlationId: 'test' }));
  const accepted = await putOnBus(events);
  expect(accepted).toHaveLength(events.length);
  await api.bus.drain();
  expect(api.bus.deadLetters).toEqual([]);
}

/**
 * Each scan to the two consumers that keep the counters and the check-in
 * records, 16 deliveries at a time as the local bus runs them
 * (LOCAL_BUS_CONCURRENCY): the same races on the same counter shards, without
 * the CRM's, analytics' and promoters' consumers a scan also goes to (most of
 * the cost; the other tests here go through the bus and cover them).
 */
async function deliverToStatsConsumers(scans: readonly Scan[]) {
  const handlers = await Promise.all(
    ['count-attendance', 'record-check-in'].map(async (name) => (await import(`../../functions/consumers/${name}.ts`)).handler as (event: unknown, context: never) => Promise<void>),
  );
  const deliveries = scans.flatMap((s) => {
    const pending = domainEvent('ticket.checked_in', s, { correlationId: 'test' });
    const event = { version: '0', id: newId(), 'detail-type': pending.detailType, source: pending.source, account: '000000000000', time: pending.occurredAt, region: 'eu-west-1', resources: [], detail: JSON.parse(pending.detail) };
    return handlers.map((handler) => () => handler(event, {} as never));
  });
  await pool(deliveries, 16, () => false, (deliver) => deliver());
}

async function stats(eventId: string) {
  const res = await api.call('GET', `/v1/events/${eventId}/stats`);
  expect(res.status).toBe(200);
  return res.body;
}

async function contactByEmail(email: string) {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

const LIST_A = '01JD00000000000000000000A1';
const LIST_B = '01JD00000000000000000000B1';
const TYPE_A = '01JD00000000000000000000A5';
const TYPE_B = '01JD00000000000000000000B5';

describe('event stats', () => {
  it('200 entries over distinct tickets, delivered 16 at a time, count exactly 200, per list, per type and per 5 minutes', async () => {
    const event = await givenEvent(api.call);
    const base = Date.parse('2026-12-31T21:00:00.000Z');
    // What is tested is exact counting while 16 deliveries at once race on the same ten counter shards: 200 scans
    // do that as surely as 1,000 did, which (each going to eight consumers through the bus) ran past the timeout
    // on a loaded machine.
    const scans = Array.from({ length: 200 }, (_, i) =>
      scan(event.id, {
        listId: i % 4 === 0 ? LIST_B : LIST_A,
        ticketTypeId: i % 10 === 0 ? TYPE_B : TYPE_A,
        // 200 scans over 50 minutes: one every 15 s, so exactly 20 per 5-minute bucket.
        scannedAt: new Date(base + i * 15_000).toISOString(),
      }),
    );
    await deliverToStatsConsumers(scans);

    const body = await stats(event.id);
    expect(body.checkedIn.total).toBe(200);
    expect(body.insideNow).toBe(200);
    expect(body.checkedIn.byList).toEqual([
      { listId: LIST_A, count: 150 },
      { listId: LIST_B, count: 50 },
    ]);
    expect(body.checkedIn.byTicketType).toEqual([
      { ticketTypeId: TYPE_A, count: 180 },
      { ticketTypeId: TYPE_B, count: 20 },
    ]);
    expect(body.arrivals).toHaveLength(10);
    expect(body.arrivals.map((a: { count: number }) => a.count)).toEqual(Array(10).fill(20));
    expect(body.arrivals[0].bucketStart).toBe('2026-12-31T21:00:00.000Z');
    expect(body.arrivals[9].bucketStart).toBe('2026-12-31T21:45:00.000Z');
    expect(body).toMatchObject({ eventId: event.id, ticketsSold: 0, revenue: [] });

    // Every scan has its check-in record, created by the consumer.
    const { db } = await import('#packages/core/db/service.ts');
    const audit = await db().entities.checkIn.query.byEvent({ eventId: event.id }).go({ pages: 'all' });
    expect(audit.data).toHaveLength(200);
    expect(audit.data.every((c) => c.result === 'ok' && c.type === 'entry')).toBe(true);
  }, 120_000);

  it('a redelivered event (same EventBridge event, or the same scan published again) counts once', async () => {
    const event = await givenEvent(api.call);
    const email = buyerEmail('redelivery');
    await publish([scan(event.id, { buyerEmail: email, checkInId: newId() })]);
    const delivered = api.bus.recent.filter(
      (e) => e['detail-type'] === 'ticket.checked_in' && (e.detail as { data: Scan }).data.eventId === event.id,
    ) as EventBridgeEvent<string, unknown>[];
    expect(delivered).toHaveLength(1);
    const once = await stats(event.id);
    expect(once.checkedIn.total).toBe(1);

    for (const name of ['count-attendance', 'record-check-in', 'crm-record-attendance']) {
      const { handler } = await import(`../../functions/consumers/${name}.ts`);
      await handler(delivered[0]!, {} as never);
      await handler(delivered[0]!, {} as never);
    }
    // The producer publishing the same scan twice (new metadata id, same checkInId).
    await publish([(delivered[0]!.detail as { data: Scan }).data]);

    const after = await stats(event.id);
    expect(after.checkedIn).toEqual(once.checkedIn);
    expect(after.insideNow).toBe(1);
    expect(after.arrivals).toEqual([{ bucketStart: '2026-12-31T21:30:00.000Z', count: 1 }]);
    const contact = await contactByEmail(email);
    expect(contact.eventsAttended).toBe(1);
    expect(contact.engagementScore).toBe(10);
  });

  it('exits lower insideNow; offline duplicates are audited but count nothing', async () => {
    const event = await givenEvent(api.call);
    const entries = [scan(event.id), scan(event.id), scan(event.id)];
    const exit = scan(event.id, { ...entries[0]!, checkInId: newId(), type: 'exit', scannedAt: '2026-12-31T22:00:00.000Z' });
    const duplicate = scan(event.id, { ...entries[1]!, checkInId: newId(), offline: true, duplicate: true, scannedAt: '2026-12-31T21:40:00.000Z' });
    await publish([...entries, exit, duplicate]);

    const body = await stats(event.id);
    expect(body.checkedIn.total).toBe(3);
    expect(body.insideNow).toBe(2);
    expect(body.exits).toBe(1);
    expect(body.checkedIn.byList).toEqual([{ listId: LIST_A, count: 3 }]);
    expect(body.arrivals).toEqual([{ bucketStart: '2026-12-31T21:30:00.000Z', count: 3 }]);

    const { db } = await import('#packages/core/db/service.ts');
    const audit = (await db().entities.checkIn.query.byEvent({ eventId: event.id }).go({ pages: 'all' })).data;
    expect(audit.map((c) => `${c.type}:${c.result}:${c.offline}`).sort()).toEqual(
      ['entry:duplicate:true', 'entry:ok:false', 'entry:ok:false', 'entry:ok:false', 'exit:ok:false'].sort(),
    );
  });

  it("the buyer's contact counts the event once however many of their tickets enter; lastSeenAt moves forward", async () => {
    const event = await givenEvent(api.call);
    const other = await givenEvent(api.call);
    const email = buyerEmail('fan');
    await publish([scan(event.id, { buyerEmail: email, scannedAt: '2026-12-31T21:30:00.000Z' })]);
    await publish([
      scan(event.id, { buyerEmail: email, scannedAt: '2026-12-31T21:50:00.000Z' }),
      scan(event.id, { buyerEmail: email, duplicate: true, scannedAt: '2026-12-31T23:50:00.000Z' }),
    ]);
    let contact = await contactByEmail(email);
    expect(contact).toMatchObject({ eventsAttended: 1, lastSeenAt: '2026-12-31T21:50:00.000Z', leadSource: 'check_in' });

    await publish([scan(other.id, { buyerEmail: email, scannedAt: '2027-01-02T21:00:00.000Z' })]);
    contact = await contactByEmail(email);
    expect(contact).toMatchObject({ eventsAttended: 2, engagementScore: 20, lastSeenAt: '2027-01-02T21:00:00.000Z' });
  });

  it('order.paid and order.refunded keep ticketsSold and revenue, matching the inventory slices', async () => {
    const event = await givenPublishedEvent(api.call);
    const paidType = await givenTicketType(api.call, event.id, { capacity: 50, price: { amount: 2500, currency: 'EUR' } });
    const freeType = await givenTicketType(api.call, event.id, { name: 'Guest', capacity: 50, price: { amount: 0, currency: 'EUR' } });
    const a = await givenPaidOrder(api.call, event.id, paidType.id, { quantity: 2 });
    const b = await givenPaidOrder(api.call, event.id, paidType.id, { quantity: 3 });
    await givenPaidOrder(api.call, event.id, freeType.id, { quantity: 4 });
    await api.stripe.idle();
    await api.bus.drain();

    let body = await stats(event.id);
    expect(body.ticketsSold).toBe(9);
    expect(body.revenue).toEqual([{ amount: 12500, currency: 'EUR' }]);

    expect((await api.call('POST', `/v1/orders/${a.id}/refund`, { body: { reason: 'cannot come' } })).status).toBe(200);
    expect((await api.call('POST', `/v1/orders/${b.id}/refund`, { body: { amount: 1000 } })).status).toBe(200);
    await api.stripe.idle();
    await api.bus.drain();
    expect(api.bus.deadLetters).toEqual([]);

    body = await stats(event.id);
    expect(body.ticketsSold).toBe(7);
    expect(body.revenue).toEqual([{ amount: 12500 - 5000 - 1000, currency: 'EUR' }]);
    const av = await availability(api.call, event.id);
    expect(body.ticketsSold).toBe(av.ticketTypes.reduce((sum, t) => sum + t.sold, 0));
  });

  it('404 for an unknown event; needs stats:read', async () => {
    expect((await api.call('GET', `/v1/events/01JD0000000000000000000000/stats`)).status).toBe(404);
    const event = await givenEvent(api.call);
    expect((await api.call('GET', `/v1/events/${event.id}/stats`, { role: null })).status).toBe(401);
    expect((await api.call('GET', `/v1/events/${event.id}/stats`, { role: 'sales' })).status).toBe(403);
    // A promoter never reads the event's totals, only its own figures (test/e2e/promoters-scoping.test.ts).
    expect((await api.call('GET', `/v1/events/${event.id}/stats`, { role: 'promoter' })).status).toBe(403);
    expect((await api.call('GET', `/v1/events/${event.id}/stats`, { role: 'marketing' })).status).toBe(200);
  });
});
