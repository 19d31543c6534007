import { count } from '#packages/core/metrics.ts';
import type { CreateOrderInput } from './contract.ts';
import type { createPaymentIntent, CreatedPaymentIntent } from '#packages/payments/stripe-client.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { HOLD_SHARDS } from '#packages/core/db/entities/order-hold.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, notFound, unavailable, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { definedOnly } from '#packages/core/views.ts';
import { readPools, shardUpdates } from '#packages/features/inventory/index.ts';
import { attributeOrder, type Attribution } from '#packages/features/promoters/index.ts';
import { allocate, blindAllocation, type Allocation } from '#packages/features/inventory/index.ts';
import { sharedEventDetails } from './event-details.ts';
import { mintTickets, ticketPuts, type IssuedTicket } from './issue-tickets.ts';
import { releaseOrder } from './release-order.ts';
import { orderSummary } from './order-events.ts';
import type { OrderItem } from './order-item.ts';
import { assertVoucherUsable, priceOrder, type Catalog, type PricedOrder } from './pricing.ts';
import { RETRY, RETRY_NOW, withRaceRetries } from '#packages/core/retry.ts';
import { clearShort, markShort, recentlyShort } from './sold-out-hint.ts';
import { voucherTake } from './voucher-usage.ts';
import { markSeatsTaken, seatedTicketTypes, selectSeats, seatUpdates, type SeatRef, type SeatSelection } from '#packages/features/seating/index.ts';
import type { EventDetails } from './event-details.ts';
import { attributionReads, type OrderAttribution } from '#packages/features/analytics/index.ts';

type Seating = EventDetails['seating'];

/** The event, its ticket types and bundles in one Query (shared with concurrent orders); the voucher (strongly consistent) beside it. */
async function loadCatalog(eventId: string, voucherCode: string | undefined): Promise<Catalog & { seating: Seating }> {
  const [details, voucher] = await Promise.all([
    sharedEventDetails(eventId),
    voucherCode ? db().entities.voucher.get({ eventId, code: voucherCode.toUpperCase() }).go({ consistent: true }) : null,
  ]);
  if (!details.event) throw notFound('Event', eventId);
  return {
    event: details.event,
    ticketTypes: new Map(details.ticketTypes.map((t) => [t.ticketTypeId, t])),
    bundles: new Map(details.bundles.map((b) => [b.bundleId, b])),
    voucher: voucher?.data ?? null,
    seating: details.seating,
  };
}

/** A seated ticket type is sold by seat: a line of it without seats would sell a place no seat stands for. */
function assertSeatsNamed(input: CreateOrderInput, seating: Seating): void {
  const seated = seatedTicketTypes(seating);
  const unnamed = input.items.filter((i) => i.ticketTypeId !== undefined && seated.has(i.ticketTypeId)).map((i) => i.ticketTypeId);
  if (unnamed.length) throw unprocessable('seat_required', 'These ticket types are sold by seat: name seats or ask for bestAvailable', { ticketTypeIds: unnamed });
}

function assertEventOnSale({ event }: Catalog, now: string): void {
  if (event.status === 'canceled') throw unprocessable('event_canceled', 'The event was canceled');
  if (event.status !== 'published') throw unprocessable('event_not_on_sale', 'The event is not on sale');
  if (now >= event.endsAt) throw unprocessable('event_ended', 'The event is over');
}

/** Promoter-only ticket types sell only through a link that unlocks them. */
function assertPromoterOnlyUnlocked(priced: PricedOrder, catalog: Catalog, attribution: Attribution | null, unlocked: ReadonlySet<string>): void {
  for (const line of priced.lines) {
    if (!line.ticketTypeId || !catalog.ticketTypes.get(line.ticketTypeId)?.promoterOnly || unlocked.has(line.ticketTypeId)) continue;
    if (!attribution?.unlockedTicketTypeIds.has(line.ticketTypeId)) {
      throw unprocessable('ticket_type_not_available', 'This ticket type is sold only through a promoter link', { ticketTypeId: line.ticketTypeId });
    }
  }
}

