import { describe, expect, it, vi } from 'vitest';
import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { expireSessionOffers } from '#packages/features/sessions/index.ts';
import { useTestApi } from '../support/local-api.ts';
import { hours, tally } from '../support/sales-fixtures.ts';
import { givenAttendee, givenConference, givenTickets, signingKey } from '../support/conference-fixtures.ts';

const api = useTestApi();

type Event = { id: string };
type Reg = { sessionId: string; ticketId: string; state: string; position: number };

async function givenEventWithTickets(quantity: number) {
  const { event, type } = await givenConference(api.call);
  const { data } = await import('#packages/core/db/service.ts').then(async (m) => m.db().entities.event.get({ eventId: event.id }).go());
  const { tickets, order, buyer } = await givenTickets(api.call, event.id, type.id, quantity);
  const links = tickets.map((t) => attendeeLinkToken(t.id, event.id, data!.endsAt, signingKey()));
  return { event, type, tickets, links, order, buyer };
}

async function givenSession(event: Event, body: Record<string, unknown>) {
  const res = await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Workshop', state: 'scheduled', startsAt: hours(49), endsAt: hours(50), ...body } });
  if (res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; startsAt: string; endsAt: string };
}

const register = (link: string, sessionId: string) => api.call('POST', `/v1/attendee-links/${link}/sessions/${sessionId}/registration`, { role: null });
const cancel = (link: string, sessionId: string) => api.call('DELETE', `/v1/attendee-links/${link}/sessions/${sessionId}/registration`, { role: null });
const registrants = async (event: Event, sessionId: string, state?: string) =>
  (await api.call('GET', `/v1/events/${event.id}/sessions/${sessionId}/registrations${state ? `?state=${state}` : ''}`)).body.items as Reg[];
const seats = async (event: Event, sessionId: string) => (await api.call('GET', `/v1/events/${event.id}/sessions/${sessionId}`)).body.seats;

