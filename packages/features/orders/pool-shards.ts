import { db } from '#packages/core/db/service.ts';
import { eventPool, ticketTypePool, voucherPool } from '#packages/features/inventory/index.ts';
import { loadEventDetails } from './event-details.ts';
import type { OrderItem } from './order-item.ts';

/**
 * The seats an order took, per pool, and how many slices each pool has —
 * what a late payment needs to reserve the same seats afresh.
 */
export async function demandOf(order: OrderItem): Promise<{ demand: Map<string, number>; poolShards: Map<string, number> }> {
  const demand = new Map<string, number>();
  for (const a of order.allocations) demand.set(a.poolId, (demand.get(a.poolId) ?? 0) + a.quantity);
  const [details, voucher] = await Promise.all([
    loadEventDetails(order.eventId),
    order.voucherCode ? db().entities.voucher.get({ eventId: order.eventId, code: order.voucherCode }).go() : null,
  ]);
  const shards = new Map<string, number>();
  if (details.event?.inventoryShards) shards.set(eventPool(order.eventId), details.event.inventoryShards);
  for (const t of details.ticketTypes) shards.set(ticketTypePool(t.ticketTypeId), t.inventoryShards);
  if (voucher?.data?.inventoryShards) shards.set(voucherPool(voucher.data.voucherId), voucher.data.inventoryShards);
  const poolShards = new Map([...demand.keys()].map((pool) => [pool, shards.get(pool) ?? 1]));
  return { demand, poolShards };
}
