import { attendeeOfToken, validTicket } from '#packages/features/sessions/index.ts';

/** The attendee behind an attendee link: their ticket, still valid. */
export async function attendeeOf(token: string) {
  const ref = attendeeOfToken(token);
  const ticket = await validTicket(ref);
  return { ticketId: ticket.ticketId, eventId: ticket.eventId, ticketTypeId: ticket.ticketTypeId, ticket };
}
