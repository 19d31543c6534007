import type { LocalStack } from '#packages/local/local-stack.ts';
import { db } from '#packages/core/db/service.ts';
import { attendeeFormToken } from '#packages/features/attendees/index.ts';
import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { givenConference, givenTickets, linkToken, signingKey } from '../../support/conference-fixtures.ts';
import { hours } from '../../support/fixtures.ts';
import type { ApiCaller } from '../../support/local-api.ts';
import { buyerEmail } from '../../support/sales-fixtures.ts';
import { ok, type Scenario } from './kit.ts';

/** Conferences, as test/e2e/conference-*.test.ts build them: tickets, sessions, signed attendee and speaker links, materials. */
async function givenAttendees(call: ApiCaller, quantity = 1) {
  const { event, type } = await givenConference(call);
  const { tickets, order } = await givenTickets(call, event.id, type.id, quantity);
  const { data: ev } = await db().entities.event.get({ eventId: event.id }).go();
  const links = tickets.map((t) => attendeeLinkToken(t.id, event.id, ev!.endsAt, signingKey()));
  return { event, tickets, order, links };
}

const session = (call: ApiCaller, eventId: string, capacity = 10) =>
  ok(call, 'POST', `/v1/events/${eventId}/sessions`, { title: 'Talk', state: 'scheduled', capacity, startsAt: hours(49), endsAt: hours(50) }) as Promise<{ id: string }>;

/** An attendee with a confirmed seat in a session. */
async function givenRegistered(call: ApiCaller) {
  const people = await givenAttendees(call);
  const s = await session(call, people.event.id);
  const reg = await call('POST', `/v1/attendee-links/${people.links[0]}/sessions/${s.id}/registration`, { role: null });
  if (reg.status !== 201) throw new Error(`registration: ${reg.status} ${JSON.stringify(reg.body)}`);
  return { ...people, session: s };
}

/** A material whose file is uploaded. */
async function givenMaterial(call: ApiCaller, eventId: string, access: string) {
  const res = await ok(call, 'POST', `/v1/events/${eventId}/materials`, { title: `${access} file`, kind: 'slides', access, contentType: 'text/plain', fileName: 'slides.txt' });
  const put = await fetch(res.upload.url, { method: 'PUT', headers: res.upload.headers, body: `${access} content` });
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  return res.material as { id: string };
}

async function givenSpeaker(call: ApiCaller) {
  const { event } = await givenConference(call);
  const speaker = await ok(call, 'POST', `/v1/events/${event.id}/speakers`, { email: buyerEmail('speaker'), firstName: 'Kim' });
  const link = (await ok(call, 'GET', `/v1/events/${event.id}/speakers/${speaker.id}/link`)).token as string;
  return { event, speakerId: speaker.id as string, link };
}

