import { stripeWebhook as route } from '#packages/features/orders/routes.ts';
import { applyStripeEvent } from '#packages/features/orders/stripe-events.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { HttpProblem } from '#packages/http/problem.ts';
import { InvalidWebhookSignature, rawBodyOf, stripeSignatureHeader, stripeWebhookSecret, verifyStripeWebhook } from '#packages/payments/webhook.ts';

/** Verifies the signature on the raw bytes before anything is parsed; a forgery changes nothing. */
export const handler = httpHandler(route, async ({ event, ctx }) => {
  let stripeEvent;
  try {
    stripeEvent = await verifyStripeWebhook(rawBodyOf(event), stripeSignatureHeader(event.headers), stripeWebhookSecret());
  } catch (error) {
    if (!(error instanceof InvalidWebhookSignature)) throw error;
    // Signed (or not) but not an event we could act on: told apart from a bad signature.
    if (error.reason === 'malformed_payload') throw new HttpProblem({ status: 400, code: 'invalid_payload', title: 'Invalid payload', detail: error.message });
    throw new HttpProblem({ status: 400, code: 'invalid_signature', title: 'Invalid signature', detail: error.message });
  }
  const outcome = await applyStripeEvent(stripeEvent, ctx);
  return ok({ received: true, outcome });
});
