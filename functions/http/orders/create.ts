import { createOrder as route } from '#packages/api/routes/orders.ts';
import { createOrder } from '#packages/core/orders/create-order.ts';
import { toOrderView } from '#packages/core/orders/order-queries.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  const { order, clientSecret } = await createOrder(params.id, body, ctx);
  return created(toOrderView(order, clientSecret ? { clientSecret } : {}));
});
