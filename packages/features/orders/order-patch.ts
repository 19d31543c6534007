import type { TransactionEntities } from '#packages/core/db/transaction-types.ts';
import type { OrderItem } from './order-item.ts';

type OrderPatch = ReturnType<TransactionEntities['order']['patch']>;

/**
 * A patch of an order inside a transaction that may change its status. The
 * status index also keys on eventId, which a patch does not carry, so it is
 * supplied with `.composite()` — which ElectroDB supports here at run time
 * but leaves out of its transaction types.
 */
export function orderPatch(entities: TransactionEntities, order: Pick<OrderItem, 'orderId' | 'eventId'>): OrderPatch {
  const patch = entities.order.patch({ orderId: order.orderId }) as OrderPatch & { composite(c: { eventId: string }): OrderPatch };
  return patch.composite({ eventId: order.eventId });
}
