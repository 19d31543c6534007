/**
 * The floor of the seat race: per buyer, ONE bare TransactWriteItems of the
 * shape createOrder writes for a pending order of two map seats — Put order,
 * Put orderHold, the conditional Update (`available >= 2`) of the ticket
 * type's slice, the two seats' conditional Updates (`state = free`), Put
 * outboxEvent — built with the product's own builders, on seat items of a
 * hall of the race's size, each buyer naming a random adjacent pair, so the
 * buyers contend as the API's do. No read before, no retry after. The
 * audit item the kit's interceptor adds to the real transaction is added by
 * the same builder (bench/lib/floor-shape.ts), so the item count and sizes
 * are the real ones; the section checks them against a metered real one.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { outboxPut } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { HOLD_SHARDS } from '#packages/core/db/entities/order-hold.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { createPoolItems, shardUpdates } from '#packages/features/inventory/pool-store.ts';
import { ticketTypePool } from '#packages/features/inventory/pools.ts';
import { orderSummary } from '#packages/features/orders/order-events.ts';
import type { OrderItem } from '#packages/features/orders/order-item.ts';
import { seatUpdates } from '#packages/features/seating/seat-store.ts';
import { createOrder as createOrderRoute } from '#packages/features/orders/routes.ts';
import { anonymousScope, withAuditItem } from '../lib/floor-shape.ts';
import { NEVER_RELAYED } from '../lib/transaction-floor.ts';
import { SECTIONS } from './fixtures.ts';

/** Seat items and one slice per section, as a published hall has them; returns where they are. */
async function givenHall(rows: number, perRow: number) {
  const eventId = newId();
  const pools = Object.fromEntries(SECTIONS.map((s) => [s, ticketTypePool(`bench-seats-${newId()}`)]));
  await db()
    .transaction.write((entities) => SECTIONS.flatMap((s) => createPoolItems(entities, pools[s]!, rows * perRow)))
    .go();
  const seats = SECTIONS.flatMap((s) =>
    Array.from({ length: rows * perRow }, (_, i) => ({
      eventId, sectionId: s, seatGuid: `${s}-${Math.floor(i / perRow) + 1}-${(i % perRow) + 1}`, state: 'free' as const,
      category: `cat-${s}`, row: String(Math.floor(i / perRow) + 1), rank: i % perRow, number: String((i % perRow) + 1), x: i, y: 0, version: 1,
    })),
  );
  for (let i = 0; i < seats.length; i += 25) await db().entities.seat.put(seats.slice(i, i + 25)).go();
  return { eventId, pools };
}

export async function seatFloorTransactions(template: OrderItem, buyers: number, rows: number, perRow: number): Promise<TransactWriteCommandInput[]> {
  const { eventId, pools } = await givenHall(rows, perRow);
  return Array.from({ length: buyers }, (_, i) => {
    const section = SECTIONS[Math.floor(Math.random() * SECTIONS.length)]!;
    const row = 1 + Math.floor(Math.random() * rows);
    const n = 1 + Math.floor(Math.random() * (perRow - 1));
    const seats = [`${section}-${row}-${n}`, `${section}-${row}-${n + 1}`].map((seatGuid) => ({ sectionId: section, seatGuid }));
    const allocations = [{ poolId: pools[section]!, shard: 0, quantity: 2 }];
    // The order as the transaction creates it: the PaymentIntent is patched on after the commit.
    const { paymentIntentId: _pi, paymentStatus: _ps, ...created } = template;
    const order: OrderItem = {
      ...created,
      orderId: newId(),
      eventId,
      buyer: { ...template.buyer, email: `floor-${i}-${template.buyer.email}` },
      allocations,
      seats,
    };
    const event = domainEvent('order.created', orderSummary(order), { correlationId: newId() });
    const transaction = db()
      .transaction.write((entities) => [
        entities.order.create(order).commit(),
        entities.orderHold.create({ orderId: order.orderId, shard: Math.floor(Math.random() * HOLD_SHARDS), expiresAt: order.expiresAt }).commit(),
        ...shardUpdates(entities, allocations, 'hold'),
        ...seatUpdates(entities, eventId, seats, 'hold', order.orderId),
        outboxPut(entities, { ...event, occurredAt: NEVER_RELAYED }),
      ])
      .params() as TransactWriteCommandInput;
    return withAuditItem(transaction, anonymousScope(createOrderRoute, eventId));
  });
}
