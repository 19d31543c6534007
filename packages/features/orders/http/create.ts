import { createOrder as route } from '#packages/features/orders/routes.ts';
import { createOrder } from '#packages/features/orders/create-order.ts';
import { toOrderView } from '#packages/features/orders/order-queries.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  const { order, clientSecret } = await createOrder(params.id, body, ctx);
  return created(toOrderView(order, clientSecret ? { clientSecret } : {}));
});
