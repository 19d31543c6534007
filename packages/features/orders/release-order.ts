import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { conflict } from '#packages/core/errors.ts';
import { shardUpdates } from '#packages/features/inventory/index.ts';
import { orderSummary } from './order-events.ts';
import { loadOrder, type OrderItem } from './order-item.ts';
import { orderPatch } from './order-patch.ts';
import { voucherGiveBack } from './voucher-usage.ts';
import { seatUpdates } from '#packages/features/seating/index.ts';

/**
 * pending → canceled | expired: the order, its hold, its held seats and its
 * voucher usage change together, conditional on the order still being
 * pending — so a payment confirmed at the same moment wins or loses whole.
 */
export async function releaseOrder(orderId: string, to: 'canceled' | 'expired', ctx: Pick<RequestContext, 'correlationId'>): Promise<OrderItem> {
  const order = await loadOrder(orderId, true);
  if (order.status !== 'pending') {
    const code = order.status === 'paid' && to === 'canceled' ? 'refund_required' : 'invalid_transition';
    const hint = code === 'refund_required' ? ': refund it instead (POST /v1/orders/{id}/refund)' : '';
    throw conflict(code, `A ${order.status} order cannot become ${to}${hint}`, { orderStatus: order.status });
  }
  const at = nowIso();
  const stamp = to === 'canceled' ? { canceledAt: at } : { expiredAt: at };
  const next: OrderItem = { ...order, ...stamp, status: to, updatedAt: at };
  const result = await transactWithEvents(
    (entities) => [
      orderPatch(entities, order)
        .set({ status: to, ...stamp, updatedAt: at })
        .where((a, op) => op.eq(a.status, 'pending'))
        .commit(),
      entities.orderHold.delete({ orderId }).commit(),
      ...shardUpdates(entities, order.allocations, 'release'),
      ...voucherGiveBack(entities, order),
      // The expired or canceled order's seats go back on the map with its counters (the hold sweeper comes through here).
      ...seatUpdates(entities, order.eventId, order.seats ?? [], 'release', orderId),
    ],
    [domainEvent(to === 'canceled' ? 'order.canceled' : 'order.expired', orderSummary(next), ctx)],
  );
  if (result.canceled) {
    const now = await loadOrder(orderId, true);
    throw conflict('invalid_transition', `A ${now.status} order cannot become ${to}`, { orderStatus: now.status });
  }
  return next;
}
