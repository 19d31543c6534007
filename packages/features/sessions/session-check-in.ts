import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError, conflict, notFound } from '#packages/core/errors.ts';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { verifyTicketCode } from '#packages/tickets/ticket-code.ts';
import { cachedSession } from './session-cache.ts';

export interface SessionCheckInView {
  sessionId: string;
  ticketId: string;
  eventId: string;
  deviceId: string;
  scannedAt: string;
  attendee: { name: string; email: string };
}

const refused = (code: string, message: string, status: 'not_found' | 'conflict' | 'unprocessable' = 'unprocessable', details = {}) =>
  new DomainError(status, code, message, details);

/**
 * A ticket scanned at a session's door (the session's own check-in list, one
 * per session). The ticket code is the event's (same QR); the ticket must be
 * valid for this event and, for a session with registration, hold a confirmed
 * seat. One transaction: the (session, ticket) check-in created only if absent
 * (so a ticket counts once per session), `attended + 1` on the session's
 * counter, `session.checked_in` (credited to the attendee's contact) in the outbox.
 */
export async function checkInToSession(eventId: string, sessionId: string, input: { code: string; deviceId: string }, ctx: RequestContext): Promise<SessionCheckInView> {
  const claims = verifyTicketCode(input.code, currentSecret('ticketSigningKey'));
  if (!claims) throw refused('invalid', 'Not a ticket code of this system', 'not_found');
  if (claims.eventId !== eventId) throw refused('wrong_event', 'This ticket is for another event');
  const [{ data: ticket }, session] = await Promise.all([db().entities.ticket.get({ ticketId: claims.ticketId }).go(), cachedSession(eventId, sessionId)]);
  if (!ticket || ticket.code !== input.code) throw refused('invalid', 'Not a current ticket code', 'not_found');
  if (ticket.status !== 'valid') throw refused('void', 'This ticket is no longer valid', 'conflict');
  if (session.state !== 'scheduled') throw refused('session_not_open', `This session is ${session.state}`, 'conflict');
  if (session.capacity) {
    const { data: reg } = await db().entities.sessionRegistration.get({ sessionId, ticketId: ticket.ticketId }).go();
    if (!reg || reg.state !== 'confirmed') throw refused('not_registered', 'This ticket holds no confirmed seat in this session', 'conflict', { state: reg?.state ?? null });
  } else if (session.ticketTypeIds?.length && !session.ticketTypeIds.includes(ticket.ticketTypeId)) {
    throw refused('product', "This session is not open to this ticket's type");
  }
  const scannedAt = nowIso();
  const email = ticket.attendeeEmail ?? ticket.holderEmail ?? '';
  const contactId = ticket.attendeeContactId;
  const tx = namedTransaction<'checkIn' | 'seat'>();
  const e = tx.entities;
  tx.add(
    'checkIn',
    e.sessionCheckIn.create({ sessionId, ticketId: ticket.ticketId, eventId, deviceId: input.deviceId, scannedAt, ...(contactId ? { contactId } : {}) }).commit(),
  ).add('seat', e.sessionSeats.patch({ sessionId }).add({ attended: 1 }).commit());
  const result = await transactWithEvents(
    () => tx.items,
    [domainEvent('session.checked_in', { eventId, sessionId, ticketId: ticket.ticketId, ...(contactId ? { contactId } : {}), email, scannedAt }, ctx)],
  );
  if (result.canceled) {
    if (tx.rejected(result, 'checkIn')) {
      const { data: first } = await db().entities.sessionCheckIn.get({ sessionId, ticketId: ticket.ticketId }).go({ consistent: true });
      throw conflict('already_checked_in', 'This ticket was already admitted to this session', { firstCheckedInAt: first?.scannedAt, firstDeviceId: first?.deviceId });
    }
    if (tx.rejected(result, 'seat')) throw notFound('Session', sessionId);
    throw conflict('busy', 'Try again');
  }
  return { sessionId, ticketId: ticket.ticketId, eventId, deviceId: input.deviceId, scannedAt, attendee: { name: ticket.holderName ?? email, email } };
}
