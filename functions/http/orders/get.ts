import { getOrder as route } from '#packages/api/routes/orders.ts';
import { getOrder } from '#packages/core/orders/order-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getOrder(params.id)));
