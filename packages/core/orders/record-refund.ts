import { markerPut } from '../bus/apply-once.ts';
import { transactWithEvents } from '../bus/outbox.ts';
import { domainEvent } from '../bus/pending-event.ts';
import { nowIso } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { db } from '../db/service.ts';
import { rejectedAt } from '../db/transaction-types.ts';
import { shardUpdates } from '../inventory/pool-store.ts';
import { orderSummary } from './order-events.ts';
import { loadOrder, type OrderItem } from './order-item.ts';
import { orderPatch } from './order-patch.ts';
import { RETRY, withRaceRetries } from './retry.ts';

export interface RefundFact {
  refundId: string;
  /** Minor units, in the order's currency. */
  amount: number;
  reason?: string;
}

export type RefundOutcome = 'recorded' | 'already_recorded';

/**
 * Books one provider refund against its order, exactly once: the refund row
 * (keyed by the provider's id), the order's refunded total and — when that
 * reaches the total of a paid order — the move to `refunded` with its
 * tickets voided and seats released, all in one transaction. The API call
 * and the `charge.refunded` webhook both land here; whichever comes second
 * finds the row and changes nothing.
 */
export async function recordRefund(
  orderId: string,
  fact: RefundFact,
  ctx: Pick<RequestContext, 'correlationId'>,
  options: { late?: boolean; providerEventId?: string } = {},
): Promise<RefundOutcome> {
  const outcome = await withRaceRetries(async () => {
    const order = await loadOrder(orderId, true);
    const refundedTotal = Math.min(order.total.amount, order.refunded.amount + fact.amount);
    const full = order.status === 'paid' && refundedTotal >= order.total.amount;
    const at = nowIso();
    const tickets = full ? (await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' })).data : [];
    const next: OrderItem = { ...order, refunded: { ...order.refunded, amount: refundedTotal }, ...(full ? { status: 'refunded', refundedAt: at } : {}) };
    const result = await transactWithEvents(
      (entities) => [
        entities.refund
          .create({ refundId: fact.refundId, orderId, amount: { amount: fact.amount, currency: order.total.currency }, reason: fact.reason, createdAt: at })
          .commit(),
        orderPatch(entities, order)
          .set({
            refunded: next.refunded,
            updatedAt: at,
            ...(full ? { status: 'refunded' as const, refundedAt: at } : {}),
            ...(options.late ? { lateRefundId: fact.refundId } : {}),
          })
          // Optimistic: the total we added to is still the stored one.
          .where((a, op) => `${op.eq(a.status, order.status)} AND ${op.eq(a.updatedAt, order.updatedAt)}`)
          .commit(),
        ...(full ? shardUpdates(entities, order.allocations, 'unsell') : []),
        ...tickets.map((t) => entities.ticket.patch({ ticketId: t.ticketId }).set({ status: 'void', updatedAt: at }).commit()),
        ...(options.providerEventId ? [markerPut(entities, 'stripe-webhook', options.providerEventId)] : []),
      ],
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
    if (rejectedAt(result, 0)) return 'already_recorded' as const;
    return RETRY;
  }, 10);
  if (outcome === RETRY) throw new Error(`recordRefund(${orderId}) kept losing races`);
  return outcome;
}
