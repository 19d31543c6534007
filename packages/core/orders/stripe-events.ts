import type Stripe from 'stripe';
import { applyOnce } from '../bus/apply-once.ts';
import { nowIso } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { db } from '../db/service.ts';
import { logger } from '../../http/logger.ts';
import { confirmPayment, STRIPE_CONSUMER } from './confirm-payment.ts';
import { recordRefund } from './record-refund.ts';

export type WebhookOutcome = 'paid' | 'already_processed' | 'refunded_late' | 'recorded' | 'ignored';

const orderIdOf = (object: { metadata?: Stripe.Metadata | null }) => object.metadata?.orderId;

/**
 * Applies one verified Stripe event. Each kind is idempotent by Stripe's
 * event id (payment) or refund id (refunds), so Stripe's retries — for up to
 * three days, sometimes two at once — change nothing the second time.
 */
export async function applyStripeEvent(event: Stripe.Event, ctx: Pick<RequestContext, 'correlationId'>): Promise<WebhookOutcome> {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const orderId = orderIdOf(event.data.object);
      if (!orderId) return 'ignored';
      return confirmPayment(orderId, { paymentIntentId: event.data.object.id, providerEventId: event.id }, ctx);
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const orderId = orderIdOf(intent);
      if (!orderId) return 'ignored';
      const failure = intent.last_payment_error?.message ?? intent.last_payment_error?.code ?? 'payment failed';
      const applied = await applyOnce(STRIPE_CONSUMER, event.id, ({ order }) => [
        order
          .patch({ orderId })
          .set({ paymentStatus: 'failed', paymentFailure: failure.slice(0, 500), updatedAt: nowIso() })
          .where((a, op) => op.eq(a.status, 'pending'))
          .commit(),
      ]).catch((error: Error) => {
        // The order moved on (expired, paid by a retry): the failure is history.
        if (error.name === 'EffectRejected') return false;
        throw error;
      });
      return applied ? 'recorded' : 'already_processed';
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const orderId = orderIdOf(charge) ?? (await orderIdFromIntent(charge.payment_intent));
      if (!orderId) return 'ignored';
      let recorded = false;
      for (const refund of charge.refunds?.data ?? []) {
        if (refund.status === 'failed' || refund.status === 'canceled') continue;
        const outcome = await recordRefund(orderId, { refundId: refund.id, amount: refund.amount }, ctx);
        recorded ||= outcome === 'recorded';
      }
      return recorded ? 'recorded' : 'already_processed';
    }
    default:
      logger.info('stripe event ignored', { type: event.type });
      return 'ignored';
  }
}

/** Charges created by our intents carry no metadata of their own; the order is found through the intent. */
async function orderIdFromIntent(intent: string | Stripe.PaymentIntent | null): Promise<string | undefined> {
  if (!intent) return undefined;
  if (typeof intent !== 'string') return orderIdOf(intent);
  const { data } = await db().entities.order.query.byPaymentIntent({ paymentIntentId: intent }).go({ limit: 1 });
  return data[0]?.orderId;
}
