import { describe, expect, it } from 'vitest';
import { handler as announcementSend } from '#functions/consumers/announcement-send.ts';
import { handler as dueJob } from '#functions/jobs/announcements-due.ts';
import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, emailsTo, givenTicketType, hours } from '../support/sales-fixtures.ts';
import { givenAttendee, givenConference, givenTickets, signingKey } from '../support/conference-fixtures.ts';

const api = useTestApi();

const announce = (eventId: string, body: Record<string, unknown>) => api.call('POST', `/v1/events/${eventId}/announcements`, { body });
const announcementMails = async (address: string, subject: string) => (await emailsTo(api.mailUrl, address)).filter((m) => m.subject.endsWith(subject));
const sentEvents = (announcementId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === 'announcement.sent' && (e.detail as { data: { announcementId: string } }).data.announcementId === announcementId);

async function linkOf(eventId: string, ticketId: string) {
  const { data } = await db().entities.event.get({ eventId }).go();
  return attendeeLinkToken(ticketId, eventId, data!.endsAt, signingKey());
}

const feed = async (link: string) => {
  const res = await api.call('GET', `/v1/attendee-links/${link}/announcements`, { role: null });
  expect(res.status).toBe(200);
  return res.body.items as Array<{ id: string; subject: string }>;
};

