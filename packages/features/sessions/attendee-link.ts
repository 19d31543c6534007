import { db } from '#packages/core/db/service.ts';
import { DomainError, conflict, notFound } from '#packages/core/errors.ts';
import { signLinkToken, verifyLinkToken } from '#packages/core/signed-token.ts';
import type { TicketSigningKey } from '#packages/tickets/signing-key.ts';

/**
 * The attendee's own link (mailed with their ticket, or handed out by staff):
 * bound to one ticket of one event; registering for sessions, the personal
 * agenda and the announcements feed go through it.
 */
const KIND = 'attendee';
const AFTER_EVENT_MS = 30 * 24 * 3600 * 1000;

export function attendeeLinkToken(ticketId: string, eventId: string, eventEndsAt: string, key?: TicketSigningKey): string {
  return signLinkToken(KIND, { t: ticketId, e: eventId }, new Date(Date.parse(eventEndsAt) + AFTER_EVENT_MS), key);
}

export interface AttendeeRef {
  ticketId: string;
  eventId: string;
}

export function attendeeOfToken(token: string, now = new Date()): AttendeeRef {
  const checked = verifyLinkToken<{ t: string; e: string }>(KIND, token, now);
  if (!checked.ok) {
    if (checked.reason === 'expired') throw new DomainError('unprocessable', 'link_expired', 'This link has expired');
    throw notFound('Link', 'token');
  }
  return { ticketId: checked.claims.t, eventId: checked.claims.e };
}

/** The ticket behind a link, still valid: who registers, and whose contact is credited. */
export async function validTicket(ref: AttendeeRef) {
  const { data } = await db().entities.ticket.get({ ticketId: ref.ticketId }).go();
  if (!data || data.eventId !== ref.eventId) throw notFound('Ticket', ref.ticketId);
  if (data.status !== 'valid') throw conflict('ticket_void', 'This ticket is no longer valid');
  return data;
}
