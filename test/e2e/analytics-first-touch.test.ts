import { describe, expect, it } from 'vitest';
import type { EventData } from '#events/catalog.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { recordPurchase } from '#packages/features/contacts/record-purchase.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, getOrder, givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';

/**
 * A brand-new buyer's first touch: the order that creates their contact
 * carries it (order.paid `attribution.firstTouch`), and the CRM consumer
 * writes it with the contact, whatever the metric store's consumer does.
 */
const api = useTestApi();

const tiktok = { source: 'tiktok', medium: 'social', campaign: 'first-touch' };

function paidEvent(email: string, firstTouch: NonNullable<EventData<'order.paid'>['attribution']>['firstTouch']): EventData<'order.paid'> {
  return {
    orderId: newId(),
    eventId: newId(),
    status: 'paid',
    buyer: { email, firstName: 'Fia' },
    total: { amount: 1500, currency: 'EUR' },
    admissions: 1,
    tickets: [{ ticketId: newId(), ticketTypeId: newId() }],
    paidAt: new Date().toISOString(),
    attribution: { firstTouch, lastTouch: firstTouch },
  };
}

async function contactIdOf(email: string): Promise<string> {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.body.items, email).toHaveLength(1);
  return res.body.items[0].id;
}

describe('first touch of a brand-new buyer', () => {
  it('is the visit a first order named, on the contact the order created', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id);
    const visit = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { utm: tiktok } });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const email = buyerEmail('first-touch');
    const res = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email }, items: [{ ticketTypeId: type.id, quantity: 1 }], visitToken: visit.body.token },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (res.body.status !== 'paid') expect((await pay(api.call, res.body)).delivered.status).toBe(200);
    await api.bus.drain();
    expect(api.bus.deadLetters).toEqual([]);
    const order = (await getOrder(api.call, res.body.id)) as unknown as { attribution: { firstTouch: unknown } };
    expect(order.attribution.firstTouch).toMatchObject({ channel: 'utm', utm: tiktok, at: visit.body.at });
    const journey = await api.call('GET', `/v1/contacts/${await contactIdOf(email)}/journey`);
    expect(journey.body.firstTouch).toEqual(order.attribution.firstTouch);
  });

  it('is written by the CRM consumer with the contact it creates, in the same transaction, once', async () => {
    const email = buyerEmail('crm-first-touch');
    const touch = { channel: 'utm' as const, at: '2026-11-30T10:00:00.000Z', utm: tiktok };
    const metadata = { id: newId(), correlationId: 'first-touch-test' };
    // The CRM consumer alone, without the metric store's consumer.
    expect(await recordPurchase(metadata, paidEvent(email, touch))).toBe('recorded');
    const contactId = await contactIdOf(email);
    const { data } = await db().entities.firstTouch.get({ contactId }).go();
    expect(data?.touch).toEqual(touch);
    expect(await recordPurchase(metadata, paidEvent(email, { channel: 'direct', at: '2026-12-01T00:00:00.000Z' }))).toBe('already_recorded');
    expect((await db().entities.firstTouch.get({ contactId }).go()).data?.touch).toEqual(touch);
    await api.bus.drain();
  });

  it('is kept for an existing contact that had none, and never replaced by a later order', async () => {
    const email = buyerEmail('known-first-touch');
    const created = await api.call('POST', '/v1/contacts', { body: { email } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const touch = { channel: 'promoter' as const, at: '2026-11-30T11:00:00.000Z', promoterId: newId() };
    await recordPurchase({ id: newId(), correlationId: 'first-touch-test' }, paidEvent(email, touch));
    await recordPurchase({ id: newId(), correlationId: 'first-touch-test' }, paidEvent(email, { channel: 'direct', at: '2026-12-01T00:00:00.000Z' }));
    expect((await db().entities.firstTouch.get({ contactId: created.body.id }).go()).data?.touch).toEqual(touch);
    await api.bus.drain();
  });
});
