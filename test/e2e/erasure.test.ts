import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, tableName } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import { relayOutbox } from '#packages/core/bus/outbox.ts';
import { givenSentCampaign } from '../support/campaign-tracking-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

/** Every item of the table, as JSON text (a Scan: fine in a test, never on a request path). */
async function wholeTable(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(JSON.stringify(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function importAndWait(csv: string, extra: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return until('import', async () => {
    const imp = await api.call('GET', `/v1/imports/${res.body.id}`);
    return imp.body.status === 'done' && imp.body;
  });
}

describe('erasure', () => {
  it('leaves no plain-text email, phone or name anywhere in the table; orders stay under a pseudonym; re-import needs new consent', { timeout: 180_000 }, async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const { contactId, email } = recipients[0]! as { contactId: string; email: string };
    const first = 'Zebulon';
    const last = 'Quixotically';
    const phone = '+34699887766';
    expect((await api.call('PATCH', `/v1/contacts/${contactId}`, { body: { firstName: first, lastName: last, phone, tags: ['vip'] } })).status).toBe(200);
    await api.call('POST', `/v1/contacts/${contactId}/consents`, { body: { purpose: 'marketing_email', state: 'granted', subject: { ip: '203.0.113.50', userAgent: 'Zebulon-Browser' } } });
    await api.call('POST', '/v1/notes', { body: { contactId, body: `Call ${first} ${last} back on ${phone}` } });
    await api.call('POST', '/v1/interactions', { body: { contactId, type: 'call', subject: `Spoke with ${first}`, content: `${email}` } });
    await db().entities.suppression.create({ email, reason: 'manual', at: new Date().toISOString(), contactId }).go();

    // A paid order (free ticket) by the same person: its buyer, its tickets' holder, the timeline line.
    const event = await givenPublishedEvent(api.call);
    const free = await givenTicketType(api.call, event.id, { price: { amount: 0, currency: 'EUR' } });
    const order = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email: email.toUpperCase(), firstName: first, lastName: last, phone }, items: [{ ticketTypeId: free.id, quantity: 2 }] },
    });
    expect(order.status).toBe(201);
    await until('the purchase on the contact', async () => (await api.call('GET', `/v1/contacts/${contactId}`)).body.ordersCount === 1);

    // An order never paid (still pending; it puts no line on the timeline), by the same address differently cased.
    const priced = await givenTicketType(api.call, event.id, { price: { amount: 1500, currency: 'EUR' } });
    const unpaid = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email: ` ${email.replace(/^./, (c) => c.toUpperCase())}`, firstName: first, lastName: last, phone }, items: [{ ticketTypeId: priced.id, quantity: 1 }] },
    });
    expect(unpaid.status, JSON.stringify(unpaid.body)).toBe(201);
    expect(unpaid.body.status).toBe('pending');

    // A recent import that changed them (before-values kept) and one that refused a row holding their address.
    await importAndWait(`email,last name\n${email},${last}-Imported\n`);
    await importAndWait(`email,first name,phone\n${email},${first},not a phone\n`);

    const before = await wholeTable();
    for (const secret of [email, phone, first, last]) expect(before.some((item) => item.includes(secret)), secret).toBe(true);

    const erased = await api.call('POST', `/v1/contacts/${contactId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.touched).toMatchObject({ orders: 2, tickets: 2, campaignRecipients: 1, suppressions: 1, purchaseSummaries: 1, contact: 1 });
    expect(erased.body.touched.timeline).toBeGreaterThanOrEqual(3);

    // The pending order's `order.created` waits in the outbox for the relay (up to two minutes, then the row is
    // deleted): transient, not stored data; relayed here so the scan sees what stays.
    await relayOutbox(0);
    const after = await wholeTable();
    const hits = (s: string) => after.filter((item) => item.toLowerCase().includes(s.toLowerCase()));
    expect(hits(email)).toEqual([]);
    expect(hits(phone)).toEqual([]);
    expect(hits(phone.slice(3))).toEqual([]);
    expect(hits(first)).toEqual([]);
    expect(hits(last)).toEqual([]);
    expect(hits('203.0.113.50')).toEqual([]);
    expect(hits('Zebulon-Browser')).toEqual([]);

    // The money stays, under a pseudonym; the campaign still counts its recipient.
    const kept = await api.call('GET', `/v1/orders/${order.body.id}`);
    expect(kept.body.total).toEqual({ amount: 0, currency: 'EUR' });
    expect(kept.body.buyer.email).toMatch(/@erased\.invalid$/);
    expect((await api.call('GET', `/v1/orders/${unpaid.body.id}`)).body.buyer.email).toMatch(/@erased\.invalid$/);
    const { data: recipient } = await db().entities.campaignRecipient.get({ campaignId, contactId }).go();
    expect(recipient?.status).toBe('sent');
    expect((await api.call('GET', `/v1/contacts/${contactId}`)).body).toMatchObject({ state: 'trashed' });
    expect((await api.call('POST', `/v1/contacts/${contactId}/erase`)).status).toBe(409);

    // Their address alone cannot bring them back; with their new consent it can.
    const blocked = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `email\n${email.toUpperCase()}\n`, dryRun: true } });
    expect(blocked.body.rows[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^erased/) });
    const refused = await importAndWait(`email\n ${email} \n`);
    expect(refused).toMatchObject({ created: 0, failed: 1 });
    expect((await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`)).body.items).toEqual([]);
    const back = await importAndWait(`email\n${email}\n`, { consent: { purpose: 'marketing_email', legalBasis: 'consent' } });
    expect(back.created).toBe(1);
  });

  it('deletes the visits recorded with the contact\'s email and its first touch; a visit delivered after the erasure adds nothing', async () => {
    const email = buyerEmail('erased-visitor');
    const created = await api.call('POST', '/v1/contacts', { body: { email } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const contactId = created.body.id as string;
    const event = await givenPublishedEvent(api.call);
    const utm = { source: 'instagram', medium: 'social', campaign: 'erase-me' };
    const visits: string[] = [];
    for (let i = 0; i < 2; i++) {
      const visit = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { utm, email } });
      expect(visit.status, JSON.stringify(visit.body)).toBe(200);
      visits.push(visit.body.visitId);
    }
    await api.bus.drain();
    expect(api.bus.deadLetters).toEqual([]);
    const before = await api.call('GET', `/v1/contacts/${contactId}/journey`);
    expect(before.body.firstTouch).toMatchObject({ channel: 'utm', utm });
    expect(before.body.items.map((i: { kind: string }) => i.kind)).toEqual(['visit.recorded', 'visit.recorded']);
    for (const visitId of visits) expect((await db().entities.visit.get({ visitId }).go()).data?.contactId).toBe(contactId);

    // A third visit recorded before the erasure, its journey line not yet written when the erasure runs.
    const late = await api.call('POST', `/v1/events/${event.id}/visits`, { role: null, body: { utm, email } });
    expect(late.status).toBe(200);
    const lateEvent = (await db().entities.visit.get({ visitId: late.body.visitId }).go()).data!;

    const erased = await api.call('POST', `/v1/contacts/${contactId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.touched.touches).toBeGreaterThanOrEqual(3);
    for (const visitId of visits) expect((await db().entities.visit.get({ visitId }).go()).data).toBeNull();
    expect((await db().entities.firstTouch.get({ contactId }).go()).data).toBeNull();

    // Its visit.recorded, delivered (again) after the erasure, writes no journey line and no first touch.
    await api.bus.drain();
    const { putOnBus } = await import('#packages/core/bus/publish.ts');
    const { domainEvent } = await import('#packages/core/bus/pending-event.ts');
    const { ttl: _ttl, ...visit } = lateEvent;
    await putOnBus([domainEvent('visit.recorded', visit as never, { correlationId: 'erasure-test' })]);
    await api.bus.drain();
    expect(api.bus.deadLetters).toEqual([]);
    expect((await db().entities.firstTouch.get({ contactId }).go()).data).toBeNull();
    const { data: lines } = await db().entities.timelineEntry.query.timeline({ contactId }).go({ pages: 'all' });
    expect(lines.filter((l) => l.kind === 'visit.recorded')).toEqual([]);
  });
});
