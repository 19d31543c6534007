import type { EntityItem } from 'electrodb';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { refundReservationEntity } from '#packages/core/db/entities/refund-reservation.ts';
import { db } from '#packages/core/db/service.ts';
import type { OrderItem } from './order-item.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';

export type Reservation = EntityItem<typeof refundReservationEntity>;

/** Refunded + reserved. Orders not refunded since `refundClaimed` exists have only their refunded total. */
export const claimedOf = (order: Pick<OrderItem, 'refundClaimed' | 'refunded'>): number => order.refundClaimed ?? order.refunded.amount;

/** Reservations still waiting for Stripe's answer (one Query of the order's partition, consistent). */
export async function openReservations(orderId: string): Promise<Reservation[]> {
  const { data } = await db()
    .entities.refundReservation.query.byOrder({ orderId })
    .where((a, op) => op.eq(a.status, 'reserved'))
    .go({ consistent: true, pages: 'all' });
  return data;
}

/**
 * How long after its last attempt nobody can still be waiting for Stripe's
 * answer to a reservation: longer than any function that calls Stripe may run
 * (HTTP 10 s, consumers 60 s). REFUND_RESERVATION_LEASE_SECONDS, default 120.
 */
export function reservationLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REFUND_RESERVATION_LEASE_SECONDS;
  const seconds = raw === undefined || raw === '' ? 120 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`REFUND_RESERVATION_LEASE_SECONDS must be a number ≥ 0, not ${raw}`);
  return seconds * 1000;
}

export const isStale = (reservation: Reservation, now = Date.now()) => Date.parse(reservation.attemptedAt) + reservationLeaseMs() <= now;

/**
 * Sets `amount` aside for one refund: the reservation and the order's
 * `refundClaimed + amount` commit together, only while the order is paid and
 * the claims stay within its total. Resolves null when the condition (or a
 * competing writer) cancelled it: re-read and decide again.
 */
export async function reserve(order: OrderItem, reservation: Omit<Reservation, 'createdAt' | 'updatedAt'>): Promise<Reservation | null> {
  const limit = order.total.amount - reservation.amount;
  if (limit < 0) return null;
  const result = await db()
    .transaction.write(({ order: orders, refundReservation }) => [
      order.refundClaimed === undefined
        ? // First claim on this order: set from the refunded total, as long as that is still what we read.
          orders
            .patch({ orderId: order.orderId })
            .set({ refundClaimed: order.refunded.amount + reservation.amount })
            .where(
              (a, op) =>
                `${op.eq(a.status, 'paid')} AND ${op.notExists(a.refundClaimed)} AND ${op.eq(a.refunded.amount, order.refunded.amount)} AND ${op.lte(a.refunded.amount, limit)}`,
            )
            .commit()
        : orders
            .patch({ orderId: order.orderId })
            .add({ refundClaimed: reservation.amount })
            .where((a, op) => `${op.eq(a.status, 'paid')} AND ${op.lte(a.refundClaimed, limit)}`)
            .commit(),
      refundReservation.create(reservation).commit(),
    ])
    .go();
  if (result.canceled) return null;
  const at = nowIso();
  return { ...reservation, createdAt: at, updatedAt: at };
}

/**
 * Gives a reservation's amount back (Stripe refused it, or it never reached
 * Stripe). Only a reservation still `reserved` is released; one settled or
 * released meanwhile is left as it is.
 */
export async function release(reservation: Reservation, because: string): Promise<void> {
  const done = await withRaceRetries(async () => {
    const tx = namedTransaction<'reservation' | 'order'>();
    const { order, refundReservation } = tx.entities;
    tx.add(
      'reservation',
      refundReservation
        .patch({ orderId: reservation.orderId, reservationId: reservation.reservationId })
        .set({ status: 'released', releasedBecause: because.slice(0, 200) })
        .where((a, op) => op.eq(a.status, 'reserved'))
        .commit(),
    ).add('order', order.patch({ orderId: reservation.orderId }).subtract({ refundClaimed: reservation.amount }).commit());
    const result = await tx.go();
    // The reservation refused: no longer reserved, nothing to give back. Anything else was a race: again.
    return !result.canceled || tx.rejected(result, 'reservation') ? true : RETRY;
  }, 25);
  if (done === RETRY) throw new Error(`release(${reservation.reservationId}) kept losing races`);
}

/** Restarts a reservation's lease before asking Stripe again, so nobody takes it for abandoned meanwhile. */
export async function touch(reservation: Reservation): Promise<void> {
  try {
    await db()
      .entities.refundReservation.patch({ orderId: reservation.orderId, reservationId: reservation.reservationId })
      .set({ attemptedAt: nowIso() })
      .where((a, op) => op.eq(a.status, 'reserved'))
      .go({ response: 'none' });
  } catch (error) {
    // Settled or released since we read it: asking Stripe again with its key is still harmless.
    if (!isConditionFailure(error)) throw error;
  }
}
