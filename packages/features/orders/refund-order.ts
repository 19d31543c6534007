import type { OrderView, RefundOrderInput } from './contract.ts';
import { logger } from '#packages/core/logger.ts';
import { PaymentProviderError } from '#packages/payments/errors.ts';
import { createRefund, listRefunds } from '#packages/payments/stripe-client.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { loadOrder, type OrderItem } from './order-item.ts';
import { getOrder } from './order-queries.ts';
import { isRefusal, paymentUnavailable, refusalError } from './payment-errors.ts';
import { recordRefund } from './record-refund.ts';
import { claimedOf, isStale, openReservations, release, reserve, touch, type Reservation } from './refund-claims.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';

export interface RefundOptions {
  /**
   * Names the client request (caller + Idempotency-Key): a retry of that
   * request after a 503 resumes its reservation — the same Stripe refund —
   * instead of setting aside a second amount.
   */
  requestKey?: string;
}

/**
 * Refunds all (`amount` omitted) or part of a paid order through Stripe and
 * books it at once (the `charge.refunded` webhook then finds it booked).
 *
 * 1. Reserve: a conditional write sets the amount aside on the order, so
 *    refunds running at the same time can never promise more than was paid
 *    (the losers get 422 `refund_exceeds_paid`).
 * 2. Ask Stripe with the reservation as idempotency key and metadata.
 *    Refused → the reservation is given back and Stripe's code answered
 *    (409/422). Unreachable or slow → 503 `payment_unavailable`; the
 *    reservation stays, because the refund may have happened.
 * 3. Book the refund and settle the reservation in one transaction.
 *
 * Exactly once under retries: a full refund resumes any open full
 * reservation of the order (the event-cancellation job may call this many
 * times for one order), a partial one the reservation its `requestKey` made
 * for the same amount, and a reservation nobody is waiting for any more (a
 * crash, a timeout; older than its lease) is first settled from Stripe's
 * list of the intent's refunds or given back. An order already refunded in full answers 409 `invalid_transition`.
 */
export async function refundOrder(orderId: string, input: RefundOrderInput, ctx: RequestContext, options: RefundOptions = {}): Promise<OrderView> {
  const reservation = await reserveRefund(orderId, input, ctx, options);
  if (reservation) await payOut(reservation, ctx);
  return getOrder(orderId);
}

