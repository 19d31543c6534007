import { cancelOrder as route } from '#packages/api/routes/orders.ts';
import { toOrderView } from '#packages/core/orders/order-queries.ts';
import { releaseOrder } from '#packages/core/orders/release-order.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(toOrderView(await releaseOrder(params.id, 'canceled', ctx))));
