import type { EventData } from '#events/catalog.ts';
import { logger } from '#packages/core/logger.ts';
import { markerPut } from '#packages/core/bus/apply-once.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import type { Money } from '#packages/core/money.ts';
import type { OrderItem } from './order-item.ts';
import type { MismatchReason } from './payment-checks.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';

/** The order keeps the first ones; more are still logged and published. */
export const MAX_ANOMALIES_PER_ORDER = 10;

export interface Anomaly {
  reason: MismatchReason;
  paymentIntentId: string | null;
  refundId?: string;
  /** What the event said was received or refunded. */
  amount: Money | null;
}

export interface StripeEventRef {
  id: string;
  type: string;
}

/**
 * Records what a signed Stripe event claimed that did not fit: appended to
 * the order (when it exists), logged as a warning and published as
 * `payment.mismatch` — and nothing else changes. The webhook's marker for the
 * event commits with it, so Stripe's retries of the same event record it once.
 * `orderId` is the order the event named; `order` is null when it does not exist.
 */
export async function recordAnomalies(
  orderId: string | null,
  order: OrderItem | null,
  anomalies: readonly Anomaly[],
  stripeEvent: StripeEventRef,
  ctx: Pick<RequestContext, 'correlationId'>,
  consumer: string,
): Promise<'recorded' | 'already_processed'> {
  for (const a of anomalies) {
    logger.warn('stripe event does not fit its order; not applied', {
      orderId,
      reason: a.reason,
      stripeEventId: stripeEvent.id,
      stripeEventType: stripeEvent.type,
      paymentIntentId: a.paymentIntentId,
      ...(a.refundId ? { refundId: a.refundId } : {}),
    });
  }
  const at = nowIso();
  const events = anomalies.map((a) => domainEvent('payment.mismatch', mismatchData(orderId, order, a, stripeEvent), ctx));
  const entries = anomalies.map((a) => ({
    at,
    reason: a.reason,
    stripeEventId: stripeEvent.id,
    eventType: stripeEvent.type,
    ...(a.paymentIntentId ? { paymentIntentId: a.paymentIntentId } : {}),
    ...(a.refundId ? { refundId: a.refundId } : {}),
    ...(a.amount ? { amount: a.amount } : {}),
  }));
  let onOrder = order !== null;
  const outcome = await withRaceRetries(async () => {
    const tx = namedTransaction<'marker' | 'order'>();
    const entities = tx.entities;
    tx.add('marker', markerPut(entities, consumer, stripeEvent.id)).add(
      'order',
      ...(onOrder && order
        ? [
            entities.order
              .patch({ orderId: order.orderId })
              .append({ paymentAnomalies: entries })
              .where((a, op) => `(${op.notExists(a.paymentAnomalies)} OR ${op.size(a.paymentAnomalies)} < ${op.escape(MAX_ANOMALIES_PER_ORDER)})`)
              .commit(),
          ]
        : []),
    );
    const result = await transactWithEvents(() => tx.items, events);
    if (!result.canceled) return 'recorded' as const;
    if (tx.rejected(result, 'marker')) return 'already_processed' as const;
    // The order's list is full: the log and the event still tell.
    if (tx.rejected(result, 'order')) onOrder = false;
    return RETRY;
  }, 10);
  if (outcome === RETRY) throw new Error(`recordAnomalies(${stripeEvent.id}) kept losing races`);
  return outcome;
}

function mismatchData(orderId: string | null, order: OrderItem | null, a: Anomaly, stripeEvent: StripeEventRef): EventData<'payment.mismatch'> {
  return {
    orderId,
    reason: a.reason,
    stripeEventId: stripeEvent.id,
    stripeEventType: stripeEvent.type,
    paymentIntentId: a.paymentIntentId,
    ...(a.refundId ? { refundId: a.refundId } : {}),
    amount: a.amount,
    expected: order ? { paymentIntentId: order.paymentIntentId ?? null, total: order.total } : null,
  };
}
