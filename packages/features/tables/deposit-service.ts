import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unavailable, unprocessable } from '#packages/core/errors.ts';
import { PaymentProviderError } from '#packages/payments/errors.ts';
import { createPaymentIntent, createRefund, retrievePaymentIntent } from '#packages/payments/stripe-client.ts';
import type { TableBookingView } from './contract.ts';
import { loadBooking, move, refused, releaseTable, summary, toBookingView, type Ctx } from './booking-service.ts';

// The table-booking steps that call Stripe, apart from the others so that only
// the routes serving them hold the Stripe secret and bundle its SDK
// (infra/http-layout.ts: a feature's Stripe routes run in `<feature>-payments`).

const stripeDown = (error: unknown): never => {
  if (error instanceof PaymentProviderError) throw unavailable('payment_unavailable', 'The payment provider could not be reached. Try again.', { cause: error.type });
  throw error;
};

/**
 * The deposit is a Stripe PaymentIntent of its own per booking (idempotent
 * per booking), marked `metadata.tableBookingId` so the order webhook leaves
 * it alone; the booker pays it with the client secret.
 */
export async function startDeposit(bookingId: string) {
  const b = await loadBooking(bookingId);
  if (b.status !== 'approved') throw refused(b, 'deposit_paid');
  if (b.deposit.amount === 0) throw unprocessable('no_deposit', 'This booking owes no deposit: confirm it directly');
  const intent = await createPaymentIntent({
    orderId: b.bookingId,
    amount: b.deposit.amount,
    currency: b.deposit.currency,
    description: `Table deposit — booking ${b.bookingId}`,
    receiptEmail: b.booker.email,
    purpose: { tableBookingId: b.bookingId },
  }).catch(stripeDown);
  await db().entities.tableBooking.patch({ bookingId }).set({ depositPaymentIntentId: intent.id }).go();
  return { bookingId, amount: b.deposit, paymentIntentId: intent.id, clientSecret: intent.clientSecret };
}

/**
 * approved → deposit_paid, when Stripe says the booking's own intent
 * succeeded for the whole deposit (the server asks; the caller's word is not
 * taken). Emits `table.booked`. Repeating it changes nothing.
 */
export async function confirmDeposit(bookingId: string, ctx: Ctx): Promise<TableBookingView> {
  const b = await loadBooking(bookingId);
  if (b.status !== 'approved') {
    if (b.depositPaidAt) return toBookingView(b);
    throw refused(b, 'deposit_paid');
  }
  if (b.deposit.amount > 0) {
    if (!b.depositPaymentIntentId) throw conflict('deposit_not_paid', 'No deposit payment was started for this booking');
    const intent = await retrievePaymentIntent(b.depositPaymentIntentId).catch(stripeDown);
    if (intent.status !== 'succeeded' || intent.amountReceived < b.deposit.amount || intent.currency !== b.deposit.currency) {
      throw conflict('deposit_not_paid', 'The deposit has not been paid', { paymentStatus: intent.status });
    }
  }
  const at = nowIso();
  return toBookingView(await move(b, 'deposit_paid', { depositPaidAt: at }, { events: (next) => [domainEvent('table.booked', summary(next), ctx)] }));
}

/**
 * Canceled before it is used: the table goes back on sale. A paid deposit is
 * refunded when canceled before `refundableUntil`, else kept. The state moves
 * first, then Stripe is asked (idempotency key per booking); if Stripe is
 * down the booking stays canceled with the refund owed, and canceling again
 * retries only the refund.
 */
export async function cancelBooking(bookingId: string, ctx: Ctx): Promise<TableBookingView> {
  let b = await loadBooking(bookingId);
  const at = nowIso();
  if (b.status !== 'canceled') {
    if (b.status !== 'requested' && b.status !== 'approved' && b.status !== 'deposit_paid') throw refused(b, 'canceled');
    const paid = b.status === 'deposit_paid';
    const refundable = paid && at < b.refundableUntil;
    b = await move(b, 'canceled', { canceledAt: at, ...(paid && !refundable ? { depositKept: b.deposit } : {}) }, { also: (e) => [releaseTable(e, b)] });
  }
  const owesRefund = b.depositPaidAt && !b.depositKept && !b.depositRefundId && b.deposit.amount > 0 && b.depositPaymentIntentId;
  if (!owesRefund) return toBookingView(b);
  const refund = await createRefund({
    paymentIntentId: b.depositPaymentIntentId!,
    idempotencyKey: `table-deposit-${b.bookingId}`,
    reason: 'requested_by_customer',
    metadata: { tableBookingId: b.bookingId },
  }).catch(stripeDown);
  await db().entities.tableBooking.patch({ bookingId }).set({ depositRefundId: refund.id }).go();
  return toBookingView({ ...b, depositRefundId: refund.id });
}