export const conferenceScenarios: Record<string, Scenario> = {
  'PUT /v1/attendee-forms/{token}/tickets/{ticketId}': async (call) => {
    const { tickets, order } = await givenAttendees(call);
    return { path: `/v1/attendee-forms/${attendeeFormToken(order.id, new Date(), signingKey())}/tickets/${tickets[0]!.id}`, body: { firstName: 'Ana', lastName: 'Ruiz', email: buyerEmail('form') } };
  },
  'POST /v1/attendee-links/{token}/sessions/{sessionId}/registration': async (call) => {
    const { event, links } = await givenAttendees(call);
    return { path: `/v1/attendee-links/${links[0]}/sessions/${(await session(call, event.id)).id}/registration` };
  },
  'DELETE /v1/attendee-links/{token}/sessions/{sessionId}/registration': async (call) => {
    const { links, session: s } = await givenRegistered(call);
    return { path: `/v1/attendee-links/${links[0]}/sessions/${s.id}/registration` };
  },
  // One seat: the first attendee cancels, so the waitlisted second is offered it (by a consumer), then accepts.
  'POST /v1/attendee-links/{token}/sessions/{sessionId}/registration/accept': async (call, _user, stack: LocalStack) => {
    const { event, links } = await givenAttendees(call, 2);
    const s = await session(call, event.id, 1);
    for (const link of links) await ok(call, 'POST', `/v1/attendee-links/${link}/sessions/${s.id}/registration`);
    await ok(call, 'DELETE', `/v1/attendee-links/${links[0]}/sessions/${s.id}/registration`);
    await stack.bus.drain();
    const offered = (await ok(call, 'GET', `/v1/events/${event.id}/sessions/${s.id}/registrations?state=offered`)).items;
    if (offered.length !== 1) throw new Error(`no seat offered: ${JSON.stringify(offered)}`);
    return { path: `/v1/attendee-links/${links[1]}/sessions/${s.id}/registration/accept` };
  },
  'POST /v1/events/{id}/sessions/{sessionId}/check-ins': async (call) => {
    const { event, tickets, session: s } = await givenRegistered(call);
    return { path: `/v1/events/${event.id}/sessions/${s.id}/check-ins`, body: { code: tickets[0]!.code, deviceId: 'door' } };
  },
  'PUT /v1/feedback/{token}': async (call) => {
    const { event, tickets } = await givenAttendees(call);
    return { path: `/v1/feedback/${linkToken('feedback', { t: tickets[0]!.id, e: event.id, g: 'event' })}`, body: { rating: 5, nps: 10 } };
  },
  'POST /v1/events/{id}/materials': async (call) => ({
    path: `/v1/events/${(await givenConference(call)).event.id}/materials`,
    body: { title: 'Slides', kind: 'slides', access: 'public', contentType: 'text/plain', fileName: 'slides.txt' },
  }),
  'POST /v1/events/{id}/materials/{materialId}/download': async (call) => {
    const { event } = await givenConference(call);
    return { path: `/v1/events/${event.id}/materials/${(await givenMaterial(call, event.id, 'public')).id}/download` };
  },
  'POST /v1/events/{id}/materials/{materialId}/staff-download': async (call) => {
    const { event } = await givenConference(call);
    return { path: `/v1/events/${event.id}/materials/${(await givenMaterial(call, event.id, 'speaker')).id}/staff-download` };
  },
  'POST /v1/attendee-links/{token}/materials/{materialId}/download': async (call) => {
    const { event, links } = await givenAttendees(call);
    return { path: `/v1/attendee-links/${links[0]}/materials/${(await givenMaterial(call, event.id, 'public')).id}/download` };
  },
  'POST /v1/speaker-links/{token}/materials/{materialId}/download': async (call) => {
    const { event, link } = await givenSpeaker(call);
    return { path: `/v1/speaker-links/${link}/materials/${(await givenMaterial(call, event.id, 'speaker')).id}/download` };
  },
  'PUT /v1/events/{id}/speakers/{speakerId}/sessions/{sessionId}': async (call) => {
    const { event, speakerId } = await givenSpeaker(call);
    return { path: `/v1/events/${event.id}/speakers/${speakerId}/sessions/${(await session(call, event.id)).id}`, body: { abstract: 'Why and how' } };
  },
  'DELETE /v1/events/{id}/speakers/{speakerId}/sessions/{sessionId}': async (call) => {
    const { event, speakerId } = await givenSpeaker(call);
    const s = await session(call, event.id);
    await ok(call, 'PUT', `/v1/events/${event.id}/speakers/${speakerId}/sessions/${s.id}`, {});
    return { path: `/v1/events/${event.id}/speakers/${speakerId}/sessions/${s.id}` };
  },
  'POST /v1/speaker-links/{token}/confirm': async (call) => ({ path: `/v1/speaker-links/${(await givenSpeaker(call)).link}/confirm` }),
  'PATCH /v1/speaker-links/{token}': async (call) => ({ path: `/v1/speaker-links/${(await givenSpeaker(call)).link}`, body: { bio: 'Builds things' } }),
  'POST /v1/events/{id}/announcements': async (call) => {
    const { event } = await givenAttendees(call);
    return { path: `/v1/events/${event.id}/announcements`, body: { subject: 'Doors open at 8', body: 'Welcome!', audience: 'attendees' } };
  },
};
