import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock } from '../support/clock.ts';
import { givenTickets } from '../support/conference-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { attendeeLink, busEvents, givenTradeShow } from '../support/tradeshow-fixtures.ts';

const api = useTestApi();
let clock: { restore: () => void } | undefined;
afterEach(() => clock?.restore());

interface Person {
  ticketId: string;
  link: string;
}

/** An event with `n` attendees, all in the directory; `slot(k)` is the k-th slot of the 15-minute grid after the event's first hour. */
async function givenNetworkingEvent(n: number, settings?: Record<string, unknown>) {
  const { event, type } = await givenTradeShow(api.call, 1);
  const startsAt = (await api.call('GET', `/v1/events/${event.id}`)).body.startsAt as string;
  if (settings) expect((await api.call('PUT', `/v1/events/${event.id}/networking`, { body: settings })).status).toBe(200);
  const { tickets } = await givenTickets(api.call, event.id, type.id, n);
  const people: Person[] = tickets.map((t) => ({ ticketId: t.id, link: attendeeLink(t.id, event.id) }));
  await Promise.all(
    people.map(async (p, i) => {
      const res = await api.call('PUT', `/v1/attendee-links/${p.link}/networking/profile`, { role: null, body: { displayName: `Person ${i}`, company: 'Co', interests: i % 2 ? ['robots'] : ['ai'] } });
      expect(res.status).toBe(200);
    }),
  );
  const first = Math.ceil((Date.parse(startsAt) + 3600_000) / 900_000) * 900_000;
  const slot = (k: number) => new Date(first + k * 900_000).toISOString();
  return { event, type, people, slot };
}

const request = (from: Person, to: Person, startsAt: string, minutes = 15, extra: Record<string, unknown> = {}) =>
  api.call('POST', `/v1/attendee-links/${from.link}/meetings`, { role: null, body: { withTicketId: to.ticketId, startsAt, minutes, ...extra } });
const respond = (who: Person, meetingId: string, action: string, body?: unknown) =>
  api.call('POST', `/v1/attendee-links/${who.link}/meetings/${meetingId}/${action}`, { role: null, ...(body ? { body } : {}) });
const meetings = async (who: Person) => (await api.call('GET', `/v1/attendee-links/${who.link}/meetings`, { role: null })).body.items as Array<{ id: string; status: string; startsAt: string }>;

