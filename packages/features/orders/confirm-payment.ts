import { count } from '#packages/core/metrics.ts';
import { logger } from '#packages/core/logger.ts';
import { PaymentProviderError } from '#packages/payments/errors.ts';
import { createRefund } from '#packages/payments/stripe-client.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { readPools, shardUpdates } from '#packages/features/inventory/index.ts';
import { allocate, type Allocation } from '#packages/features/inventory/index.ts';
import { markerPut } from '#packages/core/bus/apply-once.ts';
import { mintTickets, ticketPuts } from './issue-tickets.ts';
import { orderSummary } from './order-events.ts';
import { loadOrder, type OrderItem } from './order-item.ts';
import { orderPatch } from './order-patch.ts';
import { paymentUnavailable } from './payment-errors.ts';
import { demandOf } from './pool-shards.ts';
import { recordRefund, STRIPE_CONSUMER } from './record-refund.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { voucherTake } from './voucher-usage.ts';
import { seatUpdates } from '#packages/features/seating/index.ts';

export type PaymentOutcome = 'paid' | 'already_processed' | 'refunded_late';

interface Payment {
  paymentIntentId: string;
  /** Stripe's event id: the transition and this marker commit together, so a redelivery is a no-op. */
  providerEventId: string;
}

/**
 * `payment_intent.succeeded` for an order. Pending: its held seats become
 * sold and tickets are issued. Expired or canceled meanwhile: the same seats
 * are reserved afresh if still free, else the money goes back automatically
 * and the order stays as it was — never an oversell.
 */
export async function confirmPayment(orderId: string, payment: Payment, ctx: Pick<RequestContext, 'correlationId'>): Promise<PaymentOutcome> {
  const outcome = await withRaceRetries(async () => {
    const order = await loadOrder(orderId, true);
    if (order.status === 'paid' || order.status === 'refunded') return 'already_processed' as const;
    if (order.status === 'pending') {
      // Its voucher usage is already taken: only the 'sell' path can find it gone.
      const confirmed = await sell(order, order.allocations, 'confirm', payment, ctx);
      return confirmed === VOUCHER_GONE || confirmed === SEATS_GONE ? RETRY : confirmed;
    }
    const fresh = allocate(...(await freshDemand(order)));
    if (!fresh) return refundLate(order, payment, ctx);
    const sold = await sell(order, fresh, 'sell', payment, ctx);
    // Seats are free but the voucher it was priced with has since been used up by others,
    // or one of its map seats is held or sold to someone else now: refunded, never taken from them.
    return sold === VOUCHER_GONE || sold === SEATS_GONE ? refundLate(order, payment, ctx) : sold;
  }, 10);
  if (outcome === RETRY) throw new Error(`confirmPayment(${orderId}) kept losing races`);
  if (outcome === 'paid') count('OrdersPaid');
  return outcome;
}

async function freshDemand(order: OrderItem) {
  const { demand, poolShards } = await demandOf(order);
  return [demand, await readPools(poolShards)] as const;
}

const VOUCHER_GONE = Symbol('voucher gone');
const SEATS_GONE = Symbol('seats gone');

async function sell(
  order: OrderItem,
  allocations: Allocation[],
  change: 'confirm' | 'sell',
  payment: Payment,
  ctx: Pick<RequestContext, 'correlationId'>,
): Promise<PaymentOutcome | typeof RETRY | typeof VOUCHER_GONE | typeof SEATS_GONE> {
  const at = nowIso();
  const tickets = await mintTickets(order.eventId, order.lines);
  const issued = tickets.map(({ ticketId, ticketTypeId }) => ({ ticketId, ticketTypeId }));
  const paid: OrderItem = { ...order, status: 'paid', paidAt: at, allocations, paymentIntentId: payment.paymentIntentId, paymentStatus: 'succeeded' };
  const tx = namedTransaction<'marker' | 'order' | 'hold' | 'seats' | 'voucher' | 'tickets' | 'mapSeats'>();
  const entities = tx.entities;
  tx.add('marker', markerPut(entities, STRIPE_CONSUMER, payment.providerEventId))
    .add(
      'order',
      orderPatch(entities, order)
        .set({ status: 'paid', paidAt: at, allocations, paymentIntentId: payment.paymentIntentId, paymentStatus: 'succeeded', updatedAt: at })
        // A declined attempt before this success is history, not the order's state.
        .remove(['paymentFailure'])
        .where((a, op) => op.eq(a.status, order.status))
        .commit(),
    )
    .add('hold', ...(change === 'confirm' ? [entities.orderHold.delete({ orderId: order.orderId }).commit()] : []))
    .add('seats', ...shardUpdates(entities, allocations, change))
    // Its voucher usage is already taken when confirming: only a sale takes it again.
    .add('voucher', ...(change === 'sell' ? voucherTake(entities, order) : []))
    .add('tickets', ...ticketPuts(entities, order.orderId, order.eventId, tickets, order.buyer))
    // Confirming: its own held seats become sold. A late sale: the same seats only if they are free now.
    .add('mapSeats', ...seatUpdates(entities, order.eventId, order.seats ?? [], change, order.orderId));
  const result = await transactWithEvents(
    () => tx.items,
    [
      domainEvent('order.paid', { ...orderSummary(paid), tickets: issued, paidAt: at }, ctx),
      domainEvent('ticket.issued', { orderId: order.orderId, eventId: order.eventId, tickets: issued }, ctx),
    ],
  );
  if (!result.canceled) return 'paid';
  if (tx.rejected(result, 'marker')) return 'already_processed';
  if (tx.rejected(result, 'voucher')) return VOUCHER_GONE;
  if (tx.rejected(result, 'mapSeats')) return change === 'sell' ? SEATS_GONE : RETRY;
  return RETRY;
}

/** The seats are gone: refund in full (idempotent per order) and record it; the order keeps its status. */
async function refundLate(order: OrderItem, payment: Payment, ctx: Pick<RequestContext, 'correlationId'>): Promise<PaymentOutcome> {
  let refund;
  try {
    refund = await createRefund({
      paymentIntentId: payment.paymentIntentId,
      idempotencyKey: `late-${order.orderId}`,
      reason: 'requested_by_customer',
      metadata: { orderId: order.orderId, why: 'paid_after_seats_released' },
    });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // Not a 500: a 503 makes Stripe deliver the payment again later, and the same key then refunds once.
    logger.error('automatic refund of a late payment failed; Stripe will redeliver', { orderId: order.orderId, type: error.type, code: error.code });
    throw paymentUnavailable('the late payment could not be refunded yet.');
  }
  await recordRefund(order.orderId, { refundId: refund.id, amount: refund.amount, reason: 'paid after the hold expired and the seats were gone' }, ctx, {
    late: true,
    providerEventId: payment.providerEventId,
  });
  return 'refunded_late';
}
