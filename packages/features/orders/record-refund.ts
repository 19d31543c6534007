import { seatUpdates } from '#packages/features/seating/index.ts';
import { markerPut } from '#packages/core/bus/apply-once.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { shardUpdates } from '#packages/features/inventory/index.ts';
import { orderSummary } from './order-events.ts';
import { loadOrder, type OrderItem } from './order-item.ts';
import { orderPatch } from './order-patch.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';

/** The scope of the Stripe webhook's processed-event markers (payments, refunds, anomalies): one spelling. */
export const STRIPE_CONSUMER = 'stripe-webhook';

export interface RefundFact {
  refundId: string;
  /** Minor units, in the order's currency. */
  amount: number;
  reason?: string;
  /** Ours carry it (Stripe metadata): the reservation this refund pays out. */
  reservationId?: string;
}

/** `exceeds_paid`: booking it would make the refunds exceed what the order was paid — not booked. */
export type RefundOutcome = 'recorded' | 'already_recorded' | 'exceeds_paid';

/**
 * Books one provider refund against its order, exactly once: the refund row
 * (keyed by the provider's id), the order's refunded total and — when that
 * reaches the total of a paid order — the move to `refunded` with its
 * tickets voided and seats released, all in one transaction. A refund made
 * from a reservation settles it in the same transaction (its amount was
 * already counted in `refundClaimed`); any other (a dashboard refund, a late
 * automatic one) adds itself to `refundClaimed`. The API call, the
 * `charge.refunded` webhook and the recovery of a stale reservation all land
 * here; whichever comes second finds the row and changes nothing.
 */
export async function recordRefund(
  orderId: string,
  fact: RefundFact,
  ctx: Pick<RequestContext, 'correlationId'>,
  options: { late?: boolean; providerEventId?: string } = {},
): Promise<RefundOutcome> {
  const outcome = await withRaceRetries(async () => {
    // The order first, then the row: they commit together, so a booking the order shows is a row we will see.
    const order = await loadOrder(orderId, true);
    const { data: booked } = await db().entities.refund.get({ refundId: fact.refundId }).go({ consistent: true, attributes: ['refundId'] });
    if (booked) return 'already_recorded' as const;
    const refunded = order.refunded.amount + fact.amount;
    if (refunded > order.total.amount) return 'exceeds_paid' as const;

    const reservation = fact.reservationId
      ? (await db().entities.refundReservation.get({ orderId, reservationId: fact.reservationId }).go({ consistent: true })).data
      : null;
    const settles = reservation?.status === 'reserved' ? reservation : null;
    // What `refundClaimed` must gain so that it stays refunded + open reservations.
    const claimDelta = fact.amount - (settles?.amount ?? 0);
    const full = order.status === 'paid' && refunded >= order.total.amount;
    const at = nowIso();
    const tickets = full ? (await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' })).data : [];
    const next: OrderItem = { ...order, refunded: { ...order.refunded, amount: refunded }, ...(full ? { status: 'refunded', refundedAt: at } : {}) };
    const tx = namedTransaction<'refund' | 'order' | 'reservation' | 'seats' | 'tickets' | 'marker'>();
    const entities = tx.entities;
    const patch = orderPatch(entities, order).set({
      refunded: next.refunded,
      updatedAt: at,
      ...(full ? { status: 'refunded' as const, refundedAt: at } : {}),
      ...(options.late ? { lateRefundId: fact.refundId } : {}),
    });
    tx.add(
      'refund',
      entities.refund
        .create({ refundId: fact.refundId, orderId, amount: { amount: fact.amount, currency: order.total.currency }, reason: fact.reason, createdAt: at })
        .commit(),
    )
      .add(
        'order',
        (order.refundClaimed === undefined
          ? // Never claimed before (so no reservation either): it starts at the new refunded total.
            patch.set({ refundClaimed: refunded }).where((a, op) => op.notExists(a.refundClaimed))
          : claimDelta === 0
            ? patch
            : patch.add({ refundClaimed: claimDelta })
        )
          // Optimistic: the status and the refunded total we added to are still the stored ones.
          .where((a, op) => `${op.eq(a.status, order.status)} AND ${op.eq(a.refunded.amount, order.refunded.amount)}`)
          .commit(),
      )
      .add(
        'reservation',
        ...(settles
          ? [
              entities.refundReservation
                .patch({ orderId, reservationId: settles.reservationId })
                .set({ status: 'paid', refundId: fact.refundId })
                .where((a, op) => op.eq(a.status, 'reserved'))
                .commit(),
            ]
          : []),
      )
      .add('seats', ...(full ? shardUpdates(entities, order.allocations, 'unsell') : []))
      .add('seats', ...(full ? seatUpdates(entities, order.eventId, order.seats ?? [], 'unsell', orderId) : []))
      .add('tickets', ...tickets.map((t) => entities.ticket.patch({ ticketId: t.ticketId }).set({ status: 'void', updatedAt: at }).commit()))
      .add('marker', ...(options.providerEventId ? [markerPut(entities, STRIPE_CONSUMER, options.providerEventId)] : []));
    const result = await transactWithEvents(
      () => tx.items,
      [
        domainEvent(
          'order.refunded',
          {
            ...orderSummary(next),
            refundId: fact.refundId,
            amount: { amount: fact.amount, currency: order.total.currency },
            refundedTotal: next.refunded,
            full,
          },
          ctx,
        ),
      ],
    );
    if (!result.canceled) return 'recorded' as const;
    // The refund's row exists: this refund was recorded before.
    if (tx.rejected(result, 'refund')) return 'already_recorded' as const;
    return RETRY;
  }, 25);
  if (outcome === RETRY) throw new Error(`recordRefund(${orderId}) kept losing races`);
  // The `charge.refunded` webhook (which knows no reason) booked this refund first — seen before writing, or as
  // the refund row that cancelled our transaction: the refund still says why it was made, and a late payment's
  // own refund is marked automatic.
  if (outcome === 'already_recorded') await completeBookedRefund(orderId, fact, options.late === true);
  return outcome;
}

/** Each only if not set yet, so a repeat changes nothing. */
async function completeBookedRefund(orderId: string, fact: RefundFact, late: boolean): Promise<void> {
  if (late) {
    await writtenIfCondition(() => db().entities.order.patch({ orderId }).set({ lateRefundId: fact.refundId }).where((a, op) => op.notExists(a.lateRefundId)).go());
  }
  if (fact.reason) {
    await writtenIfCondition(() => db().entities.refund.patch({ refundId: fact.refundId }).set({ reason: fact.reason }).where((a, op) => op.notExists(a.reason)).go());
  }
}
