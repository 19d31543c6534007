import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { dependencyFaultOf } from '#packages/core/dependencies/faults.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { logger } from '#packages/core/logger.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import type { SessionItem } from '#packages/features/agenda/index.ts';
import { validTicket, type AttendeeRef } from './attendee-link.ts';
import { readSchedule, scheduleWrite } from './attendee-schedule.ts';
import type { RegistrationView } from './contract.ts';
import { toRegistrationView, type RegistrationItem } from './registration-view.ts';
import { registrationPut, seatTake, sessionUnchanged } from './registration-writes.ts';
import { cachedSession } from './session-cache.ts';
import { firstOverlap, rankOf } from './slots.ts';
import { ownRegistrationLanded, retriedCounterUpdate, unsure } from './unsure-writes.ts';
import { offerNextSeats } from './waitlist.ts';

const ACTIVE = ['confirmed', 'waitlisted', 'offered'] as const;
const isActive = (r: RegistrationItem | null | undefined): r is RegistrationItem => !!r && (ACTIVE as readonly string[]).includes(r.state);

async function readRegistration(sessionId: string, ticketId: string): Promise<RegistrationItem | null> {
  const { data } = await db().entities.sessionRegistration.get({ sessionId, ticketId }).go({ consistent: true });
  return data;
}

function registrable(session: SessionItem, ticketTypeId: string): void {
  if (session.state !== 'scheduled') throw conflict('session_not_open', `This session is ${session.state}`, { state: session.state });
  if (!session.capacity) throw unprocessable('registration_not_needed', 'This session is open to every ticket holder; no registration');
  if (session.ticketTypeIds?.length && !session.ticketTypeIds.includes(ticketTypeId)) {
    throw unprocessable('ticket_type_not_allowed', "This session is not open to this ticket's type", { ticketTypeIds: session.ticketTypeIds });
  }
}

type Attempt = { kind: 'done'; view: RegistrationView; created: boolean } | { kind: 'full' } | typeof RETRY;

/**
 * Registers a ticket for a session. ONE transaction decides it:
 *  - the seat: `taken < capacity AND waiting = 0` on the session's counter, +1
 *    (capacity checked at commit; a waitlist is served before newcomers);
 *  - the registration, put only if the ticket holds none for the session (or a canceled one);
 *  - the attendee's schedule item, conditioned on the revision read, with the
 *    session's slot added (checked for overlaps against what was read);
 *  - a ConditionCheck that the session is still scheduled at the times used;
 *  - `session.registered` in the outbox.
 * Only the counter refusing sends the attendee to the waitlist; any other
 * refusal re-reads and tries again. Registering twice answers the existing registration.
 */
export async function register(ref: AttendeeRef, sessionId: string, ctx: RequestContext): Promise<{ view: RegistrationView; created: boolean }> {
  // The ticket is read beside the first attempt's reads (they need only the link's ticket id), not before them.
  const ticketRead = validTicket(ref);
  ticketRead.catch(() => undefined);
  // The `createdAt` of this request's attempts that timed out: any of them may still commit (unsure-writes.ts).
  const stamps = new Set<string>();
  const found = (existing: RegistrationItem): Attempt => ({ kind: 'done', view: toRegistrationView(existing), created: stamps.has(existing.createdAt) });
  const outcome = await withRaceRetries(async (n): Promise<Attempt> => {
    // First attempt: the schedule read eventually consistent (its rev conditions the write); after a refusal, strongly.
    const reads = Promise.all([cachedSession(ref.eventId, sessionId, n > 0), readSchedule(ref.ticketId, ref.eventId, n > 0)]);
    reads.catch(() => undefined);
    // The ticket's refusal (void, unknown) comes first, as when it was read before anything else.
    const ticket = await ticketRead;
    const [session, schedule] = await reads;
    registrable(session, ticket.ticketTypeId);
    const slot = { sessionId, startsAt: session.startsAt, endsAt: session.endsAt };
    if (schedule.slots.some((s) => s.sessionId === sessionId)) {
      const existing = await readRegistration(sessionId, ticket.ticketId);
      if (isActive(existing)) return found(existing);
    }
    const clash = firstOverlap(schedule.slots, slot);
    if (clash) throw conflict('overlapping_session', 'The attendee is already confirmed for a session at that time', { sessionId: clash.sessionId });

    const at = nowIso();
    const contactId = ticket.attendeeContactId;
    const tx = namedTransaction<'seat' | 'registration' | 'schedule' | 'session'>();
    const e = tx.entities;
    tx.add(
      'seat',
      seatTake(e, sessionId),
    )
      .add('registration', registrationPut(e, { sessionId, ticketId: ticket.ticketId, eventId: ref.eventId, contactId, state: 'confirmed', position: 0, at }))
      .add('schedule', scheduleWrite(e, schedule, [...schedule.slots, slot]))
      .add('session', sessionUnchanged(e, session));
    const result = await unsure(() =>
      transactWithEvents(
        () => tx.items,
        [domainEvent('session.registered', { eventId: ref.eventId, sessionId, ticketId: ticket.ticketId, ...(contactId ? { contactId } : {}), status: 'confirmed' }, ctx)],
        'relay',
      ),
    );
    if (result === 'timed_out') {
      stamps.add(at);
      const landed = await ownRegistrationLanded(sessionId, ticket.ticketId, stamps);
      return landed ? found(landed) : RETRY;
    }
    if (!result.canceled) {
      return { kind: 'done', view: toRegistrationView({ sessionId, ticketId: ticket.ticketId, eventId: ref.eventId, state: 'confirmed', position: 0, rank: rankOf(0), createdAt: at, updatedAt: at } as RegistrationItem), created: true };
    }
    if (tx.rejected(result, 'registration')) {
      const existing = await readRegistration(sessionId, ticket.ticketId);
      return isActive(existing) ? found(existing) : RETRY;
    }
    if (tx.rejected(result, 'seat') && !tx.rejected(result, 'schedule') && !tx.rejected(result, 'session')) return { kind: 'full' };
    return RETRY;
  }, 30);
  if (outcome === RETRY) throw conflict('busy', 'Too many concurrent changes to this registration; try again');
  if (outcome.kind === 'done') return outcome;
  const ticket = await ticketRead;
  return joinWaitlist(ref, ticket.ticketId, ticket.attendeeContactId, sessionId, ctx);
}

