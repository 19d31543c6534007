import { createHash } from 'node:crypto';
import { refundOrder as route } from '#packages/features/orders/routes.ts';
import { refundOrder } from '#packages/features/orders/refund-order.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { headerValue, IDEMPOTENCY_HEADER } from '#packages/http/middleware/idempotency.ts';

export const handler = httpHandler(route, async ({ params, body, principal, ctx, event }) => {
  // A retry of this very request (same caller, same Idempotency-Key) after a 503 resumes the same Stripe refund.
  const key = headerValue(event, IDEMPOTENCY_HEADER);
  const requestKey = key ? createHash('sha256').update(`${principal.userId}\n${key}`).digest('base64url') : undefined;
  return ok(await refundOrder(params.id, body ?? {}, ctx, requestKey ? { requestKey } : {}));
});
