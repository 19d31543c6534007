import { getOrder as route } from '#packages/features/orders/routes.ts';
import { getOrder } from '#packages/features/orders/order-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getOrder(params.id)));
