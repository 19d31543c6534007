import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { rankOf } from './slots.ts';

/** How long an offered seat is held for the waitlisted attendee (SESSION_OFFER_MINUTES, default 2 h). */
export const offerMinutes = (): number => Number(process.env.SESSION_OFFER_MINUTES ?? 120);
export const OFFER_SHARDS = 4;
/** Bound on one call's work; each offer is one free seat, and a burst of releases has a consumer run per release. */
const MAX_OFFERS_PER_CALL = 50;

/**
 * While the session has a free seat and someone waits, the first waitlisted
 * registration (lowest rank, gsi1) is offered the seat: waitlisted → offered
 * with an expiry, `taken + 1` conditioned on `taken < capacity`, `waiting - 1`,
 * the expiry item for the sweeper and `session.waitlist_promoted`, one
 * transaction. One freed seat → exactly one offer: the counter condition
 * refuses a second offer for the same seat, and the registration's condition
 * refuses offering one person twice. Run by the consumer of
 * `session.seat_released`, after a waitlist join, and by the offer sweeper.
 */
export async function offerNextSeats(eventId: string, sessionId: string, ctx: Pick<RequestContext, 'correlationId'>): Promise<number> {
  let offered = 0;
  let misses = 0;
  while (offered < MAX_OFFERS_PER_CALL && misses < 10) {
    const { data: seats } = await db().entities.sessionSeats.get({ sessionId }).go({ consistent: true });
    if (!seats || seats.taken >= seats.capacity || seats.waiting <= 0) break;
    const { data: next } = await db().entities.sessionRegistration.query.byState({ sessionId, state: 'waitlisted' }).go({ limit: 1 });
    const first = next[0];
    if (!first) {
      // The index lags the table by a moment: `waiting` says someone is there.
      misses++;
      await new Promise((r) => setTimeout(r, 50 * misses));
      continue;
    }
    const expiresAt = new Date(Date.now() + offerMinutes() * 60_000).toISOString();
    const at = nowIso();
    const tx = namedTransaction<'registration' | 'seat' | 'offer'>();
    const e = tx.entities;
    tx.add(
      'registration',
      e.sessionRegistration
        .patch({ sessionId, ticketId: first.ticketId })
        .set({ state: 'offered', rank: rankOf(first.position), offerExpiresAt: expiresAt, updatedAt: at })
        .where((a, op) => op.eq(a.state, 'waitlisted'))
        .commit(),
    )
      .add(
        'seat',
        e.sessionSeats
          .patch({ sessionId })
          .add({ taken: 1, waiting: -1 })
          .where((a, op) => `${op.name(a.taken)} < ${op.name(a.capacity)} AND ${op.gt(a.waiting, 0)}`)
          .commit(),
      )
      .add('offer', e.sessionOffer.put({ sessionId, ticketId: first.ticketId, eventId, shard: Math.floor(Math.random() * OFFER_SHARDS), expiresAt }).commit());
    const result = await transactWithEvents(
      () => tx.items,
      [
        domainEvent(
          'session.waitlist_promoted',
          { eventId, sessionId, ticketId: first.ticketId, ...(first.contactId ? { contactId: first.contactId } : {}), position: first.position, offerExpiresAt: expiresAt },
          ctx,
        ),
      ],
    );
    if (result.canceled) {
      misses++;
      continue;
    }
    offered++;
  }
  return offered;
}

/**
 * The offer sweeper: offers past their expiry become `expired`, their seat
 * (`taken - 1`) goes back with `session.seat_released`, whose consumer offers
 * it to the next in line. An offer accepted meanwhile has lost its expiry item
 * or fails the `state = offered` condition, and is left alone.
 */
export async function expireSessionOffers(now = nowIso()): Promise<{ expired: number }> {
  const ctx = { correlationId: `offer-sweep-${newId()}` };
  // Every offer due when the sweep starts, read before any is expired: each expiry makes a consumer offer the
  // seat to the next in line, and that new offer (on any shard) is not this sweep's to judge.
  const due: Array<{ sessionId: string; ticketId: string; eventId: string }> = [];
  for (let shard = 0; shard < OFFER_SHARDS; shard++) {
    let cursor: string | null = null;
    do {
      const page: { data: Array<{ sessionId: string; ticketId: string; eventId: string }>; cursor: string | null } = await db()
        .entities.sessionOffer.query.byExpiry({ shard })
        .lt({ expiresAt: now })
        .go({ cursor, limit: 100 });
      due.push(...page.data);
      cursor = page.cursor;
    } while (cursor);
  }
  let expired = 0;
  for (const offer of due) {
    const tx = namedTransaction<'registration' | 'seat' | 'offer'>();
    const e = tx.entities;
    tx.add(
      'registration',
      e.sessionRegistration
        .patch({ sessionId: offer.sessionId, ticketId: offer.ticketId })
        .set({ state: 'expired', position: 0, rank: rankOf(0), reason: 'offer_expired', updatedAt: now })
        .where((a, op) => op.eq(a.state, 'offered'))
        .commit(),
    )
      .add('seat', e.sessionSeats.patch({ sessionId: offer.sessionId }).add({ taken: -1 }).commit())
      .add('offer', e.sessionOffer.delete({ sessionId: offer.sessionId, ticketId: offer.ticketId }).commit());
    const result = await transactWithEvents(
      () => tx.items,
      [domainEvent('session.seat_released', { eventId: offer.eventId, sessionId: offer.sessionId, ticketId: offer.ticketId, reason: 'offer_expired' }, ctx)],
    );
    if (!result.canceled) expired++;
    else if (tx.rejected(result, 'registration')) await db().entities.sessionOffer.delete({ sessionId: offer.sessionId, ticketId: offer.ticketId }).go();
  }
  return { expired };
}
