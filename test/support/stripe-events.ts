/** What test files need of an order to write the Stripe event about its PaymentIntent. */
export interface OrderWithIntent {
  id: string;
  total: { amount: number; currency: string };
  payment?: { paymentIntentId: string };
}

/** The `payment_intent.succeeded` event Stripe sends for an order's intent, as JSON (sign it with the webhook secret to deliver it). */
export function paymentSucceededEvent(order: OrderWithIntent, eventId: string, created: number = Math.floor(Date.now() / 1000)): string {
  return JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: order.payment!.paymentIntentId,
        object: 'payment_intent',
        amount: order.total.amount,
        amount_received: order.total.amount,
        currency: order.total.currency.toLowerCase(),
        status: 'succeeded',
        metadata: { orderId: order.id },
      },
    },
  });
}
