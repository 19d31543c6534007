import { createOrder as route } from '#packages/features/orders/routes.ts';
import { createOrder } from '#packages/features/orders/create-order.ts';
import { toOrderView } from '#packages/features/orders/order-queries.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';
import { createPaymentIntent } from '#packages/payments/stripe-client.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }) => {
  const origin = { ip: event.requestContext?.http?.sourceIp, userAgent: event.headers?.['user-agent'] };
  const { order, clientSecret } = await createOrder(params.id, body, ctx, origin, undefined, createPaymentIntent);
  return created(toOrderView(order, clientSecret ? { clientSecret } : {}));
});
