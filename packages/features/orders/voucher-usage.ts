import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import type { OrderItem } from './order-item.ts';

/** Takes one usage of the order's voucher, only while one is left (its own transaction item). */
export function voucherTake(entities: TransactionEntities, order: Pick<OrderItem, 'eventId' | 'voucherCode'>): TransactionItem[] {
  if (!order.voucherCode) return [];
  return [
    entities.voucher
      .patch({ eventId: order.eventId, code: order.voucherCode })
      .subtract({ remainingUsages: 1 })
      .where((a, op) => op.gte(a.remainingUsages, 1))
      .commit(),
  ];
}

/** Gives a released order's voucher usage back. */
export function voucherGiveBack(entities: TransactionEntities, order: Pick<OrderItem, 'eventId' | 'voucherCode'>): TransactionItem[] {
  if (!order.voucherCode) return [];
  return [entities.voucher.patch({ eventId: order.eventId, code: order.voucherCode }).add({ remainingUsages: 1 }).commit()];
}
