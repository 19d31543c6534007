import { describe, expect, it, vi } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { useTestApi } from '../support/local-api.ts';
import { hours } from '../support/sales-fixtures.ts';
import { givenAttendee, givenConference, givenTickets, signingKey, linkToken } from '../support/conference-fixtures.ts';

const api = useTestApi();

const token = (ticketId: string, eventId: string, target: string, expiresAt = new Date(Date.now() + 3600_000)) =>
  linkToken('feedback', { t: ticketId, e: eventId, g: target }, expiresAt);
const give = (t: string, body: Record<string, unknown>) => api.call('PUT', `/v1/feedback/${t}`, { role: null, body });
const contact = async (contactId: string) => (await db().entities.contact.get({ contactId }).go({ consistent: true })).data;
const contactIdOf = async (email: string) => (await db().entities.contactEmail.get({ email }).go({ consistent: true })).data?.contactId;

/** A token whose payload is changed (another target or attendee) keeps its old MAC. */
function tampered(original: string, change: (claims: Record<string, string>) => void): string {
  const [payload, mac] = original.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  change(decoded.c);
  return `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${mac}`;
}

describe('feedback', () => {
  it("one editable response per attendee and target, bound by the signed link; figures for organisers and speakers; it lands on the attendee's contact", async () => {
    const { event, type } = await givenConference(api.call);
    const { tickets, buyer } = await givenTickets(api.call, event.id, type.id, 2);
    const ana = await givenAttendee(api.call, tickets[0]!.id, { firstName: 'Ana' });
    const bo = await givenAttendee(api.call, tickets[1]!.id, { firstName: 'Bo' });
    const talk = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Talk', state: 'scheduled', capacity: 10, startsAt: hours(49), endsAt: hours(50) } })).body;
    const other = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Other', state: 'scheduled', startsAt: hours(50), endsAt: hours(51) } })).body;

    // Ana attends the talk: the session check-in goes to her contact.
    const { data: ev } = await db().entities.event.get({ eventId: event.id }).go();
    const link = attendeeLinkToken(tickets[0]!.id, event.id, ev!.endsAt, signingKey());
    expect((await api.call('POST', `/v1/attendee-links/${link}/sessions/${talk.id}/registration`, { role: null })).status).toBe(201);
    expect((await api.call('POST', `/v1/events/${event.id}/sessions/${talk.id}/check-ins`, { role: 'scanner', body: { code: tickets[0]!.code, deviceId: 'door' } })).status).toBe(201);

    const anaTalk = token(tickets[0]!.id, event.id, talk.id);
    const first = await give(anaTalk, { rating: 5, comment: 'Great talk' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ target: talk.id, targetTitle: 'Talk', rating: 5, comment: 'Great talk' });
    const edited = await give(anaTalk, { rating: 4, comment: 'Great talk, a bit long' });
    expect(edited.body).toMatchObject({ rating: 4, submittedAt: first.body.submittedAt });
    expect((await give(token(tickets[1]!.id, event.id, talk.id), { comment: 'No rating, just a note' })).status).toBe(200);
    expect((await give(token(tickets[0]!.id, event.id, 'event'), { rating: 5, nps: 10 })).status).toBe(200);
    expect((await give(token(tickets[1]!.id, event.id, 'event'), { nps: 3 })).status).toBe(200);

    // Refused: another session, another attendee (same MAC), expired, NPS on a session, nothing given.
    expect((await give(tampered(anaTalk, (c) => (c.g = other.id)), { rating: 1 })).status).toBe(404);
    expect((await give(tampered(anaTalk, (c) => (c.t = tickets[1]!.id)), { rating: 1 })).status).toBe(404);
    const expired = await give(token(tickets[0]!.id, event.id, talk.id, new Date(Date.now() - 1000)), { rating: 1 });
    expect([expired.status, expired.body.code]).toEqual([422, 'link_expired']);
    expect((await give(anaTalk, { nps: 5 })).body.code).toBe('nps_event_only');
    expect((await give(anaTalk, {})).body.code).toBe('empty_feedback');
    expect((await api.call('GET', `/v1/feedback/${anaTalk}`, { role: null })).body).toMatchObject({ rating: 4 });

    const summary = (await api.call('GET', `/v1/events/${event.id}/feedback/summary`)).body;
    expect(summary.event.nps).toEqual({ score: 0, responses: 2, promoters: 1, passives: 0, detractors: 1 });
    expect(summary.sessions).toEqual([
      { sessionId: talk.id, title: 'Talk', responses: 2, ratings: 1, ratingAverage: 4, ratingDistribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, comments: 2 },
    ]);
    const forSpeakers = await api.call('GET', `/v1/events/${event.id}/sessions/${talk.id}/feedback`);
    expect(forSpeakers.body.comments).toEqual([{ rating: 4, comment: 'Great talk, a bit long' }, { comment: 'No rating, just a note' }]);
    const text = JSON.stringify(forSpeakers.body);
    for (const secret of [tickets[0]!.id, tickets[1]!.id, ana.contactId, bo.contactId, ana.email]) expect(text).not.toContain(secret);

    // Attendance and feedback on the attendees' contacts, not the buyer's.
    await vi.waitFor(async () => {
      const c = await contact(ana.contactId);
      expect([...(c?.attendedSessionIds ?? [])]).toEqual([talk.id]);
      expect([...(c?.feedbackEventIds ?? [])]).toEqual([event.id]);
      expect(c?.lastNps).toBe(10);
    }, { timeout: 10_000 });
    await vi.waitFor(async () => expect((await contact(bo.contactId))?.lastNps).toBe(3), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await contactIdOf(buyer)).toBeDefined(), { timeout: 10_000 });
    const buyerContact = await contact((await contactIdOf(buyer))!);
    expect(buyerContact?.attendedSessionIds).toBeUndefined();
    expect(buyerContact?.feedbackEventIds).toBeUndefined();

    // A segment of detractors of this event finds Bo only.
    const seg = await api.call('POST', '/v1/segments', { body: { name: `Detractors ${event.id}`, filter: { gaveFeedbackForEventId: event.id, maxNps: 6 } } });
    expect(seg.status).toBe(201);
    await vi.waitFor(async () => {
      const members = await api.call('GET', `/v1/segments/${seg.body.id}/contacts`);
      expect(members.body.items.map((m: { id?: string; contactId?: string }) => m.id ?? m.contactId)).toEqual([bo.contactId]);
    }, { timeout: 20_000 });

    // Feedback can be turned off, and closes.
    expect((await api.call('PUT', `/v1/events/${event.id}/feedback-settings`, { body: { enabled: false } })).status).toBe(200);
    expect((await give(anaTalk, { rating: 3 })).body.code).toBe('feedback_disabled');
    await api.call('PUT', `/v1/events/${event.id}/feedback-settings`, { body: { enabled: true, closesAt: new Date(Date.now() - 1000).toISOString() } });
    expect((await give(anaTalk, { rating: 3 })).body.code).toBe('feedback_closed');
  }, 60_000);
});
