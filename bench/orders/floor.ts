/**
 * The floor of an order race: per buyer, ONE bare TransactWriteItems of the
 * shape createOrder writes for a one-ticket pending order
 * (packages/features/orders/create-order.ts, `reserve`): Put order, Put
 * orderHold, the conditional Update (`available >= 1`) of one inventory
 * slice, Put outboxEvent — built with the product's own entities and
 * builders (shardUpdates, outboxPut), on distinct orders but on a pool of
 * the race's size and slice count, so the buyers contend on the same number
 * of slice items as the API's. No read before it, no retry after it.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { outboxPut } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { HOLD_SHARDS } from '#packages/core/db/entities/order-hold.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { NEVER_RELAYED } from '../lib/transaction-floor.ts';
import { createPoolItems, shardUpdates } from '#packages/features/inventory/pool-store.ts';
import { shardCount, ticketTypePool } from '#packages/features/inventory/pools.ts';
import { orderSummary } from '#packages/features/orders/order-events.ts';
import type { OrderItem } from '#packages/features/orders/order-item.ts';

/** A real order the API wrote (the race's), as the template: the floor writes items of its size and attributes. */
export async function orderTemplate(orderId: string): Promise<OrderItem> {
  const { data } = await db().entities.order.get({ orderId }).go({ consistent: true });
  if (!data) throw new Error(`order ${orderId} not found`);
  // As written: the PaymentIntent's id and status are in the order's Put (createOrder makes the intent
  // first), so the floor's Put carries them too, with the order's entry in gsi3 `byPaymentIntent`.
  return data;
}

/** A fresh pool of `tickets` seats, sliced as the product slices a ticket type of that capacity. */
async function givenPool(tickets: number): Promise<{ poolId: string; shards: number }> {
  const poolId = ticketTypePool(`bench-floor-${newId()}`);
  await db()
    .transaction.write((entities) => createPoolItems(entities, poolId, tickets))
    .go();
  return { poolId, shards: shardCount(tickets) };
}

/** One transaction per buyer against a pool of its own; built now, so the floor times only the round trips. */
export async function orderFloorTransactions(template: OrderItem, buyers: number, tickets: number): Promise<TransactWriteCommandInput[]> {
  const { poolId, shards } = await givenPool(tickets);
  const eventId = newId();
  return Array.from({ length: buyers }, (_, i) => {
    // createOrder's allocate() starts at a random slice; without its read the floor just picks one.
    const allocations = [{ poolId, shard: Math.floor(Math.random() * shards), quantity: 1 }];
    const order: OrderItem = {
      ...template,
      orderId: newId(),
      eventId,
      buyer: { ...template.buyer, email: `floor-${i}-${template.buyer.email}` },
      allocations,
      // Each its own intent (as many characters), as each order has: distinct gsi3 entries.
      ...(template.paymentIntentId ? { paymentIntentId: `pi_${newId().slice(2)}` } : {}),
    };
    const event = domainEvent('order.created', orderSummary(order), { correlationId: newId() });
    return db()
      .transaction.write((entities) => [
        entities.order.create(order).commit(),
        entities.orderHold.create({ orderId: order.orderId, shard: Math.floor(Math.random() * HOLD_SHARDS), expiresAt: order.expiresAt }).commit(),
        ...shardUpdates(entities, allocations, 'hold'),
        outboxPut(entities, { ...event, occurredAt: NEVER_RELAYED }),
      ])
      .params() as TransactWriteCommandInput;
  });
}