describe('announcements', () => {
  it('to all attendees: one mail per address (named attendee, not the buyer; a buyer of two unnamed tickets once), sent once even when the trigger is delivered again', async () => {
    const { event, type } = await givenConference(api.call);
    const first = await givenTickets(api.call, event.id, type.id, 2);
    const second = await givenTickets(api.call, event.id, type.id, 1);
    const named = await givenAttendee(api.call, second.tickets[0]!.id);
    await api.bus.drain();

    const created = await announce(event.id, { subject: 'Doors open at 8', body: 'Welcome!\n\nBadges at the north entrance.', audience: 'attendees' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'sending', audience: 'attendees' });
    await api.bus.drain();

    const done = (await api.call('GET', `/v1/events/${event.id}/announcements/${created.body.id}`)).body;
    expect(done).toMatchObject({ state: 'sent', recipients: 2, mailed: 2 });
    expect(await announcementMails(first.buyer, 'Doors open at 8')).toHaveLength(1);
    expect(await announcementMails(named.email, 'Doors open at 8')).toHaveLength(1);
    expect(await announcementMails(second.buyer, 'Doors open at 8')).toHaveLength(0);
    expect(sentEvents(created.body.id)).toHaveLength(1);

    // The trigger delivered again, twice at once and once more under another delivery id (EventBridge is at-least-once).
    const requested = api.bus.recent.find((e) => e['detail-type'] === 'announcement.requested' && (e.detail as { data: { announcementId: string } }).data.announcementId === created.body.id)!;
    expect(requested).toBeDefined();
    await Promise.all([announcementSend(requested as never, {} as never), announcementSend(requested as never, {} as never)]);
    await announcementSend({ ...requested, id: 'another-delivery' } as never, {} as never);
    await api.bus.drain();
    expect(await announcementMails(first.buyer, 'Doors open at 8')).toHaveLength(1);
    expect(await announcementMails(named.email, 'Doors open at 8')).toHaveLength(1);
    expect(sentEvents(created.body.id)).toHaveLength(1);

    // The feed: the attendee's link shows it; the list shows it to staff.
    expect((await feed(await linkOf(event.id, first.tickets[0]!.id))).map((i) => i.subject)).toEqual(['Doors open at 8']);
    const list = (await api.call('GET', `/v1/events/${event.id}/announcements`)).body.items;
    expect(list.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
  }, 60_000);

  it("concurrent first deliveries of a fresh announcement mail each address once", async () => {
    const { event, type } = await givenConference(api.call);
    const { tickets } = await givenTickets(api.call, event.id, type.id, 3);
    const attendees = await Promise.all(tickets.map((t) => givenAttendee(api.call, t.id)));
    await api.bus.drain();
    const created = await announce(event.id, { subject: 'Raced', body: 'Once each.', audience: 'attendees' });
    const requested = { id: 'first', 'detail-type': 'announcement.requested', source: 'eventos.conference', detail: { metadata: { id: 'm1', occurredAt: new Date().toISOString(), version: 1, correlationId: 'c' }, data: { eventId: event.id, announcementId: created.body.id } } };
    await Promise.allSettled([announcementSend(requested as never, {} as never), announcementSend({ ...requested, id: 'second' } as never, {} as never)]);
    await api.bus.drain();
    for (const a of attendees) expect(await announcementMails(a.email, 'Raced')).toHaveLength(1);
    expect((await api.call('GET', `/v1/events/${event.id}/announcements/${created.body.id}`)).body).toMatchObject({ state: 'sent', recipients: 3, mailed: 3 });
    expect(sentEvents(created.body.id)).toHaveLength(1);
  }, 60_000);

  it("to a ticket type, a session's registrants and the speakers: only they are mailed and see it in their feed", async () => {
    const { event, type } = await givenConference(api.call);
    const vip = await givenTicketType(api.call, event.id, { name: 'VIP', capacity: 100, maxPerOrder: 10 });
    const ga = await givenTickets(api.call, event.id, type.id, 2);
    const vips = await givenTickets(api.call, event.id, vip.id, 1);
    const [gaA, gaB] = await Promise.all(ga.tickets.map((t) => givenAttendee(api.call, t.id)));
    const vipA = await givenAttendee(api.call, vips.tickets[0]!.id);
    const session = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Workshop', state: 'scheduled', startsAt: hours(49), endsAt: hours(50), capacity: 10 } })).body;
    const links = { a: await linkOf(event.id, ga.tickets[0]!.id), b: await linkOf(event.id, ga.tickets[1]!.id), vip: await linkOf(event.id, vips.tickets[0]!.id) };
    expect((await api.call('POST', `/v1/attendee-links/${links.a}/sessions/${session.id}/registration`, { role: null })).status).toBe(201);
    const speakerEmail = buyerEmail('speaker');
    await api.call('POST', `/v1/events/${event.id}/speakers`, { body: { email: speakerEmail, firstName: 'Kim' } });
    await api.bus.drain();

    const toVip = await announce(event.id, { subject: 'VIP lounge', body: 'Level 2.', audience: 'ticket_type', ticketTypeId: vip.id });
    const toSession = await announce(event.id, { subject: 'Workshop moved to room B', body: 'Room B.', audience: 'session', sessionId: session.id });
    const toSpeakers = await announce(event.id, { subject: 'Speaker briefing', body: 'At 8.', audience: 'speakers' });
    expect([toVip.status, toSession.status, toSpeakers.status]).toEqual([201, 201, 201]);
    await api.bus.drain();

    expect(await announcementMails(vipA.email, 'VIP lounge')).toHaveLength(1);
    expect(await announcementMails(gaA!.email, 'VIP lounge')).toHaveLength(0);
    expect(await announcementMails(gaA!.email, 'Workshop moved to room B')).toHaveLength(1);
    expect(await announcementMails(gaB!.email, 'Workshop moved to room B')).toHaveLength(0);
    expect(await announcementMails(speakerEmail, 'Speaker briefing')).toHaveLength(1);
    expect(await announcementMails(gaA!.email, 'Speaker briefing')).toHaveLength(0);

    expect((await feed(links.a)).map((i) => i.subject)).toEqual(['Workshop moved to room B']);
    expect(await feed(links.b)).toEqual([]);
    expect((await feed(links.vip)).map((i) => i.subject)).toEqual(['VIP lounge']);

    // A missing audience id is the client's mistake; a foreign session is refused; another event's link sees nothing of this one.
    expect((await announce(event.id, { subject: 'x', body: 'y', audience: 'session' })).status).toBe(400);
    expect((await announce(event.id, { subject: 'x', body: 'y', audience: 'session', sessionId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).status).toBe(422);
    const other = await givenConference(api.call);
    const otherTickets = await givenTickets(api.call, other.event.id, other.type.id, 1);
    expect(await feed(await linkOf(other.event.id, otherTickets.tickets[0]!.id))).toEqual([]);
    expect((await api.call('GET', `/v1/attendee-links/${links.a.slice(0, -2)}xx/announcements`, { role: null })).status).toBe(404);
  }, 90_000);

  it('scheduled: sent by the due job once its time has come, not before', async () => {
    const { event, type } = await givenConference(api.call);
    const { buyer } = await givenTickets(api.call, event.id, type.id, 1);
    await api.bus.drain();
    const scheduled = { subject: 'See you tomorrow', body: 'Bring your badge.', audience: 'attendees', sendAt: new Date(Date.now() + 60_000).toISOString() };
    const key = { 'idempotency-key': `announce-${event.id}` };
    const created = await api.call('POST', `/v1/events/${event.id}/announcements`, { body: scheduled, headers: key });
    expect(created.body).toMatchObject({ state: 'scheduled' });
    // A retried POST (same key, same body) is the same announcement, not a second one.
    const retried = await api.call('POST', `/v1/events/${event.id}/announcements`, { body: scheduled, headers: key });
    expect([retried.status, retried.body.id, retried.headers.get('idempotent-replayed')]).toEqual([201, created.body.id, 'true']);
    expect((await api.call('GET', `/v1/events/${event.id}/announcements`)).body.items).toHaveLength(1);
    await dueJob({}, {} as never);
    await api.bus.drain();
    expect((await api.call('GET', `/v1/events/${event.id}/announcements/${created.body.id}`)).body.state).toBe('scheduled');
    expect(await announcementMails(buyer, 'See you tomorrow')).toHaveLength(0);

    const clock = advanceClock(61_000);
    try {
      await Promise.all([dueJob({}, {} as never), dueJob({}, {} as never)]);
      await api.bus.drain();
    } finally {
      clock.restore();
    }
    expect((await api.call('GET', `/v1/events/${event.id}/announcements/${created.body.id}`)).body).toMatchObject({ state: 'sent', recipients: 1, mailed: 1 });
    expect(await announcementMails(buyer, 'See you tomorrow')).toHaveLength(1);
    expect(api.bus.recent.filter((e) => e['detail-type'] === 'announcement.requested' && (e.detail as { data: { announcementId: string } }).data.announcementId === created.body.id)).toHaveLength(1);
  }, 60_000);

  it('a sending announcement whose delivery died is requested again by the due job after its watchdog time, and mails only who is still pending', async () => {
    const { event, type } = await givenConference(api.call);
    const { tickets } = await givenTickets(api.call, event.id, type.id, 2);
    const [ana, bo] = await Promise.all(tickets.map((t) => givenAttendee(api.call, t.id)));
    await api.bus.drain();
    // As a delivery that died after mailing Ana would leave it: sending, Ana's recipient sent, Bo's pending, no event on the bus.
    const announcementId = newId();
    const now = new Date().toISOString();
    await db().entities.announcement.create({ eventId: event.id, announcementId, subject: 'Stuck', body: 'Then unstuck.', audience: 'attendees', state: 'sending', sendAt: now, dueAt: new Date(Date.now() + 15 * 60_000).toISOString(), createdAt: now }).go();
    await db().entities.announcementRecipient.create({ announcementId, email: ana!.email, status: 'sent', messageId: 'earlier' }).go();
    await db().entities.announcementRecipient.create({ announcementId, email: bo!.email, status: 'pending' }).go();

    await dueJob({}, {} as never);
    await api.bus.drain();
    expect((await api.call('GET', `/v1/events/${event.id}/announcements/${announcementId}`)).body.state).toBe('sending');
    const clock = advanceClock(15 * 60_000 + 1000);
    try {
      await Promise.all([dueJob({}, {} as never), dueJob({}, {} as never)]);
      await api.bus.drain();
    } finally {
      clock.restore();
    }
    expect((await api.call('GET', `/v1/events/${event.id}/announcements/${announcementId}`)).body).toMatchObject({ state: 'sent', recipients: 2, mailed: 2 });
    expect(await announcementMails(ana!.email, 'Stuck')).toHaveLength(0);
    expect(await announcementMails(bo!.email, 'Stuck')).toHaveLength(1);
    expect(sentEvents(announcementId)).toHaveLength(1);
  }, 60_000);
});
