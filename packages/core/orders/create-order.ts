import type { CreateOrderInput } from '../../api/schemas/orders.ts';
import { createPaymentIntent } from '../../payments/stripe-client.ts';
import { transactWithEvents } from '../bus/outbox.ts';
import { domainEvent } from '../bus/pending-event.ts';
import { nowIso } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { HOLD_SHARDS } from '../db/entities/order-hold.ts';
import { db } from '../db/service.ts';
import { rejectedAt, type TransactionEntities } from '../db/transaction-types.ts';
import { conflict, notFound, unavailable, unprocessable } from '../errors.ts';
import { newId } from '../ids.ts';
import { readPools, shardUpdates } from '../inventory/pool-store.ts';
import { allocate, type Allocation } from '../inventory/pools.ts';
import { mintTickets, ticketPuts } from './issue-tickets.ts';
import { releaseOrder } from './release-order.ts';
import { orderSummary } from './order-events.ts';
import type { OrderItem } from './order-item.ts';
import { assertVoucherUsable, priceOrder, type Catalog, type PricedOrder } from './pricing.ts';
import { RETRY, withRaceRetries } from './retry.ts';
import { voucherTake } from './voucher-usage.ts';

async function loadCatalog(eventId: string, voucherCode: string | undefined): Promise<Catalog> {
  const [event, types, bundles, voucher] = await Promise.all([
    db().entities.event.get({ eventId }).go(),
    db().entities.ticketType.query.byEvent({ eventId }).go({ pages: 'all' }),
    db().entities.bundle.query.byEvent({ eventId }).go({ pages: 'all' }),
    voucherCode ? db().entities.voucher.get({ eventId, code: voucherCode.toUpperCase() }).go({ consistent: true }) : null,
  ]);
  if (!event.data) throw notFound('Event', eventId);
  return {
    event: event.data,
    ticketTypes: new Map(types.data.map((t) => [t.ticketTypeId, t])),
    bundles: new Map(bundles.data.map((b) => [b.bundleId, b])),
    voucher: voucher?.data ?? null,
  };
}

function assertEventOnSale({ event }: Catalog, now: string): void {
  if (event.status === 'canceled') throw unprocessable('event_canceled', 'The event was canceled');
  if (event.status !== 'published') throw unprocessable('event_not_on_sale', 'The event is not on sale');
  if (now >= event.endsAt) throw unprocessable('event_ended', 'The event is over');
}

function orderItemFor(eventId: string, input: CreateOrderInput, priced: PricedOrder, catalog: Catalog, allocations: Allocation[], now: string): OrderItem {
  const expiresAt = new Date(Date.parse(now) + catalog.event.holdMinutes * 60_000).toISOString();
  const free = priced.total.amount === 0;
  return {
    orderId: newId(),
    eventId,
    status: free ? 'paid' : 'pending',
    buyer: input.buyer,
    lines: priced.lines,
    subtotal: priced.subtotal,
    discount: priced.discount,
    total: priced.total,
    refunded: { amount: 0, currency: priced.total.currency },
    ...(catalog.voucher ? { voucherCode: catalog.voucher.code, voucherId: catalog.voucher.voucherId } : {}),
    ...(input.promoterCode ? { promoterCode: input.promoterCode } : {}),
    ...(input.campaignToken ? { campaignToken: input.campaignToken } : {}),
    allocations,
    expiresAt,
    ...(free ? { paidAt: now } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Reserves every seat of the order — per ticket type, against the event's
 * total, from a voucher's block — and the voucher usage, in ONE transaction
 * with the order and its hold. Losing a race re-reads and tries again; only
 * when the pools truly lack seats is it `sold_out`, with nothing held.
 */
async function reserve(eventId: string, input: CreateOrderInput, catalog: Catalog, priced: PricedOrder, ctx: RequestContext): Promise<OrderItem> {
  const result = await withRaceRetries(async () => {
    const now = nowIso();
    const allocations = allocate(priced.demand, await readPools(priced.poolShards));
    if (!allocations) throw conflict('sold_out', 'Not enough tickets left for this order');
    const order = orderItemFor(eventId, input, priced, catalog, allocations, now);
    const free = order.status === 'paid';
    const tickets = free ? await mintTickets(eventId, order.lines) : [];
    const events = [domainEvent('order.created', orderSummary(order), ctx)];
    if (free) {
      const issued = tickets.map(({ ticketId, ticketTypeId }) => ({ ticketId, ticketTypeId }));
      events.push(
        domainEvent('order.paid', { ...orderSummary(order), tickets: issued, paidAt: now }, ctx),
        domainEvent('ticket.issued', { orderId: order.orderId, eventId, tickets: issued }, ctx),
      );
    }
    const items = (entities: TransactionEntities) => [
      entities.order.create(order).commit(),
      ...(free
        ? ticketPuts(entities, order.orderId, eventId, tickets, order.buyer)
        : [entities.orderHold.create({ orderId: order.orderId, shard: Math.floor(Math.random() * HOLD_SHARDS), expiresAt: order.expiresAt }).commit()]),
      ...shardUpdates(entities, allocations, free ? 'sell' : 'hold'),
      ...voucherTake(entities, order),
    ];
    const written = await transactWithEvents(items, events);
    if (!written.canceled) return order;
    // The voucher's update is the last of `items`; a failed condition there means it ran out.
    const voucherIndex = written.data.length - events.length - 1;
    if (order.voucherCode && rejectedAt(written, voucherIndex)) {
      throw unprocessable('voucher_exhausted', 'The voucher has been used up');
    }
    return RETRY;
  });
  if (result === RETRY) throw conflict('sold_out', 'Tickets are selling fast and none could be held; try again');
  return result;
}

export interface CreatedOrder {
  order: OrderItem;
  clientSecret?: string;
}

export async function createOrder(eventId: string, input: CreateOrderInput, ctx: RequestContext): Promise<CreatedOrder> {
  const now = nowIso();
  const catalog = await loadCatalog(eventId, input.voucherCode);
  assertEventOnSale(catalog, now);
  assertVoucherUsable(catalog.voucher, input.voucherCode, now);
  const priced = priceOrder(input, catalog, now);
  const order = await reserve(eventId, input, catalog, priced, ctx);
  if (order.status === 'paid') return { order };

  try {
    const intent = await createPaymentIntent({
      orderId: order.orderId,
      amount: order.total.amount,
      currency: order.total.currency,
      description: `${catalog.event.name} — order ${order.orderId}`,
      receiptEmail: order.buyer.email,
    });
    await db().entities.order.patch({ orderId: order.orderId }).set({ paymentIntentId: intent.id, paymentStatus: intent.status }).go();
    return { order: { ...order, paymentIntentId: intent.id, paymentStatus: intent.status }, clientSecret: intent.clientSecret };
  } catch (error) {
    // No way to pay: give the seats back at once rather than after the hold.
    await releaseOrder(order.orderId, 'canceled', ctx);
    throw unavailable('payment_unavailable', 'The payment provider could not be reached; nothing was reserved. Try again.', { cause: (error as Error).name });
  }
}
