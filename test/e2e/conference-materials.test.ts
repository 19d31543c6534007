import { describe, expect, it } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { useTestApi } from '../support/local-api.ts';
import { hours } from '../support/sales-fixtures.ts';
import { givenConference, givenTickets, linkToken, signingKey } from '../support/conference-fixtures.ts';
import { buyerEmail } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('materials', () => {
  it('a presigned link is issued only at or above the access level, and each issued link is counted', async () => {
    const { event, type } = await givenConference(api.call);
    const { tickets } = await givenTickets(api.call, event.id, type.id, 2);
    const { data: ev } = await db().entities.event.get({ eventId: event.id }).go();
    const link = (i: number) => attendeeLinkToken(tickets[i]!.id, event.id, ev!.endsAt, signingKey());
    const session = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Talk', state: 'scheduled', capacity: 5, startsAt: hours(49), endsAt: hours(50) } })).body;

    const add = async (access: string, over: Record<string, unknown> = {}) => {
      const res = await api.call('POST', `/v1/events/${event.id}/materials`, { body: { title: `${access} file`, kind: 'slides', access, contentType: 'text/plain', fileName: 'slides.txt', ...over } });
      expect(res.status).toBe(201);
      const put = await fetch(res.body.upload.url, { method: 'PUT', headers: res.body.upload.headers, body: `${access} content` });
      expect(put.status).toBe(200);
      return res.body.material as { id: string };
    };
    const pub = await add('public');
    const registered = await add('registered', { sessionId: session.id });
    const attended = await add('attended');
    const speaker = await add('speaker', { sessionId: session.id });

    const asPublic = (id: string) => api.call('POST', `/v1/events/${event.id}/materials/${id}/download`, { role: null });
    const asAttendee = (i: number, id: string) => api.call('POST', `/v1/attendee-links/${link(i)}/materials/${id}/download`, { role: null });

    const open = await asPublic(pub.id);
    expect(open.status).toBe(200);
    expect(await (await fetch(open.body.url)).text()).toBe('public content');
    for (const m of [registered, attended, speaker]) expect((await asPublic(m.id)).body.code).toBe('not_entitled');

    // Registered for the session's file means a confirmed seat; attended means checked in; speaker never through an attendee link.
    expect((await asAttendee(0, registered.id)).body.code).toBe('not_entitled');
    expect((await api.call('POST', `/v1/attendee-links/${link(0)}/sessions/${session.id}/registration`, { role: null })).status).toBe(201);
    const seat = await asAttendee(0, registered.id);
    expect(seat.status).toBe(200);
    expect(await (await fetch(seat.body.url)).text()).toBe('registered content');
    expect((await asAttendee(1, registered.id)).body.code).toBe('not_entitled');
    expect((await asAttendee(0, attended.id)).body.code).toBe('not_entitled');
    expect((await api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { code: tickets[0]!.code, deviceId: 'gate' } })).status).toBe(201);
    expect((await asAttendee(0, attended.id)).status).toBe(200);
    expect((await asAttendee(0, speaker.id)).body.code).toBe('not_entitled');
    expect((await api.call('POST', `/v1/events/${event.id}/materials/${speaker.id}/staff-download`)).status).toBe(200);

    const counts = Object.fromEntries((await api.call('GET', `/v1/events/${event.id}/materials`)).body.items.map((m: { id: string; downloads: number }) => [m.id, m.downloads]));
    expect(counts).toEqual({ [pub.id]: 1, [registered.id]: 1, [attended.id]: 1, [speaker.id]: 1 });
  });

  it("a speaker's link gets a presigned link for speaker files of their event only (a session's: only its speakers); other levels and other events refused", async () => {
    const { event } = await givenConference(api.call);
    const other = await givenConference(api.call);
    const session = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Talk', state: 'scheduled', startsAt: hours(49), endsAt: hours(50) } })).body;
    const add = async (eventId: string, access: string, over: Record<string, unknown> = {}) => {
      const res = await api.call('POST', `/v1/events/${eventId}/materials`, { body: { title: `${access} file`, kind: 'slides', access, contentType: 'text/plain', ...over } });
      expect(res.status).toBe(201);
      expect((await fetch(res.body.upload.url, { method: 'PUT', headers: res.body.upload.headers, body: `${access} content` })).status).toBe(200);
      return res.body.material as { id: string };
    };
    const briefing = await add(event.id, 'speaker');
    const sessionNotes = await add(event.id, 'speaker', { sessionId: session.id });
    const forAttendees = await add(event.id, 'registered');
    const forSponsors = await add(event.id, 'sponsor');
    const elsewhere = await add(other.event.id, 'speaker');

    const invite = async (eventId: string) => (await api.call('POST', `/v1/events/${eventId}/speakers`, { body: { email: buyerEmail('speaker'), firstName: 'Kim' } })).body.id as string;
    const kim = await invite(event.id);
    const lee = await invite(event.id);
    await api.call('PUT', `/v1/events/${event.id}/speakers/${kim}/sessions/${session.id}`, { body: {} });
    const linkOf = async (speakerId: string) => (await api.call('GET', `/v1/events/${event.id}/speakers/${speakerId}/link`)).body.token as string;
    const [kimLink, leeLink] = [await linkOf(kim), await linkOf(lee)];
    const asSpeaker = (link: string, id: string) => api.call('POST', `/v1/speaker-links/${link}/materials/${id}/download`, { role: null });

    const got = await asSpeaker(kimLink, briefing.id);
    expect(got.status).toBe(200);
    expect(await (await fetch(got.body.url)).text()).toBe('speaker content');
    expect((await asSpeaker(kimLink, sessionNotes.id)).status).toBe(200);
    expect((await asSpeaker(leeLink, briefing.id)).status).toBe(200);
    const notHis = await asSpeaker(leeLink, sessionNotes.id);
    expect([notHis.status, notHis.body.code, notHis.body.url]).toEqual([409, 'not_entitled', undefined]);
    for (const m of [forAttendees, forSponsors]) expect((await asSpeaker(kimLink, m.id)).body.code).toBe('not_entitled');
    expect((await asSpeaker(kimLink, elsewhere.id)).status).toBe(404);
    // A forged claim set (another event's id under Kim's name) or an attendee-kind link is no speaker link.
    expect((await asSpeaker(linkToken('speaker', { e: other.event.id, s: kim }), elsewhere.id)).status).toBe(404);
    expect((await asSpeaker(linkToken('attendee', { e: event.id, s: kim }), briefing.id)).status).toBe(404);

    const counts = Object.fromEntries((await api.call('GET', `/v1/events/${event.id}/materials`)).body.items.map((m: { id: string; downloads: number }) => [m.id, m.downloads]));
    expect(counts).toEqual({ [briefing.id]: 2, [sessionNotes.id]: 1, [forAttendees.id]: 0, [forSponsors.id]: 0 });
  });
});
