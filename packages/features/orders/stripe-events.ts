import type Stripe from 'stripe';
import { applyOnce } from '#packages/core/bus/apply-once.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { confirmPayment } from './confirm-payment.ts';
import type { OrderItem } from './order-item.ts';
import { recordAnomalies, type Anomaly } from './payment-anomalies.ts';
import {
  chargeFacts,
  chargeMismatch,
  intentFacts,
  moneyOrNull,
  paymentMismatch,
  refundFacts,
  refundMismatch,
} from './payment-checks.ts';
import { recordRefund, STRIPE_CONSUMER } from './record-refund.ts';

export type WebhookOutcome = 'paid' | 'already_processed' | 'refunded_late' | 'recorded' | 'ignored' | 'mismatch';

type Ctx = Pick<RequestContext, 'correlationId'>;

/**
 * Applies one verified Stripe event. Each kind is idempotent by Stripe's
 * event id (payments, anomalies) or refund id (refunds), so Stripe's retries
 * — for up to three days, sometimes two at once — change nothing the second
 * time. An event that does not fit the order it names changes nothing but
 * is recorded as a payment anomaly (see payment-checks.ts); one naming an
 * order that does not exist is recorded and acknowledged too, since Stripe
 * would otherwise retry it for days.
 */
export async function applyStripeEvent(event: Stripe.Event, ctx: Ctx): Promise<WebhookOutcome> {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = intentFacts(event.data.object);
      const target = await targetOf(intent.orderId, intent.id);
      if (target === 'not_ours') return ignored(event);
      const reason = target.order ? paymentMismatch(target.order, intent) : 'unknown_order';
      if (reason) return anomaly(event, target, [{ reason, paymentIntentId: intent.id || null, amount: moneyOrNull(intent.amountReceived, intent.currency) }], ctx);
      return confirmPayment(target.order!.orderId, { paymentIntentId: intent.id, providerEventId: event.id }, ctx);
    }
    case 'payment_intent.payment_failed': {
      const object = event.data.object;
      const intent = intentFacts(object);
      const target = await targetOf(intent.orderId, intent.id);
      if (target === 'not_ours') return ignored(event);
      if (!target.order || target.order.paymentIntentId !== intent.id) {
        const reason = target.order ? 'wrong_payment_intent' : 'unknown_order';
        return anomaly(event, target, [{ reason, paymentIntentId: intent.id || null, amount: null }], ctx);
      }
      return recordFailure(target.order.orderId, object, event.id);
    }
    case 'charge.refunded': {
      const charge = chargeFacts(event.data.object);
      const target = await targetOf(charge.orderId, charge.paymentIntentId);
      if (target === 'not_ours') return ignored(event);
      const { order } = target;
      const reason = order ? chargeMismatch(order, charge) : 'unknown_order';
      if (!order || reason) return anomaly(event, target, [{ reason: reason ?? 'unknown_order', paymentIntentId: charge.paymentIntentId, amount: null }], ctx);
      const anomalies: Anomaly[] = [];
      let recorded = false;
      for (const refund of refundFacts(event.data.object)) {
        if (refund.status === 'failed' || refund.status === 'canceled') continue;
        const misfit = refundMismatch(order, charge, refund);
        const outcome = misfit ?? (await recordRefund(order.orderId, { refundId: refund.id, amount: refund.amount, reservationId: refund.reservationId }, ctx));
        if (outcome === 'recorded') recorded = true;
        else if (outcome !== 'already_recorded') {
          anomalies.push({ reason: outcome === 'exceeds_paid' ? 'refund_exceeds_paid' : outcome, paymentIntentId: charge.paymentIntentId, refundId: refund.id, amount: moneyOrNull(refund.amount, refund.currency) });
        }
      }
      const noted = anomalies.length ? await recordAnomalies(order.orderId, order, anomalies, event, ctx, STRIPE_CONSUMER) : 'already_processed';
      if (recorded) return 'recorded';
      return noted === 'recorded' ? 'mismatch' : 'already_processed';
    }
    default:
      return ignored(event);
  }
}

type Target = { orderId: string; order: OrderItem | null };

/**
 * The order an event is about: the one its metadata names, else the one that
 * created its intent. Neither: not ours (another integration on the same
 * Stripe account) — acknowledged and ignored.
 */
async function targetOf(orderId: string | undefined, paymentIntentId: string | null): Promise<Target | 'not_ours'> {
  if (orderId) {
    const { data } = await db().entities.order.get({ orderId }).go({ consistent: true });
    return { orderId, order: data };
  }
  if (!paymentIntentId) return 'not_ours';
  const { data } = await db().entities.order.query.byPaymentIntent({ paymentIntentId }).go({ limit: 1 });
  if (!data[0]) return 'not_ours';
  const { data: order } = await db().entities.order.get({ orderId: data[0].orderId }).go({ consistent: true });
  return { orderId: data[0].orderId, order };
}

async function anomaly(event: Stripe.Event, target: Target, anomalies: Anomaly[], ctx: Ctx): Promise<WebhookOutcome> {
  const outcome = await recordAnomalies(target.orderId, target.order, anomalies, event, ctx, STRIPE_CONSUMER);
  return outcome === 'recorded' ? 'mismatch' : 'already_processed';
}

function ignored(event: Stripe.Event): WebhookOutcome {
  logger.info('stripe event ignored', { type: event.type, stripeEventId: event.id });
  return 'ignored';
}

/** A declined attempt on a pending order; the buyer may still pay (a later success clears it). */
async function recordFailure(orderId: string, intent: Stripe.PaymentIntent, eventId: string): Promise<WebhookOutcome> {
  const error = intent.last_payment_error;
  const failure = String(error?.message ?? error?.code ?? 'payment failed');
  const applied = await applyOnce(STRIPE_CONSUMER, eventId, ({ order }) => [
    order
      .patch({ orderId })
      .set({ paymentStatus: 'failed', paymentFailure: failure.slice(0, 500), updatedAt: nowIso() })
      .where((a, op) => op.eq(a.status, 'pending'))
      .commit(),
  ]).catch((e: Error) => {
    // The order moved on (expired, paid by a retry): the failure is history.
    if (e.name === 'EffectRejected') return false;
    throw e;
  });
  return applied ? 'recorded' : 'already_processed';
}
