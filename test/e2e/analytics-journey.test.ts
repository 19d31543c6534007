import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { click, givenLink, givenPromoter, paidVia } from '../support/promoter-fixtures.ts';
import { buyerEmail, getOrder, givenPublishedEvent, givenTicketType, pay, type OrderBody } from '../support/sales-fixtures.ts';

/** Attribution on orders (first and last touch), visits, and a contact's journey, through the HTTP API. */
const api = useTestApi();

const instagram = { source: 'instagram', medium: 'social', campaign: 'nye' };
const newsletter = { source: 'newsletter', medium: 'email', campaign: 'december' };

async function paidOrder(eventId: string, ticketTypeId: string, email: string, extra: Record<string, unknown>): Promise<OrderBody & Record<string, any>> {
  const res = await api.call('POST', `/v1/events/${eventId}/orders`, {
    role: null,
    body: { buyer: { email, firstName: 'Jo', lastName: 'Journey' }, items: [{ ticketTypeId, quantity: 1 }], ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (res.body.status !== 'paid') expect((await pay(api.call, res.body)).delivered.status).toBe(200);
  await api.bus.drain();
  expect(api.bus.deadLetters).toEqual([]);
  return (await getOrder(api.call, res.body.id)) as OrderBody & Record<string, any>;
}

async function journey(contactId: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  let body: any;
  do {
    const res = await api.call('GET', `/v1/contacts/${contactId}/journey?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    body = res.body;
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return { items, firstTouch: body.firstTouch };
}

async function metric(params: Record<string, string>) {
  const res = await api.call('GET', `/v1/analytics?${new URLSearchParams(params)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('attribution and journey', () => {
  it('keeps the first touch, takes the last from the order or its visit, and lays the journey out in time order', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id);
    const email = buyerEmail('journey');

    const first = await paidOrder(event.id, type.id, email, { utm: instagram });
    expect(first.utm).toEqual(instagram);
    expect(first.attribution.lastTouch).toMatchObject({ channel: 'utm', utm: instagram });
    expect(first.attribution.firstTouch).toEqual(first.attribution.lastTouch);

    const contacts = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
    const contactId = contacts.body.items[0].id as string;

    const visit = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { utm: newsletter, email } });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    await api.bus.drain();

    const second = await paidOrder(event.id, type.id, email, { visitToken: visit.body.token });
    expect(second.attribution.lastTouch).toMatchObject({ channel: 'utm', utm: newsletter, at: visit.body.at });
    expect(second.attribution.firstTouch).toEqual(first.attribution.firstTouch);

    const { items, firstTouch } = await journey(contactId);
    expect(firstTouch).toEqual(first.attribution.firstTouch);
    expect(items.map((i) => `${i.step}:${i.kind}`)).toEqual(['order:order.paid', 'touch:visit.recorded', 'order:order.paid']);
    expect(items.map((i) => i.occurredAt)).toEqual([...items.map((i) => i.occurredAt)].sort());
    expect(items[0].ref).toEqual({ type: 'order', id: first.id });
    expect(items[0].attribution).toEqual(first.attribution);
    expect(items[2].attribution).toEqual(second.attribution);

    // The same facts in the metric store: both orders came by UTM, one visit from the newsletter.
    const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString(), interval: 'hour', event: event.id };
    const byChannel = await metric({ metric: 'orders', groupBy: 'channel', ...range });
    expect(byChannel.series.map((s: any) => [s.key, s.total])).toEqual([['utm', 2]]);
    const visits = await metric({ metric: 'visits', groupBy: 'utmSource', ...range });
    expect(visits.series.map((s: any) => [s.key, s.total])).toEqual([['newsletter', 1]]);
  }, 120_000);

  it('refuses a visit with nothing to record (422), for an unknown event (404), and a journey of an unknown contact (404)', async () => {
    const event = await givenPublishedEvent(api.call);
    const empty = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('nothing_to_record');
    const badToken = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { promoterToken: 'nope' } });
    expect(badToken.status).toBe(422);
    const unknown = await api.call('POST', '/v1/events/01JD0000000000000000000000/visits', { role: null, body: { utm: instagram } });
    expect(unknown.status).toBe(404);
    const badUtm = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { utm: { source: 'x' } } });
    expect(badUtm.status).toBe(400);
    expect(badUtm.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const nobody = await api.call('GET', '/v1/contacts/01JD0000000000000000000000/journey');
    expect(nobody.status).toBe(404);
  });

  it('shows a promoter only its own figures; organisers see every promoter', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id);
    const a = await givenPromoter(api.call);
    const b = await givenPromoter(api.call);
    await paidVia(api.call, event.id, type.id, { promoterCode: a.promoter.code });
    const link = await givenLink(api.call, b.promoter.id, event.id);
    const token = await click(api.call, link.slug);
    const visit = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { promoterToken: token } });
    expect(visit.status).toBe(200);
    await paidVia(api.call, event.id, type.id, { promoterToken: token });
    await api.bus.drain();
    expect(api.bus.deadLetters).toEqual([]);

    const range = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}&interval=hour`;
    const all = await api.call('GET', `/v1/analytics?metric=orders&${range}&event=${event.id}&groupBy=promoter`);
    expect(all.body.series.map((s: any) => [s.key, s.total]).sort()).toEqual([[a.promoter.id, 1], [b.promoter.id, 1]].sort());
    const visits = await api.call('GET', `/v1/analytics?metric=visits&${range}&event=${event.id}&groupBy=channel`);
    expect(visits.body.series.map((s: any) => [s.key, s.total])).toEqual([['promoter', 1]]);

    const own = await api.call('GET', `/v1/analytics?metric=orders&${range}&groupBy=event`, a.as);
    expect(own.status).toBe(200);
    expect(own.body.filters).toEqual({ promoter: a.promoter.id });
    expect(own.body.series.map((s: any) => [s.key, s.total])).toEqual([[event.id, 1]]);
    const other = await api.call('GET', `/v1/analytics?metric=orders&${range}&promoter=${b.promoter.id}`, a.as);
    expect(other.status).toBe(404);

    const nobody = await api.call('GET', `/v1/analytics?metric=orders&${range}`, { role: 'promoter', userId: 'not-a-promoter' });
    expect(nobody.status).toBe(404);
    const scanner = await api.call('GET', `/v1/analytics?metric=orders&${range}`, { role: 'scanner' });
    expect(scanner.status).toBe(403);
  }, 120_000);
});
