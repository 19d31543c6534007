import { listEventOrders as route } from '#packages/features/orders/routes.ts';
import { listEventOrders } from '#packages/features/orders/order-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listEventOrders(params.id, query.status, query)));
