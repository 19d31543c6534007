import { describe, expect, it, vi } from 'vitest';
import { attendeeFormToken } from '#packages/features/attendees/index.ts';
import { useTestApi } from '../support/local-api.ts';
import { emailsTo, buyerEmail } from '../support/sales-fixtures.ts';
import { givenConference, givenTickets, signingKey } from '../support/conference-fixtures.ts';

const api = useTestApi();

const form = (orderId: string, now = new Date()) => attendeeFormToken(orderId, now, signingKey());

async function contactByEmail(email: string) {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

describe('named attendees', () => {
  it("the buyer names each ticket's attendee through the signed link; each becomes a contact and is mailed their ticket", async () => {
    const { event, type } = await givenConference(api.call, {
      attendeeQuestions: [
        { id: 'diet', label: 'Dietary needs', options: ['none', 'vegetarian', 'vegan'], required: true },
        { id: 'tshirt', label: 'T-shirt size' },
      ],
    });
    const { order, tickets } = await givenTickets(api.call, event.id, type.id, 2);
    const token = form(order.id);

    const shown = await api.call('GET', `/v1/attendee-forms/${token}`, { role: null });
    expect(shown.status).toBe(200);
    expect(shown.body.tickets).toHaveLength(2);
    expect(shown.body.tickets[0]).toMatchObject({ attendee: null, questions: [{ id: 'diet' }, { id: 'tshirt' }] });

    const email = buyerEmail('ana');
    const fill = (ticketId: string, body: Record<string, unknown>, t = token) =>
      api.call('PUT', `/v1/attendee-forms/${t}/tickets/${ticketId}`, { role: null, body: { firstName: 'Ana', lastName: 'Ruiz', email, ...body } });

    const missing = await fill(tickets[0]!.id, { answers: { tshirt: 'M' } });
    expect([missing.status, missing.body.code]).toEqual([422, 'answers_invalid']);
    const notAnOption = await fill(tickets[0]!.id, { answers: { diet: 'carnivore' } });
    expect([notAnOption.status, notAnOption.body.code]).toEqual([422, 'answers_invalid']);

    const ok = await fill(tickets[0]!.id, { company: 'Acme', jobTitle: 'CTO', answers: { diet: 'vegan' } });
    expect(ok.status).toBe(200);
    expect(ok.body.attendee).toMatchObject({ firstName: 'Ana', email, company: 'Acme', jobTitle: 'CTO', answers: { diet: 'vegan' } });
    const contact = await contactByEmail(email);
    expect(contact.id).toBe(ok.body.attendee.contactId);

    // The same person on the second ticket: one contact (deduplicated by email).
    const again = await fill(tickets[1]!.id, { answers: { diet: 'none' } });
    expect(again.body.attendee.contactId).toBe(contact.id);

    // A link of another order cannot name this order's tickets; an expired link is refused.
    const other = await givenTickets(api.call, event.id, type.id, 1);
    expect((await fill(tickets[0]!.id, { answers: { diet: 'none' } }, form(other.order.id))).status).toBe(404);
    const expired = await fill(tickets[0]!.id, { answers: { diet: 'none' } }, form(order.id, new Date(Date.now() - 100 * 24 * 3600_000)));
    expect([expired.status, expired.body.code]).toEqual([422, 'link_expired']);
    expect((await api.call('GET', `/v1/attendee-forms/${token.slice(0, -2)}xx`, { role: null })).status).toBe(404);

    // Each ticket mailed to the attendee once; the buyer's confirmation carries the link.
    await vi.waitFor(async () => expect((await emailsTo(api.mailUrl, email)).filter((m) => m.subject.startsWith('Your ticket for'))).toHaveLength(2), { timeout: 10_000 });
  });

  it("attendance lands on the attendee's contact, not the buyer's; the list filters by ticket type and check-in", async () => {
    const { event, type } = await givenConference(api.call);
    const { tickets, buyer } = await givenTickets(api.call, event.id, type.id, 2);
    const email = buyerEmail('attendee');
    const named = await api.call('PUT', `/v1/tickets/${tickets[0]!.id}/attendee`, { body: { firstName: 'Bo', lastName: 'Lee', email } });
    expect(named.status).toBe(200);

    const scan = await api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { deviceId: 'gate-1', code: tickets[0]!.code } });
    expect(scan.status).toBe(201);
    expect(scan.body.attendee).toMatchObject({ name: 'Bo Lee', email });

    await vi.waitFor(async () => expect((await contactByEmail(email))?.eventsAttended).toBe(1), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await contactByEmail(buyer)).toBeDefined(), { timeout: 10_000 });
    expect((await contactByEmail(buyer)).eventsAttended ?? 0).toBe(0);

    const all = await api.call('GET', `/v1/events/${event.id}/attendees`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((a: { ticketId: string }) => a.ticketId).sort()).toEqual(tickets.map((t) => t.id).sort());
    const inside = await api.call('GET', `/v1/events/${event.id}/attendees?checkedIn=true`);
    expect(inside.body.items).toHaveLength(1);
    expect(inside.body.items[0]).toMatchObject({ ticketId: tickets[0]!.id, checkedIn: true, attendee: { email } });
    const notYet = await api.call('GET', `/v1/events/${event.id}/attendees?checkedIn=false&ticketTypeId=${type.id}`);
    expect(notYet.body.items.map((a: { ticketId: string }) => a.ticketId)).toEqual([tickets[1]!.id]);
  });
});
