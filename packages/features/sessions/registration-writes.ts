import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import type { SessionItem } from '#packages/features/agenda/index.ts';
import { rankOf } from './slots.ts';

/**
 * The items a registration's transactions are made of (registration.ts), on
 * their own so the sessions benchmark's floor builds the very same items.
 */
export interface RegistrationFields {
  sessionId: string;
  ticketId: string;
  eventId: string;
  contactId: string | undefined;
  state: 'confirmed' | 'waitlisted';
  position: number;
  at: string;
}

/** A seat, only while one is free and nobody waits (a waitlist is served before newcomers). */
export function seatTake(e: TransactionEntities, sessionId: string): TransactionItem {
  return e.sessionSeats
    .patch({ sessionId })
    .add({ taken: 1 })
    .where((a, op) => `${op.name(a.taken)} < ${op.name(a.capacity)} AND ${op.eq(a.waiting, 0)}`)
    .commit();
}

/** The registration, only if the ticket holds none for the session (or a canceled or expired one). */
export function registrationPut(e: TransactionEntities, f: RegistrationFields): TransactionItem {
  return e.sessionRegistration
    .put({
      sessionId: f.sessionId,
      ticketId: f.ticketId,
      eventId: f.eventId,
      ...(f.contactId ? { contactId: f.contactId } : {}),
      state: f.state,
      position: f.position,
      rank: rankOf(f.position),
      createdAt: f.at,
      updatedAt: f.at,
    })
    .where((a, op) => `${op.notExists(a.state)} OR ${op.eq(a.state, 'canceled')} OR ${op.eq(a.state, 'expired')}`)
    .commit();
}

/** The session still scheduled at the times the registration used. */
export function sessionUnchanged(e: TransactionEntities, s: SessionItem): TransactionItem {
  return e.session
    .check({ eventId: s.eventId, sessionId: s.sessionId })
    .where((a, op) => `${op.eq(a.state, 'scheduled')} AND ${op.eq(a.startsAt, s.startsAt)} AND ${op.eq(a.endsAt, s.endsAt)}`)
    .commit();
}
