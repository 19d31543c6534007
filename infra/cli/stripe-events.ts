/**
 * The Stripe event types the webhook handler acts on: the `case` labels of
 * applyStripeEvent (packages/features/orders/stripe-events.ts). `stripe connect`
 * subscribes the endpoint to exactly these; Stripe sends nothing else.
 * test/unit/cli-stripe.test.ts reads the handler's cases and fails when
 * the two lists part.
 */
export const handledStripeEvents = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded'] as const;