/**
 * The session is full (or has a waitlist): the next position from the
 * counter's `seq` (one UpdateItem, its new value returned), then the
 * registration with that position and `waiting + 1` in one transaction. A
 * seat may have come free meanwhile with nobody waiting to take it: offering
 * right after (offerNextSeats) gives it to the first in line, so a free seat
 * never sits behind a waitlist.
 */
async function joinWaitlist(ref: AttendeeRef, ticketId: string, contactId: string | undefined, sessionId: string, ctx: RequestContext) {
  const { data } = await retriedCounterUpdate(() => db().entities.sessionSeats.patch({ sessionId }).add({ seq: 1 }).go({ response: 'updated_new' }));
  const position = (data as { seq: number }).seq;
  const stamps = new Set<string>();
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = nowIso();
    const tx = namedTransaction<'registration' | 'seat'>();
    const e = tx.entities;
    tx.add('registration', registrationPut(e, { sessionId, ticketId, eventId: ref.eventId, contactId, state: 'waitlisted', position, at })).add(
      'seat',
      e.sessionSeats.patch({ sessionId }).add({ waiting: 1 }).commit(),
    );
    const result = await unsure(() =>
      transactWithEvents(
        () => tx.items,
        [domainEvent('session.registered', { eventId: ref.eventId, sessionId, ticketId, ...(contactId ? { contactId } : {}), status: 'waitlisted', position }, ctx)],
        'relay',
      ),
    );
    if (result === 'timed_out') {
      stamps.add(at);
      const landed = await ownRegistrationLanded(sessionId, ticketId, stamps);
      if (landed) return { view: toRegistrationView(landed), created: true };
      continue;
    }
    if (result.canceled) {
      const existing = await readRegistration(sessionId, ticketId);
      if (isActive(existing)) return { view: toRegistrationView(existing), created: stamps.has(existing.createdAt) };
      if (tx.rejected(result, 'registration')) throw conflict('busy', 'Too many concurrent changes to this registration; try again');
      await new Promise((r) => setTimeout(r, Math.random() * 100 * 2 ** attempt));
      continue;
    }
    // A seat freed while nobody waited goes to the first in line now; a dependency fault here is not this request's
    // (it is on the waitlist): the next release or the sweeper offers it.
    await retriedCounterUpdate(() => offerNextSeats(ref.eventId, sessionId, ctx), 3).catch((error) => {
      if (!dependencyFaultOf(error)) throw error;
      logger.warn('offer after a waitlist join failed', { sessionId, error: (error as Error).message });
    });
    const latest = await readRegistration(sessionId, ticketId);
    return { view: toRegistrationView(latest!), created: true };
  }
  throw conflict('busy', 'Too many concurrent changes to this registration; try again');
}

/**
 * Cancels the ticket's registration. Confirmed: the seat (`taken - 1`) and
 * the schedule slot are freed in one transaction with `session.seat_released`,
 * whose consumer offers the seat to the first waitlisted attendee. Waitlisted:
 * `waiting - 1`. Offered: the offer is declined (the seat goes to the next).
 */
