import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { definedOnly } from '#packages/core/views.ts';
import { attendeeOf } from './attendee.ts';
import { profileOf } from './profile-service.ts';

/** Records a connection with another attendee of the event (met, exchanged contacts), on both sides. */
export async function addConnection(token: string, withTicketId: string, type: 'met' | 'exchanged_contacts') {
  const me = await attendeeOf(token);
  if (withTicketId === me.ticketId) throw unprocessable('self_connection', 'A connection needs someone else');
  if (!(await profileOf(me.eventId, withTicketId))) throw notFound('Directory entry', withTicketId);
  const at = nowIso();
  await db()
    .transaction.write((entities) => [
      entities.connection.put({ ticketId: me.ticketId, otherTicketId: withTicketId, type, eventId: me.eventId, at }).commit(),
      entities.connection.put({ ticketId: withTicketId, otherTicketId: me.ticketId, type, eventId: me.eventId, at }).commit(),
    ])
    .go();
  return { ticketId: me.ticketId, otherTicketId: withTicketId, type, at };
}

export async function myConnections(token: string) {
  const me = await attendeeOf(token);
  const { data } = await db().entities.connection.query.byTicket({ ticketId: me.ticketId }).go({ pages: 'all' });
  return { items: data.map((c) => definedOnly({ ticketId: c.ticketId, otherTicketId: c.otherTicketId, type: c.type, at: c.at, meetingId: c.meetingId })) };
}
