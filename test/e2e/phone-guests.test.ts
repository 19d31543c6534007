import { describe, expect, it, vi } from 'vitest';
import { ensureContact } from '#packages/features/contacts/index.ts';
import { givenCampaign, givenReadySegment, mailbox, recipientsOf } from '../support/campaign-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPromoter } from '../support/promoter-fixtures.ts';
import { givenPublishedEvent, givenTicketType, hours, pay } from '../support/sales-fixtures.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';

process.env.CAMPAIGN_MAX_SEND_RATE = '500';
vi.setConfig({ testTimeout: 180_000 });

const api = useTestApi();
const drain = () => api.bus.drain();

/** A Spanish mobile number of its own per call (the phone identity is per number, and tests share a table). */
const uniquePhone = () => `+3461${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function givenGuestList(eventId: string) {
  const res = await api.call('POST', `/v1/events/${eventId}/guest-lists`, { body: { name: 'Friday list', tiers: [{ tierId: 'vip', name: 'VIP', quota: 10, deadline: hours(40) }] } });
  if (res.status !== 201) throw new Error(`guest list: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

async function contactsOfSource(leadSource: string): Promise<Array<{ id: string; phone?: string; email?: string; leadSource: string }>> {
  const res = await api.call('GET', `/v1/contacts?leadSource=${encodeURIComponent(leadSource)}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('contacts known by phone only', () => {
  it('POST takes a phone without email (one contact per number, 409 duplicate_phone), 422 with neither; a PATCH giving an email keeps the contact', async () => {
    const phone = uniquePhone();
    const neither = await api.call('POST', '/v1/contacts', { body: { firstName: 'Nobody' } });
    expect(neither.status).toBe(422);
    expect(neither.body.code).toBe('email_or_phone_required');

    const created = await api.call('POST', '/v1/contacts', { body: { phone: phone.replace('+34', '+34 '), firstName: 'Pepa' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.phone).toBe(phone);
    expect(created.body.email).toBeUndefined();
    const again = await api.call('POST', '/v1/contacts', { body: { phone, firstName: 'Pepa again' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'duplicate_phone', existingId: created.body.id });

    const noKey = await api.call('PATCH', `/v1/contacts/${created.body.id}`, { body: { phone: null } });
    expect(noKey.status).toBe(422);
    expect(noKey.body.code).toBe('email_or_phone_required');

    const email = mailbox('pepa');
    const withEmail = await api.call('PATCH', `/v1/contacts/${created.body.id}`, { body: { email } });
    expect(withEmail.status, JSON.stringify(withEmail.body)).toBe(200);
    expect(withEmail.body).toMatchObject({ id: created.body.id, email, phone });
    const byEmail = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
    expect(byEmail.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    // The email is now unique to it, and the number still names it.
    expect((await api.call('POST', '/v1/contacts', { body: { email } })).body.code).toBe('duplicate');
    expect((await api.call('POST', '/v1/contacts', { body: { phone } })).body).toMatchObject({ code: 'duplicate_phone', existingId: created.body.id });
  });

  it('a guest known only by phone becomes a contact with the promoter as lead source and timeline lines for the add and the check-in', async () => {
    const event = await givenPublishedEvent(api.call);
    const list = await givenGuestList(event.id);
    const { promoter, as } = await givenPromoter(api.call);
    const phone = uniquePhone();
    const guest = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Luis Pardo', phone }, ...as });
    expect(guest.status, JSON.stringify(guest.body)).toBe(201);
    const scan = await api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { code: guest.body.code, deviceId: 'gate-1' } });
    expect(scan.status).toBe(201);
    await drain();

    const leadSource = `promoter:${promoter.code.toLowerCase()}`;
    const [contact, ...others] = await contactsOfSource(leadSource);
    expect(others).toEqual([]);
    expect(contact).toMatchObject({ phone, firstName: 'Luis', lastName: 'Pardo', leadSource });
    expect(contact!.email).toBeUndefined();
    const timeline = await api.call('GET', `/v1/contacts/${contact!.id}/timeline`);
    expect(timeline.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['guest.added', 'guest.checked_in']);
  });

  it('the same number added at once to lists of two events is one contact', async () => {
    const [first, second] = await Promise.all([givenPublishedEvent(api.call), givenPublishedEvent(api.call)]);
    const lists = await Promise.all([givenGuestList(first!.id), givenGuestList(second!.id)]);
    const { promoter, as } = await givenPromoter(api.call);
    const phone = uniquePhone();
    const added = await Promise.all(lists.map((l) => api.call('POST', `/v1/guest-lists/${l.id}/guests`, { body: { tierId: 'vip', name: 'Sara Vidal', phone }, ...as })));
    expect(added.map((a) => a.status)).toEqual([201, 201]);
    await drain();

    const contacts = await contactsOfSource(`promoter:${promoter.code.toLowerCase()}`);
    expect(contacts).toHaveLength(1);
    const timeline = await api.call('GET', `/v1/contacts/${contacts[0]!.id}/timeline`);
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'guest.added')).toHaveLength(2);
  });

  it('concurrent deliveries for one number (written two ways) make one contact: the phone identity is a conditional write', async () => {
    const phone = uniquePhone();
    const written = [phone, `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ensureContact({ phone: written[i % 2], firstName: 'Rita', leadSource: 'promoter:race' }, { actorId: 'test', correlationId: `race-${i}` })),
    );
    expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const again = await api.call('POST', '/v1/contacts', { body: { phone } });
    expect(again.body).toMatchObject({ code: 'duplicate_phone', existingId: results[0]!.contactId });
  });

  it('a campaign to a segment holding a phone-only contact neither mails it nor counts it', async () => {
    const tag = uniqueTag('phone');
    const mailed = await api.call('POST', '/v1/contacts', { body: { email: mailbox(), marketingConsent: true, tags: [tag] } });
    const phoneOnly = await api.call('POST', '/v1/contacts', { body: { phone: uniquePhone(), marketingConsent: true, tags: [tag] } });
    expect([mailed.status, phoneOnly.status]).toEqual([201, 201]);
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const campaign = await givenCampaign(api.call, { audience: { segmentId } });
    expect((await api.call('POST', `/v1/campaigns/${campaign.id}/send`)).status).toBe(202);
    await drain();

    const done = (await api.call('GET', `/v1/campaigns/${campaign.id}`)).body;
    expect(done.totals).toMatchObject({ audience: 1, sent: 1 });
    expect((await recipientsOf(api.call, campaign.id)).map((r) => r.contactId)).toEqual([mailed.body.id]);
  });

  it('erasing a phone-only contact removes its number and frees it for a new contact', async () => {
    const phone = uniquePhone();
    const created = await api.call('POST', '/v1/contacts', { body: { phone, firstName: 'Olga', tags: [uniqueTag()] } });
    expect(created.status).toBe(201);
    const erased = await api.call('POST', `/v1/contacts/${created.body.id}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.touched).toMatchObject({ contact: 1, guards: 2, suppressions: 0, purchaseSummaries: 0 });

    const after = await api.call('GET', `/v1/contacts/${created.body.id}`);
    expect(after.body.phone).toBeUndefined();
    expect(after.body.firstName).toBeUndefined();
    expect(after.body.email).toBeUndefined();
    expect(after.body.state).toBe('trashed');
    const fresh = await api.call('POST', '/v1/contacts', { body: { phone } });
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(created.body.id);
  });

  it('a phone-only guest who buys with an email and that phone is the same contact, with the purchase', async () => {
    const event = await givenPublishedEvent(api.call);
    const ticketType = await givenTicketType(api.call, event.id);
    const list = await givenGuestList(event.id);
    const { promoter, as } = await givenPromoter(api.call);
    const phone = uniquePhone();
    expect((await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Eva Soler', phone }, ...as })).status).toBe(201);
    await drain();
    const [guestContact] = await contactsOfSource(`promoter:${promoter.code.toLowerCase()}`);

    const email = mailbox('eva');
    const order = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email, firstName: 'Eva', phone: phone.replace('+34', '+34 ') }, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    if (order.body.status !== 'paid') await pay(api.call, order.body);
    await drain();

    const contact = (await api.call('GET', `/v1/contacts/${guestContact!.id}`)).body;
    expect(contact).toMatchObject({ email, phone, ordersCount: 1, leadSource: `promoter:${promoter.code.toLowerCase()}` });
    expect((await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`)).body.items.map((c: { id: string }) => c.id)).toEqual([guestContact!.id]);
  });

  it('an import row matched by phone gives a phone-only contact its email; the undo takes it back with its guard', async () => {
    const phone = uniquePhone();
    const created = await api.call('POST', '/v1/contacts', { body: { phone } });
    const email = mailbox('imp');
    const started = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `phone,email,first name\n${phone},${email},Iris\n`, matchKey: 'phone' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await importIn(started.body.id, 'done');
    expect(done).toMatchObject({ created: 0, updated: 1 });
    expect((await api.call('GET', `/v1/contacts/${created.body.id}`)).body).toMatchObject({ email, phone, firstName: 'Iris' });

    expect((await api.call('POST', `/v1/imports/${started.body.id}/undo`)).status).toBe(202);
    await importIn(started.body.id, 'undone');
    const after = (await api.call('GET', `/v1/contacts/${created.body.id}`)).body;
    expect(after.email).toBeUndefined();
    expect(after.phone).toBe(phone);
    expect((await api.call('POST', '/v1/contacts', { body: { email } })).status).toBe(201);
  });

  it('an import matched by phone creates a row without email as a phone-only contact, once', async () => {
    const phone = uniquePhone();
    const csv = `phone,first name\n${phone},Gala\n`;
    const first = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv, matchKey: 'phone' } });
    expect(await importIn(first.body.id, 'done')).toMatchObject({ created: 1 });
    const second = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv, matchKey: 'phone' } });
    expect(await importIn(second.body.id, 'done')).toMatchObject({ processed: 1, created: 0, updated: 0, failed: 0 });
    const taken = await api.call('POST', '/v1/contacts', { body: { phone } });
    expect(taken.body.code).toBe('duplicate_phone');
    expect((await api.call('GET', `/v1/contacts/${taken.body.existingId}`)).body).toMatchObject({ phone, firstName: 'Gala' });
  });
});

/** The import once it reaches `status` (it runs in the background). */
async function importIn(importId: string, status: string): Promise<Record<string, unknown>> {
  let body: Record<string, unknown> = {};
  for (let round = 0; round < 3000 && body.status !== status; round++) {
    if (round) await new Promise((r) => setTimeout(r, 50));
    body = (await api.call('GET', `/v1/imports/${importId}`)).body;
  }
  return body;
}
