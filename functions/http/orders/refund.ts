import { refundOrder as route } from '#packages/api/routes/orders.ts';
import { refundOrder } from '#packages/core/orders/refund-order.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  return ok(await refundOrder(params.id, body, ctx));
});