describe('networking meetings', () => {
  it('pending requests block nothing; an accepted slot is never booked twice, on either side, however many accepts race', async () => {
    const { people, slot } = await givenNetworkingEvent(12);
    const [hub, ...others] = people as [Person, ...Person[]];

    // Recipient side: five people ask the hub for the same slot; all pending, none blocks another.
    const asks = await Promise.all(others.slice(0, 5).map((p) => request(p, hub, slot(0))));
    expect(asks.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    // The hub may still ask someone else for that slot: pending requests hold nothing.
    const hubAsk = await request(hub, others[5]!, slot(0));
    expect(hubAsk.status).toBe(201);

    const accepts = await Promise.all(asks.map((r) => respond(hub, r.body.id, 'accept')));
    expect(accepts.filter((r) => r.status === 200)).toHaveLength(1);
    expect(accepts.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(4).fill('recipient_busy'));
    // The other side of the hub's own request now finds the hub busy.
    const late = await respond(others[5]!, hubAsk.body.id, 'accept');
    expect([late.status, late.body.code]).toEqual([409, 'requester_busy']);

    // Requester side: the hub asks five people for a 30-minute meeting at slot 4; they all accept at once.
    const sent = await Promise.all(others.slice(5, 10).map((p) => request(hub, p, slot(4), 30)));
    expect(sent.every((r) => r.status === 201)).toBe(true);
    const raced = await Promise.all(sent.map((r, i) => respond(others[5 + i]!, r.body.id, 'accept')));
    expect(raced.filter((r) => r.status === 200)).toHaveLength(1);
    expect(raced.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(4).fill('requester_busy'));
    // A 15-minute meeting overlapping the accepted 30 minutes (slot 5) is refused too.
    const overlap = await request(others[10]!, hub, slot(5));
    expect((await respond(hub, overlap.body.id, 'accept')).body.code).toBe('recipient_busy');

    const accepted = (await meetings(hub)).filter((m) => m.status === 'accepted');
    expect(accepted.map((m) => m.startsAt)).toEqual([slot(0), slot(4)]);
  });

  it('accepted meetings are in both iCalendar agendas and make a connection; canceling frees both slots; reschedule and decline', async () => {
    const { people, slot } = await givenNetworkingEvent(4, { defaultQuota: 5, locations: ['Table 1', 'Table 2'] });
    const [ana, bo, cy, di] = people as [Person, Person, Person, Person];
    const where = await request(ana, bo, slot(1), 30, { location: 'Table 9' });
    expect([where.status, where.body.code]).toEqual([422, 'unknown_location']);
    const ask = await request(ana, bo, slot(1), 30, { location: 'Table 1', message: 'Talk robots?' });
    expect((await respond(ana, ask.body.id, 'accept')).body.code).toBe('not_recipient');
    expect((await respond(bo, ask.body.id, 'accept')).body).toMatchObject({ status: 'accepted', location: 'Table 1', minutes: 30 });
    expect(busEvents(api.bus, 'meeting.accepted').filter((d) => d.meetingId === ask.body.id)).toEqual([
      expect.objectContaining({ requesterTicketId: ana.ticketId, recipientTicketId: bo.ticketId, startsAt: slot(1), endsAt: slot(3), location: 'Table 1' }),
    ]);

    for (const who of [ana, bo]) {
      const ics = await api.call('GET', `/v1/attendee-links/${who.link}/agenda.ics`, { role: null });
      expect(ics.status).toBe(200);
      expect(ics.body).toContain(`meeting-${ask.body.id}@eventos`);
      expect(ics.body).toContain('LOCATION:Table 1');
      expect(ics.body).toContain(`Meeting with Person ${who === ana ? 1 : 0}`);
    }
    const connections = (await api.call('GET', `/v1/attendee-links/${bo.link}/connections`, { role: null })).body.items;
    expect(connections).toEqual([expect.objectContaining({ otherTicketId: ana.ticketId, type: 'meeting', meetingId: ask.body.id })]);
    expect((await api.call('POST', `/v1/attendee-links/${cy.link}/connections`, { role: null, body: { withTicketId: di.ticketId, type: 'exchanged_contacts' } })).status).toBe(201);
    expect((await api.call('GET', `/v1/attendee-links/${di.link}/connections`, { role: null })).body.items).toEqual([expect.objectContaining({ otherTicketId: cy.ticketId, type: 'exchanged_contacts' })]);

    // Cy cannot have Bo in that slot until the meeting is canceled; then Bo is free again.
    const cyAsk = await request(cy, bo, slot(2));
    expect((await respond(bo, cyAsk.body.id, 'accept')).body.code).toBe('recipient_busy');
    expect((await respond(ana, ask.body.id, 'cancel')).body.status).toBe('canceled');
    expect((await respond(bo, cyAsk.body.id, 'accept')).status).toBe(200);
    expect(await api.call('GET', `/v1/attendee-links/${ana.link}/agenda.ics`, { role: null }).then((r) => r.body)).not.toContain(`meeting-${ask.body.id}@eventos`);

    // Reschedule: the old request says so, the new one goes to the other person, pending.
    const diAsk = await request(di, ana, slot(6));
    const moved = await respond(ana, diAsk.body.id, 'reschedule', { startsAt: slot(8), minutes: 15 });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ status: 'pending', requesterTicketId: ana.ticketId, recipientTicketId: di.ticketId, startsAt: slot(8) });
    expect((await meetings(di)).find((m) => m.id === diAsk.body.id)).toMatchObject({ status: 'rescheduled' });
    expect((await respond(di, moved.body.id, 'decline')).body.status).toBe('declined');
    expect((await respond(di, moved.body.id, 'accept')).body.code).toBe('not_pending');
  });

  it('request quotas per ticket type; a request whose slot has passed reads expired and cannot be accepted', async () => {
    const { event, people, slot, type } = await givenNetworkingEvent(4, { defaultQuota: 5 });
    const [ana, bo, cy, di] = people as [Person, Person, Person, Person];
    // Directory: by interest, without oneself; only for those in it.
    const dir = (await api.call('GET', `/v1/attendee-links/${ana.link}/networking/directory?interest=robots`, { role: null })).body.items;
    expect(dir.map((p: { ticketId: string }) => p.ticketId).sort()).toEqual([bo.ticketId, di.ticketId].sort());
    expect(dir[0].email).toBeUndefined();

    // Visitor tickets may send 2 requests; the third of three racing ones is refused.
    expect((await api.call('PUT', `/v1/events/${event.id}/networking`, { body: { defaultQuota: 5, quotas: { [type.id]: 2 } } })).status).toBe(200);
    const sent = await Promise.all([request(ana, bo, slot(0)), request(ana, cy, slot(1)), request(ana, di, slot(2))]);
    expect(sent.filter((r) => r.status === 201)).toHaveLength(2);
    expect(sent.find((r) => r.status === 409)!.body.code).toBe('quota_exhausted');

    // Leaving the directory: no more requests to or from it.
    expect((await api.call('DELETE', `/v1/attendee-links/${cy.link}/networking/profile`, { role: null })).status).toBe(204);
    expect((await request(bo, cy, slot(3))).status).toBe(404);

    const pending = sent.find((r) => r.status === 201)!.body;
    clock = advanceClock(Date.parse(slot(3)) - Date.now());
    expect((await meetings(ana)).find((m) => m.id === pending.id)!.status).toBe('expired');
    const to = people.find((p) => p.ticketId === pending.recipientTicketId)!;
    expect((await respond(to, pending.id, 'accept')).body.code).toBe('not_pending');
  });
});
