import type { RefundOrderInput } from '../../api/schemas/orders.ts';
import { createRefund } from '../../payments/stripe-client.ts';
import type { RequestContext } from '../context.ts';
import { conflict, unprocessable } from '../errors.ts';
import { loadOrder } from './order-item.ts';
import { recordRefund } from './record-refund.ts';
import { getOrder } from './order-queries.ts';

/**
 * Refunds all or part of a paid order through Stripe and books it at once
 * (the `charge.refunded` webhook then finds it booked). The Stripe
 * idempotency key names the order's refunded total before this refund and
 * the amount, so a retried request can never pay out twice.
 */
export async function refundOrder(orderId: string, input: RefundOrderInput, ctx: RequestContext) {
  const order = await loadOrder(orderId, true);
  if (order.status !== 'paid') throw conflict('invalid_transition', `A ${order.status} order cannot be refunded`, { orderStatus: order.status });
  const refundable = order.total.amount - order.refunded.amount;
  const amount = input.amount ?? refundable;
  if (amount > refundable) {
    throw unprocessable('refund_exceeds_paid', `At most ${refundable} (minor units) is left to refund`, { refundable });
  }
  if (!order.paymentIntentId || amount === 0) {
    // A free order: nothing to pay back, but voiding it is still a "full refund".
    await recordRefund(orderId, { refundId: `free-${orderId}`, amount: 0, reason: input.reason }, ctx);
    return getOrder(orderId);
  }
  const refund = await createRefund({
    paymentIntentId: order.paymentIntentId,
    amount,
    idempotencyKey: `refund-${orderId}-${order.refunded.amount}-${amount}`,
    reason: 'requested_by_customer',
    metadata: { orderId, requestedBy: ctx.actorId },
  });
  await recordRefund(orderId, { refundId: refund.id, amount: refund.amount, reason: input.reason }, ctx);
  return getOrder(orderId);
}