/** A priced order whose id is fixed before anything is written (its retries and its PaymentIntent keep it). */
interface Draft {
  orderId: string;
  eventId: string;
  input: CreateOrderInput;
  catalog: Catalog & { seating: Seating };
  priced: PricedOrder;
  /** The seat map's seats it takes, when it asks for any. */
  selection: SeatSelection | null;
  attribution: Attribution | null;
  /** First and last touch (analytics). */
  touches: OrderAttribution;
  /** Where the checkout request came from: the proof of a marketing consent ticked there. */
  origin: CheckoutOrigin;
}

export interface CheckoutOrigin {
  ip?: string;
  userAgent?: string;
}

function orderItemFor({ orderId, eventId, input, priced, catalog, attribution, touches, origin }: Draft, allocations: Allocation[], now: string): OrderItem {
  const expiresAt = new Date(Date.parse(now) + catalog.event.holdMinutes * 60_000).toISOString();
  const free = priced.total.amount === 0;
  return {
    orderId,
    eventId,
    status: free ? 'paid' : 'pending',
    buyer: input.buyer,
    lines: priced.lines,
    subtotal: priced.subtotal,
    discount: priced.discount,
    total: priced.total,
    refunded: { amount: 0, currency: priced.total.currency },
    ...(catalog.voucher ? { voucherCode: catalog.voucher.code, voucherId: catalog.voucher.voucherId } : {}),
    ...(attribution ? { promoterCode: attribution.terms.code, promoter: attribution.terms } : {}),
    ...(input.campaignToken ? { campaignToken: input.campaignToken } : {}),
    ...(input.utm ? { utm: input.utm } : {}),
    attribution: touches,
    ...(input.marketingConsent === true ? { marketingConsent: definedOnly({ at: now, ...origin }) as { at: string } } : {}),
    allocations,
    expiresAt,
    ...(free ? { paidAt: now } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/** The pools with fewer seats available, over all their slices, than the order wants from them. */
function shortPools(demand: ReadonlyMap<string, number>, pools: ReadonlyMap<string, readonly { available: number }[]>): string[] {
  return [...demand].filter(([pool, wanted]) => (pools.get(pool) ?? []).reduce((sum, s) => sum + Math.max(0, s.available), 0) < wanted).map(([pool]) => pool);
}

function soldOut(shortPools: readonly string[]): never {
  markShort(shortPools);
  count('SoldOutRefusals');
  throw conflict('sold_out', 'Not enough tickets left for this order');
}

/**
 * Reserves every seat of the order — per ticket type, against the event's
 * total, from a voucher's block — and the voucher usage, in ONE transaction
 * with the order and its hold (or, free, its tickets). No read first: each
 * pool's seats go on one slice picked blind (the only one, for a pool of ≤ 500
 * seats), and the slices' `available >= n` conditions decide. Except when
 * `readFirst` (this process saw one of the pools short within seconds): then
 * a consistent read of the slices (1 RCU per slice ≤ 4 KB) refuses a sold-out
 * order without a transaction — DynamoDB still bills a canceled transaction
 * (its prepare phase writes every item), far more than that read. After a cancellation the
 * reasons say what to do:
 * - the voucher's condition failed → `voucher_exhausted`;
 * - a slice's condition failed and its pool has one slice → `sold_out` (that
 *   slice is the whole pool: fewer than n seats left), still without a read;
 * - a slice of a pool of several failed → read the pools (strongly
 *   consistent) and `allocate` from what is there, or `sold_out` if too few;
 * - no condition failed (a TransactionConflict: a concurrent transaction on a
 *   slice) → the same allocation again after a jittered pause.
 */
async function reserve(draft: Draft, ctx: RequestContext, readFirst = false): Promise<OrderItem> {
  const { eventId, priced } = draft;
  const free = priced.total.amount === 0;
  const fromRead = async (): Promise<Allocation[]> => {
    const pools = await readPools(priced.poolShards);
    const allocations = allocate(priced.demand, pools);
    if (!allocations) soldOut(shortPools(priced.demand, pools));
    return allocations;
  };
  let allocations = readFirst ? await fromRead() : blindAllocation(priced.demand, priced.poolShards);
  let selection = draft.selection;
  let seats: SeatRef[] = selection?.refs ?? [];
  let seatAttempt = 0;
  const seatName = (ref: SeatRef) => `seat:${ref.sectionId}/${ref.seatGuid}` as const;
  const tickets: IssuedTicket[] = free ? await mintTickets(eventId, priced.lines) : [];
  const result = await withRaceRetries(async () => {
    const now = nowIso();
    const order: OrderItem = { ...orderItemFor(draft, allocations, now), ...(seats.length ? { seats } : {}) };
    const events = [domainEvent('order.created', orderSummary(order), ctx)];
    if (free) {
      const issued = tickets.map(({ ticketId, ticketTypeId }) => ({ ticketId, ticketTypeId }));
      events.push(
        domainEvent('order.paid', { ...orderSummary(order), tickets: issued, paidAt: now }, ctx),
        domainEvent('ticket.issued', { orderId: order.orderId, eventId, tickets: issued }, ctx),
      );
    }
    const taken = allocations;
    // Each slice is named by its pool, so a cancellation says which pools were short, whatever the items before them.
    const tx = namedTransaction<'order' | 'tickets' | 'hold' | 'voucher' | `pool:${string}` | `seat:${string}`>();
    const { entities } = tx;
    tx.add('order', entities.order.create(order).commit());
    if (free) tx.add('tickets', ...ticketPuts(entities, order.orderId, eventId, tickets, order.buyer));
    else tx.add('hold', entities.orderHold.create({ orderId: order.orderId, shard: Math.floor(Math.random() * HOLD_SHARDS), expiresAt: order.expiresAt }).commit());
    taken.forEach((a) => tx.add(`pool:${a.poolId}`, shardUpdates(entities, [a], free ? 'sell' : 'hold')[0]!));
    tx.add('voucher', ...voucherTake(entities, order));
    for (const ref of seats) tx.add(seatName(ref), ...seatUpdates(entities, eventId, [ref], free ? 'sell' : 'hold', order.orderId));
    // A pending order's `order.created` has no consumer that cannot wait: the outbox relay publishes it
    // (packages/core/bus/outbox.ts, `Publish`). A free order's `order.paid` feeds the confirmation mail: at once.
    const written = await transactWithEvents(() => tx.items, events, free ? 'now' : 'relay');
    if (!written.canceled) {
      markSeatsTaken(eventId, seats.map((s) => s.seatGuid));
      return order;
    }
    if (tx.rejected(written, 'voucher')) throw unprocessable('voucher_exhausted', 'The voucher has been used up');
    const lost = seats.filter((ref) => tx.rejected(written, seatName(ref)));
    if (lost.length) {
      // Named seats are the buyer's choice: say which went. Best available picks again from a fresh read: picking
      // again from what it read before (minus the seats lost) let a stale view strand single seats (seating-race).
      if (!selection?.canRepick) {
        markSeatsTaken(eventId, lost.map((s) => s.seatGuid));
        throw conflict('seats_taken', 'Some of these seats were just taken by someone else', { seatGuids: lost.map((s) => s.seatGuid) });
      }
      selection = (await selectSeats(eventId, draft.catalog.seating, draft.input, ++seatAttempt))!;
      seats = selection.refs;
      // The repick read the seats fresh (consistent) and spreads wider each time: no pause, which would only age that read.
      return RETRY_NOW;
    }
    const short = taken.filter((a) => tx.rejected(written, `pool:${a.poolId}`)).map((a) => a.poolId);
    if (!short.length) return RETRY;
    if (short.some((pool) => (priced.poolShards.get(pool) ?? 1) === 1)) soldOut(short);
    allocations = await fromRead();
    return RETRY;
  });
  if (result === RETRY) {
    count('SoldOutRefusals');
    throw conflict('sold_out', 'Tickets are selling fast and none could be held; try again');
  }
  count('OrdersCreated');
  // A free order is paid in the same write.
  if (free) count('OrdersPaid');
  clearShort(priced.demand.keys());
  return result;
}

export interface CreatedOrder {
  order: OrderItem;
  clientSecret?: string;
}

/**
 * Creates the order's PaymentIntent: handed in by the storefront route (the
 * Stripe client), so that code issuing only free orders (sponsor passes)
 * neither imports nor bundles the Stripe SDK.
 */
export type PaymentIntentCreator = typeof createPaymentIntent;

async function openPaymentIntent({ orderId, catalog, priced, input }: Draft, createPaymentIntent: PaymentIntentCreator): Promise<CreatedPaymentIntent> {
  return createPaymentIntent({
    orderId,
    amount: priced.total.amount,
    currency: priced.total.currency,
    description: `${catalog.event.name} — order ${orderId}`,
    receiptEmail: input.buyer.email,
  });
}

const paymentUnavailable = (error: unknown) =>
  unavailable('payment_unavailable', 'The payment provider could not be reached; the tickets were released. Try again.', { cause: (error as Error).name });

/**
 * An order that costs money needs a PaymentIntent whose id is on the order
 * (the webhook confirms an order only with its own intent's id) and whose
 * client secret the buyer gets. Seats first, then the intent: in a rush most
 * buyers are refused, and a refusal must cost nothing at Stripe — one intent
 * per attempt would send every refused buyer of a flash sale to Stripe (rate
 * limits, fees, and locally a stand-in timing out: 157 of 200 buyers answered
 * 503 in the oversell test when the intent came first).
 *
 * The transaction writes the order, its hold, seats, voucher usage and outbox
 * row; only when it commits is the intent created (idempotency key per order)
 * and its id patched onto the order (one UpdateItem). Failure orders:
 *  1. Refused (sold out, voucher used up, races lost) → 409/422; Stripe never called.
 *  2. Stripe fails or times out after the commit → the order is released at
 *     once (its seats back on sale) and the answer is 503 `payment_unavailable`.
 *  3. A crash between the commit and the patch leaves a pending order without
 *     an intent: nobody can pay it, and the sweeper releases it at `expiresAt`.
 * While this process saw one of the order's pools sold out within seconds
 * (sold-out-hint.ts), the pools are read first and a sold-out order is refused
 * on that read, without a transaction.
 */
export async function createOrder(
  eventId: string,
  input: CreateOrderInput,
  ctx: RequestContext,
  origin: CheckoutOrigin = {},
  /** Promoter-only (hidden) ticket types staff issues from: sponsor passes (issue-free-order.ts). */
  unlocked: ReadonlySet<string> = new Set(),
  /** Needed for an order that costs money; without it such an order is refused before anything is written. */
  createPaymentIntent?: PaymentIntentCreator,
): Promise<CreatedOrder> {
  const now = nowIso();
  const catalog = await loadCatalog(eventId, input.voucherCode);
  assertEventOnSale(catalog, now);
  assertVoucherUsable(catalog.voucher, input.voucherCode, now);
  assertSeatsNamed(input, catalog.seating);
  // Read while the seats are read: a buyer's wait is the slower of the two, not their sum.
  const attributionOf = attributionReads({ eventId, email: input.buyer.email, now, visitToken: input.visitToken });
  const selection = await selectSeats(eventId, catalog.seating, input);
  const priced = priceOrder(selection ? { ...input, items: [...input.items, ...selection.items] } : input, catalog, now);
  const attribution = await attributeOrder({
    eventId,
    eventEndsAt: catalog.event.endsAt,
    promoterCode: input.promoterCode,
    promoterToken: input.promoterToken,
    lines: priced.lines,
    total: priced.total,
    now,
  });
  assertPromoterOnlyUnlocked(priced, catalog, attribution, unlocked);
  const touches = await attributionOf({ utm: input.utm, promoterId: attribution?.terms.promoterId, campaignToken: input.campaignToken });
  const draft: Draft = { orderId: newId(), eventId, input, catalog, priced, selection, attribution, touches, origin };
  const hinted = recentlyShort(priced.demand.keys());
  if (priced.total.amount === 0) return { order: await reserve(draft, ctx, hinted) };
  if (!createPaymentIntent) throw unprocessable('payment_required', 'This order costs money: it can only be placed through the storefront, which takes the payment');
  return seatsFirst(draft, ctx, hinted, createPaymentIntent);
}

async function seatsFirst(draft: Draft, ctx: RequestContext, readFirst: boolean, createPaymentIntent: PaymentIntentCreator): Promise<CreatedOrder> {
  const order = await reserve(draft, ctx, readFirst);
  try {
    const intent = await openPaymentIntent(draft, createPaymentIntent);
    await db().entities.order.patch({ orderId: order.orderId }).set({ paymentIntentId: intent.id, paymentStatus: intent.status }).go();
    return { order: { ...order, paymentIntentId: intent.id, paymentStatus: intent.status }, clientSecret: intent.clientSecret };
  } catch (error) {
    // No way to pay: give the seats back at once rather than after the hold.
    await releaseOrder(order.orderId, 'canceled', ctx);
    throw paymentUnavailable(error);
  }
}
