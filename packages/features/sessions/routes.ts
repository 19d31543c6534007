import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { SessionParams } from '#packages/features/agenda/contract.ts';
import { AttendeeLink, Registration, RegistrantsQuery, SessionCheckIn, SessionCheckInInput, TokenParams, TokenSessionParams } from './contract.ts';

const tag = 'Session registration';
const items = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

export const register = defineRoute({
  operationId: 'registerForSession',
  method: 'POST',
  path: '/v1/attendee-links/{token}/sessions/{sessionId}/registration',
  location: '/v1/attendee-links/{token}/registrations',
  handler: 'sessions/register',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee (their signed link) registers for a session: a confirmed seat, or a place on its waitlist; again: the same registration",
  tag,
  request: { params: TokenSessionParams },
  responses: { 201: { description: 'Registered (confirmed or waitlisted)', schema: Registration }, 200: { description: 'Already registered', schema: Registration } },
});

export const cancel = defineRoute({
  operationId: 'cancelSessionRegistration',
  method: 'DELETE',
  path: '/v1/attendee-links/{token}/sessions/{sessionId}/registration',
  handler: 'sessions/cancel',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: 'Cancel a registration (or leave the waitlist, or decline an offered seat); a freed seat is offered to the next in line',
  tag,
  request: { params: TokenSessionParams },
  responses: { 200: { description: 'The canceled registration', schema: Registration } },
});

export const accept = defineRoute({
  operationId: 'acceptSessionOffer',
  method: 'POST',
  path: '/v1/attendee-links/{token}/sessions/{sessionId}/registration/accept',
  handler: 'sessions/accept',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: 'Take the seat offered from the waitlist, before the offer expires',
  tag,
  request: { params: TokenSessionParams },
  responses: { 200: { description: 'Confirmed', schema: Registration } },
});

export const myRegistrations = defineRoute({
  operationId: 'listMySessionRegistrations',
  method: 'GET',
  path: '/v1/attendee-links/{token}/registrations',
  handler: 'sessions/my-registrations',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee's session registrations",
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'Registrations', schema: items(Registration) } },
});

export const myCalendar = defineRoute({
  operationId: 'getMyAgendaCalendar',
  method: 'GET',
  path: '/v1/attendee-links/{token}/agenda.ics',
  handler: 'sessions/my-calendar',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee's personal agenda (confirmed sessions) as iCalendar",
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'text/calendar' } },
});

export const attendeeLink = defineRoute({
  operationId: 'getAttendeeLink',
  method: 'GET',
  path: '/v1/tickets/{id}/attendee-link',
  handler: 'sessions/attendee-link',
  permission: 'orders:write',
  secrets: ['ticketSigningKey'],
  summary: "A ticket's attendee link (session registration, personal agenda), as mailed with the ticket",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The link', schema: AttendeeLink } },
});

export const registrants = defineRoute({
  operationId: 'listSessionRegistrations',
  method: 'GET',
  path: '/v1/events/{id}/sessions/{sessionId}/registrations',
  handler: 'sessions/registrants',
  permission: 'orders:read',
  summary: "A session's registrations by state, the waitlist in order",
  tag,
  request: { params: SessionParams, query: RegistrantsQuery },
  responses: { 200: { description: 'Registrations', schema: items(Registration) } },
});

export const checkIn = defineRoute({
  operationId: 'checkInToSession',
  method: 'POST',
  path: '/v1/events/{id}/sessions/{sessionId}/check-ins',
  location: '/v1/events/{id}/sessions/{sessionId}/registrations',
  handler: 'sessions/check-in',
  permission: 'checkins:write',
  secrets: ['ticketSigningKey'],
  summary: "Scan a ticket at a session's door (the session's check-in list): once per ticket and session, registered seat required where the session has registration",
  tag,
  request: { params: SessionParams, body: SessionCheckInInput },
  responses: { 201: { description: 'Admitted', schema: SessionCheckIn } },
});