/** The reservation to pay out (fresh or resumed), or null when nothing was to be paid (a free order, booked here). */
async function reserveRefund(orderId: string, input: RefundOrderInput, ctx: RequestContext, options: RefundOptions): Promise<Reservation | null> {
  const full = input.amount === undefined;
  const outcome = await withRaceRetries(async () => {
    const order = await loadOrder(orderId, true);
    if (order.status !== 'paid') throw conflict('invalid_transition', `A ${order.status} order cannot be refunded`, { orderStatus: order.status });
    if (!order.paymentIntentId) {
      // A free order: nothing to pay back, but voiding it is still a "full refund".
      if (!full && input.amount! > 0) throw unprocessable('refund_exceeds_paid', 'Nothing was paid for this order', { refundable: 0 });
      await recordRefund(orderId, { refundId: `free-${orderId}`, amount: 0, reason: input.reason }, ctx);
      return null;
    }
    const claimed = claimedOf(order);

    const open = await openReservations(orderId);
    // Abandoned ones first: resuming one after Stripe forgot its key (24 h) could otherwise pay it twice.
    const abandoned = open.filter((r) => isStale(r));
    if (abandoned.length) {
      for (const r of abandoned) await settleAbandoned(order, r, ctx);
      return RETRY;
    }
    const resumable = open.find((r) => (full ? r.full : !r.full && r.amount === input.amount && r.requestKey === options.requestKey && r.requestKey !== undefined));
    if (resumable) return resumable;

    const refundable = order.total.amount - claimed;
    const pending = claimed - order.refunded.amount;
    if (full && refundable === 0) {
      // Paid, nothing left to set aside: refunds in flight will finish the order (or give their amount back).
      throw conflict('refund_in_progress', 'Refunds of the whole remaining amount are in progress; retry shortly', { pending });
    }
    const amount = input.amount ?? refundable;
    if (amount > refundable) {
      throw unprocessable('refund_exceeds_paid', `At most ${refundable} (minor units) is left to refund`, {
        refundable,
        ...(pending > 0 ? { pending } : {}),
      });
    }
    const at = nowIso();
    const made = await reserve(order, {
      orderId,
      reservationId: newId(),
      amount,
      currency: order.total.currency,
      full,
      status: 'reserved',
      requestedBy: ctx.actorId,
      attemptedAt: at,
      ...(options.requestKey ? { requestKey: options.requestKey } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    });
    // Cancelled: the room went to someone else, the order changed, or a race; the next read decides.
    return made ?? RETRY;
  });
  if (outcome === RETRY) throw conflict('concurrent_update', 'The order is being refunded by others right now; retry', {});
  return outcome;
}

/** Asks Stripe for the reserved refund (again, for a resumed one: same key, same parameters) and books it. */
async function payOut(reservation: Reservation, ctx: RequestContext): Promise<void> {
  const order = await loadOrder(reservation.orderId, true);
  if (Date.parse(reservation.attemptedAt) < Date.now() - 1000) await touch(reservation);
  let refund;
  try {
    refund = await createRefund({
      paymentIntentId: order.paymentIntentId!,
      amount: reservation.amount,
      idempotencyKey: `refund-${reservation.reservationId}`,
      reason: 'requested_by_customer',
      metadata: { orderId: reservation.orderId, reservationId: reservation.reservationId, requestedBy: reservation.requestedBy },
    });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    if (isRefusal(error)) {
      await release(reservation, error.code ?? error.type);
      const after = await loadOrder(reservation.orderId, true);
      throw refusalError(error, { refundable: after.total.amount - (after.refundClaimed ?? after.refunded.amount) });
    }
    if (!error.retryable) {
      // Our credentials or request are wrong (authentication, permission, idempotency): Stripe executed nothing.
      logger.error('stripe refused the refund request itself', { orderId: reservation.orderId, type: error.type, code: error.code });
      await release(reservation, error.code ?? error.type);
      throw paymentUnavailable('nothing was refunded. Try again later.');
    }
    // The refund may have happened: keep the amount reserved until a retry or the lease finds out.
    logger.warn('stripe unavailable during a refund; reservation kept', { orderId: reservation.orderId, reservationId: reservation.reservationId, type: error.type });
    throw paymentUnavailable('the refund may not have been made. Retry the same request (same Idempotency-Key).', {
      reservationId: reservation.reservationId,
    });
  }
  await book(reservation, refund, ctx);
}

/** Stripe caps refunds at the charge, so "more than was paid" here means our books and Stripe's disagree: say so loudly. */
async function book(reservation: Reservation, refund: { id: string; amount: number }, ctx: RequestContext): Promise<void> {
  const outcome = await recordRefund(
    reservation.orderId,
    { refundId: refund.id, amount: refund.amount, reason: reservation.reason, reservationId: reservation.reservationId },
    ctx,
  );
  if (outcome === 'exceeds_paid') {
    logger.error('a refund Stripe made exceeds what the order was paid; not booked', { orderId: reservation.orderId, refundId: refund.id });
  }
}

/**
 * A reservation whose caller is gone (crashed, timed out, gave up): Stripe's
 * list of the intent's refunds says whether it was paid. Found → booked and
 * settled; not found → given back (no call with its key can still be under
 * way once the lease has passed).
 */
async function settleAbandoned(order: OrderItem, reservation: Reservation, ctx: RequestContext): Promise<void> {
  let refunds;
  try {
    refunds = await listRefunds(order.paymentIntentId!);
  } catch (error) {
    if (error instanceof PaymentProviderError) throw paymentUnavailable('an earlier refund could not be checked. Try again.');
    throw error;
  }
  const paid = refunds.find((r) => r.metadata.reservationId === reservation.reservationId && r.status !== 'failed' && r.status !== 'canceled');
  if (paid) {
    await book(reservation, paid, ctx);
  } else {
    logger.info('abandoned refund reservation given back', { orderId: order.orderId, reservationId: reservation.reservationId });
    await release(reservation, 'not_at_provider');
  }
}