export async function cancelRegistration(ref: AttendeeRef, sessionId: string, ctx: RequestContext, reason: 'canceled' | 'offer_declined' = 'canceled'): Promise<RegistrationView> {
  const outcome = await withRaceRetries(async () => {
    const current = await readRegistration(sessionId, ref.ticketId);
    if (!isActive(current)) throw notFound('Registration', `${sessionId}/${ref.ticketId}`);
    const at = nowIso();
    const tx = namedTransaction<'registration' | 'seat' | 'schedule' | 'offer'>();
    const e = tx.entities;
    tx.add(
      'registration',
      e.sessionRegistration
        .patch({ sessionId, ticketId: ref.ticketId })
        .set({ state: 'canceled', position: 0, rank: rankOf(0), reason: current.state === 'offered' ? 'offer_declined' : reason, updatedAt: at })
        .where((a, op) => op.eq(a.state, current.state))
        .commit(),
    );
    const events = [];
    if (current.state === 'waitlisted') {
      tx.add('seat', e.sessionSeats.patch({ sessionId }).add({ waiting: -1 }).commit());
    } else {
      tx.add('seat', e.sessionSeats.patch({ sessionId }).add({ taken: -1 }).commit());
      events.push(
        domainEvent('session.seat_released', { eventId: ref.eventId, sessionId, ticketId: ref.ticketId, reason: current.state === 'offered' ? 'offer_declined' : reason }, ctx),
      );
      if (current.state === 'confirmed') {
        const schedule = await readSchedule(ref.ticketId, ref.eventId);
        tx.add('schedule', scheduleWrite(e, schedule, schedule.slots.filter((s) => s.sessionId !== sessionId)));
      } else {
        tx.add('offer', e.sessionOffer.delete({ sessionId, ticketId: ref.ticketId }).commit());
      }
    }
    const result = await transactWithEvents(() => tx.items, events);
    if (result.canceled) return RETRY;
    return toRegistrationView({ ...current, state: 'canceled', position: 0, reason: current.state === 'offered' ? 'offer_declined' : reason, updatedAt: at });
  }, 15);
  if (outcome === RETRY) throw conflict('busy', 'Too many concurrent changes to this registration; try again');
  return outcome;
}

/**
 * Takes an offered seat: the registration becomes confirmed while the offer
 * is unexpired, and the slot joins the attendee's schedule (overlap-checked,
 * conditioned on its revision), in one transaction.
 */
export async function acceptOffer(ref: AttendeeRef, sessionId: string, ctx: RequestContext): Promise<RegistrationView> {
  const outcome = await withRaceRetries(async () => {
    const current = await readRegistration(sessionId, ref.ticketId);
    if (!current || current.state !== 'offered') throw conflict('no_offer', 'There is no seat on offer for this registration', { state: current?.state ?? null });
    const at = nowIso();
    if (!current.offerExpiresAt || current.offerExpiresAt <= at) throw conflict('offer_expired', 'The offer has expired');
    const [session, schedule] = await Promise.all([cachedSession(ref.eventId, sessionId, true), readSchedule(ref.ticketId, ref.eventId)]);
    const slot = { sessionId, startsAt: session.startsAt, endsAt: session.endsAt };
    const clash = firstOverlap(schedule.slots, slot);
    if (clash) throw conflict('overlapping_session', 'The attendee is already confirmed for a session at that time; cancel it or decline', { sessionId: clash.sessionId });
    const tx = namedTransaction<'registration' | 'schedule' | 'offer' | 'session'>();
    const e = tx.entities;
    tx.add(
      'registration',
      e.sessionRegistration
        .patch({ sessionId, ticketId: ref.ticketId })
        .set({ state: 'confirmed', position: 0, rank: rankOf(0), updatedAt: at })
        .where((a, op) => `${op.eq(a.state, 'offered')} AND ${op.gt(a.offerExpiresAt, at)}`)
        .commit(),
    )
      .add('schedule', scheduleWrite(e, schedule, [...schedule.slots, slot]))
      .add('offer', e.sessionOffer.delete({ sessionId, ticketId: ref.ticketId }).commit())
      .add('session', sessionUnchanged(e, session));
    const result = await transactWithEvents(
      () => tx.items,
      [domainEvent('session.registered', { eventId: ref.eventId, sessionId, ticketId: ref.ticketId, ...(current.contactId ? { contactId: current.contactId } : {}), status: 'confirmed' }, ctx)],
      'relay',
    );
    if (result.canceled) return RETRY;
    return toRegistrationView({ ...current, state: 'confirmed', position: 0, updatedAt: at });
  }, 15);
  if (outcome === RETRY) throw conflict('busy', 'Too many concurrent changes to this registration; try again');
  return outcome;
}

/** The ticket's registrations (gsi2 byTicket). */
export async function registrationsOf(ref: AttendeeRef): Promise<RegistrationView[]> {
  const { data } = await db().entities.sessionRegistration.query.byTicket({ ticketId: ref.ticketId }).go({ pages: 'all' });
  return data.map(toRegistrationView);
}

/** A session's registrations by state and waitlist order (gsi1 byState). */
export async function registrantsOf(eventId: string, sessionId: string, state?: RegistrationItem['state']): Promise<RegistrationView[]> {
  const query = db().entities.sessionRegistration.query.byState({ sessionId, ...(state ? { state } : {}) });
  const { data } = await query.go({ pages: 'all' });
  return data.filter((r) => r.eventId === eventId).map(toRegistrationView);
}
