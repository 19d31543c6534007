import type Stripe from 'stripe';
import type { EventData } from '#events/catalog.ts';
import type { Money } from '#packages/core/money.ts';
import type { OrderItem } from './order-item.ts';

/**
 * What a verified Stripe event must show before it may change an order. A
 * valid signature only proves Stripe sent it — not that it is about this
 * order: metadata can name any order, and an intent of another amount or
 * currency can succeed. Pure functions over the fields read from the event.
 */

export type MismatchReason = EventData<'payment.mismatch'>['reason'];

type Expected = Pick<OrderItem, 'paymentIntentId' | 'total'>;

export interface IntentFacts {
  id: string;
  /** From `metadata.orderId`, if any. */
  orderId: string | undefined;
  amountReceived: number;
  /** Upper case. */
  currency: string;
}

export interface ChargeFacts {
  paymentIntentId: string | null;
  orderId: string | undefined;
  /** What the charge took, the most that can ever be refunded from it. */
  amountCaptured: number;
  currency: string;
}

export interface RefundFacts {
  id: string;
  amount: number;
  currency: string;
  status: string;
  reservationId: string | undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : Number.NaN);
const metadataOrderId = (o: { metadata?: Stripe.Metadata | null }) => (typeof o.metadata?.orderId === 'string' && o.metadata.orderId ? o.metadata.orderId : undefined);

/** Read defensively: a field of the wrong type becomes a value no check accepts, never a crash. */
export function intentFacts(intent: Stripe.PaymentIntent): IntentFacts {
  return { id: text(intent.id), orderId: metadataOrderId(intent), amountReceived: int(intent.amount_received), currency: text(intent.currency).toUpperCase() };
}

export function chargeFacts(charge: Stripe.Charge): ChargeFacts {
  const pi = charge.payment_intent;
  return {
    paymentIntentId: typeof pi === 'string' ? pi : typeof pi?.id === 'string' ? pi.id : null,
    orderId: metadataOrderId(charge),
    amountCaptured: int(charge.amount_captured ?? charge.amount),
    currency: text(charge.currency).toUpperCase(),
  };
}

export function refundFacts(charge: Stripe.Charge): RefundFacts[] {
  const list = Array.isArray(charge.refunds?.data) ? charge.refunds.data : [];
  return list.map((r) => ({
    id: text(r.id),
    amount: int(r.amount),
    currency: text(r.currency).toUpperCase(),
    status: text(r.status),
    reservationId: typeof r.metadata?.reservationId === 'string' ? r.metadata.reservationId : undefined,
  }));
}

/** `payment_intent.succeeded` pays an order only with the intent the order created, at least its total, in its currency. */
export function paymentMismatch(order: Expected, intent: IntentFacts): MismatchReason | null {
  if (!order.paymentIntentId || order.paymentIntentId !== intent.id) return 'wrong_payment_intent';
  if (intent.currency !== order.total.currency.toUpperCase()) return 'currency_mismatch';
  if (!(intent.amountReceived >= order.total.amount)) return 'amount_short';
  return null;
}

/** A charge speaks for an order only if it belongs to the order's intent. */
export function chargeMismatch(order: Expected, charge: ChargeFacts): MismatchReason | null {
  return order.paymentIntentId && charge.paymentIntentId === order.paymentIntentId ? null : 'wrong_payment_intent';
}

/** A refund is booked only if positive, in the order's currency and not above the charge it came from. */
export function refundMismatch(order: Expected, charge: ChargeFacts, refund: RefundFacts): MismatchReason | null {
  if (!(refund.amount > 0)) return 'refund_not_positive';
  if (refund.currency !== order.total.currency.toUpperCase()) return 'refund_currency_mismatch';
  if (!(refund.amount <= charge.amountCaptured)) return 'refund_exceeds_charge';
  return null;
}

export const moneyOrNull = (amount: number, currency: string): Money | null =>
  Number.isSafeInteger(amount) && /^[A-Z]{3}$/.test(currency) ? { amount, currency } : null;