describe('session registration with a waitlist', () => {
  it('50 concurrent registrations for 20 seats: exactly 20 confirmed and 30 waitlisted in order; each cancellation offers exactly one seat, in waitlist order', async () => {
    const { event, links, tickets } = await givenEventWithTickets(50);
    const session = await givenSession(event, { capacity: 20 });
    const answers = await Promise.all(links.map((l) => register(l, session.id)));
    expect(tally(answers)).toEqual({ 201: 50 });
    const states = answers.map((a) => a.body.state as string);
    expect(states.filter((s) => s === 'confirmed')).toHaveLength(20);
    expect(states.filter((s) => s === 'waitlisted')).toHaveLength(30);
    const positions = answers.filter((a) => a.body.state === 'waitlisted').map((a) => a.body.position as number);
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await seats(event, session.id)).toEqual({ capacity: 20, confirmed: 20, waiting: 30, attended: 0 });
    await vi.waitFor(async () => expect((await registrants(event, session.id, 'waitlisted')).map((r) => r.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1)));

    // Registering again answers the same registration and takes nothing.
    const again = await register(links[0]!, session.id);
    expect([again.status, again.body.state]).toEqual([200, answers[0]!.body.state]);

    const linkOf = new Map(tickets.map((t, i) => [t.id, links[i]!]));
    const confirmed = answers.filter((a) => a.body.state === 'confirmed').map((a) => a.body.ticketId as string);
    const byPosition = new Map(answers.filter((a) => a.body.state === 'waitlisted').map((a) => [a.body.position as number, a.body.ticketId as string]));
    for (let k = 1; k <= 3; k++) {
      const gone = await cancel(linkOf.get(confirmed[k - 1]!)!, session.id);
      expect([gone.status, gone.body.state]).toEqual([200, 'canceled']);
      await vi.waitFor(async () => expect((await registrants(event, session.id, 'offered')).map((r) => r.ticketId).sort()).toEqual([...Array(k).keys()].map((i) => byPosition.get(i + 1)!).sort()), { timeout: 10_000 });
      expect(await seats(event, session.id)).toMatchObject({ confirmed: 20, waiting: 30 - k });
    }

    // The first accepts; the second declines, so the fourth in line is offered; the third lets it expire, so the fifth is.
    const accepted = await api.call('POST', `/v1/attendee-links/${linkOf.get(byPosition.get(1)!)}/sessions/${session.id}/registration/accept`, { role: null });
    expect([accepted.status, accepted.body.state]).toEqual([200, 'confirmed']);
    expect((await cancel(linkOf.get(byPosition.get(2)!)!, session.id)).body).toMatchObject({ state: 'canceled', reason: 'offer_declined' });
    await vi.waitFor(async () => expect((await registrants(event, session.id, 'offered')).map((r) => r.ticketId).sort()).toEqual([byPosition.get(3)!, byPosition.get(4)!].sort()), { timeout: 10_000 });
    await expireSessionOffers(new Date(Date.now() + 24 * 3600_000).toISOString());
    await vi.waitFor(async () => expect((await registrants(event, session.id, 'offered')).map((r) => r.ticketId).sort()).toEqual([byPosition.get(5)!, byPosition.get(6)!].sort()), { timeout: 10_000 });
    const late = await api.call('POST', `/v1/attendee-links/${linkOf.get(byPosition.get(3)!)}/sessions/${session.id}/registration/accept`, { role: null });
    expect([late.status, late.body.code]).toEqual([409, 'no_offer']);
    expect(await seats(event, session.id)).toMatchObject({ capacity: 20, confirmed: 20, waiting: 24 });
    expect((await registrants(event, session.id, 'confirmed'))).toHaveLength(18);
  }, 120_000);

  it('an attendee never holds two overlapping confirmed sessions: refused at registration, under concurrency, and after a schedule change', async () => {
    const { event, links } = await givenEventWithTickets(12);
    const a = await givenSession(event, { title: 'A', capacity: 50, startsAt: hours(49), endsAt: hours(50) });
    const b = await givenSession(event, { title: 'B', capacity: 50, startsAt: hours(49.5), endsAt: hours(50.5) });
    const c = await givenSession(event, { title: 'C', capacity: 50, startsAt: hours(51), endsAt: hours(52) });

    expect((await register(links[0]!, a.id)).status).toBe(201);
    const clash = await register(links[0]!, b.id);
    expect([clash.status, clash.body.code, clash.body.sessionId]).toEqual([409, 'overlapping_session', a.id]);
    expect((await register(links[0]!, c.id)).status).toBe(201);

    // Ten attendees each try A and B at the same moment: one of the two, never both.
    const racers = links.slice(1, 11);
    const raced = await Promise.all(racers.flatMap((l) => [register(l, a.id), register(l, b.id)]));
    for (let i = 0; i < racers.length; i++) {
      const pair = [raced[2 * i]!, raced[2 * i + 1]!];
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
    }

    // C moves onto A's time: everyone confirmed in both loses C (the session that moved) and is told.
    const moved = await api.call('PATCH', `/v1/events/${event.id}/sessions/${c.id}`, { body: { startsAt: hours(49.25), endsAt: hours(50.25) } });
    expect(moved.status).toBe(200);
    await vi.waitFor(async () => expect((await registrants(event, c.id, 'confirmed'))).toHaveLength(0), { timeout: 15_000 });
    const sessions = new Map<string, { startsAt: string; endsAt: string }>();
    for (const s of [a, b, c]) sessions.set(s.id, (await api.call('GET', `/v1/events/${event.id}/sessions/${s.id}`)).body);
    for (const link of links) {
      const mine = (await api.call('GET', `/v1/attendee-links/${link}/registrations`, { role: null })).body.items as Reg[];
      const confirmedTimes = mine.filter((r) => r.state === 'confirmed').map((r) => sessions.get(r.sessionId)!);
      for (let i = 0; i < confirmedTimes.length; i++)
        for (let j = i + 1; j < confirmedTimes.length; j++) {
          const [x, y] = [confirmedTimes[i]!, confirmedTimes[j]!];
          expect(Date.parse(x.startsAt) < Date.parse(y.endsAt) && Date.parse(y.startsAt) < Date.parse(x.endsAt)).toBe(false);
        }
    }
    const dropped = (await registrants(event, c.id, 'canceled')).find((r) => r.ticketId);
    expect(dropped).toMatchObject({ state: 'canceled' });
    expect(await seats(event, c.id)).toMatchObject({ confirmed: 0 });

    // The personal agenda shows what is left.
    const ics = await api.call('GET', `/v1/attendee-links/${links[0]}/agenda.ics`, { role: null });
    expect(ics.status).toBe(200);
    expect(String(ics.body)).toContain(`UID:${a.id}@eventos`);
    expect(String(ics.body)).not.toContain(`UID:${c.id}@eventos`);
  }, 120_000);

  it('refuses what the session does not allow: another ticket type, a draft session, an open session', async () => {
    const { event, links, type } = await givenEventWithTickets(1);
    const other = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: { name: 'Workshop add-on', price: { amount: 1000, currency: 'EUR' }, capacity: 10, maxPerOrder: 1 } });
    const restricted = await givenSession(event, { capacity: 5, ticketTypeIds: [other.body.id] });
    expect((await register(links[0]!, restricted.id)).body.code).toBe('ticket_type_not_allowed');
    const draft = await givenSession(event, { capacity: 5, state: 'draft' });
    expect((await register(links[0]!, draft.id)).body.code).toBe('session_not_open');
    const open = await givenSession(event, {});
    expect((await register(links[0]!, open.id)).body.code).toBe('registration_not_needed');
    expect(type.id).toBeTruthy();
    expect((await api.call('POST', `/v1/attendee-links/${links[0]!.slice(0, -3)}abc/sessions/${open.id}/registration`, { role: null })).status).toBe(404);
  });
});

describe('session check-in', () => {
  it("admits a confirmed ticket once at the session's door, counts it, and credits the attendee's contact", async () => {
    const { event, links, tickets } = await givenEventWithTickets(2);
    const attendee = await givenAttendee(api.call, tickets[0]!.id);
    const session = await givenSession(event, { capacity: 10 });
    expect((await register(links[0]!, session.id)).status).toBe(201);
    const scan = (code: string) => api.call('POST', `/v1/events/${event.id}/sessions/${session.id}/check-ins`, { role: 'scanner', body: { code, deviceId: 'door-1' } });
    const first = await scan(tickets[0]!.code);
    expect(first.status).toBe(201);
    expect(first.body.attendee).toEqual({ name: 'Ana Ruiz', email: attendee.email });
    expect((await scan(tickets[0]!.code)).body.code).toBe('already_checked_in');
    expect((await scan(tickets[1]!.code)).body.code).toBe('not_registered');
    expect((await scan('garbage')).status).toBe(404);
    expect(await seats(event, session.id)).toMatchObject({ attended: 1 });
    const published = api.bus.recent.filter((e) => e['detail-type'] === 'session.checked_in' && (e.detail as any).data.sessionId === session.id);
    expect(published).toHaveLength(1);
    expect((published[0]!.detail as any).data).toMatchObject({ contactId: attendee.contactId, email: attendee.email });
    // Not a door for the buyer's role without check-in rights.
    expect((await api.call('POST', `/v1/events/${event.id}/sessions/${session.id}/check-ins`, { role: 'marketing', body: { code: tickets[0]!.code, deviceId: 'd' } })).status).toBe(403);
  });
});
