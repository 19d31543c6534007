import { refundOrder as route } from '#packages/api/routes/orders.ts';
import { refundOrder } from '#packages/core/orders/refund-order.ts';
import { ensureStripeSecrets } from '#packages/payments/stripe-secrets.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  await ensureStripeSecrets();
  return ok(await refundOrder(params.id, body, ctx));
});
