import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { attendeeLinkToken } from './attendee-link.ts';

/** Staff hand an attendee their link (it is also mailed with their ticket). */
export async function attendeeLinkFor(ticketId: string, base = process.env.PUBLIC_BASE_URL ?? '') {
  const { data: ticket } = await db().entities.ticket.get({ ticketId }).go();
  if (!ticket) throw notFound('Ticket', ticketId);
  if (ticket.status !== 'valid') throw conflict('ticket_void', 'This ticket is no longer valid');
  const { data: event } = await db().entities.event.get({ eventId: ticket.eventId }).go();
  if (!event) throw notFound('Event', ticket.eventId);
  const token = attendeeLinkToken(ticketId, ticket.eventId, event.endsAt);
  const root = `${base.replace(/\/+$/, '')}/v1/attendee-links/${encodeURIComponent(token)}`;
  return { ticketId, token, url: `${root}/registrations`, calendarUrl: `${root}/agenda.ics` };
}
