import { cancelOrder as route } from '#packages/features/orders/routes.ts';
import { toOrderView } from '#packages/features/orders/order-queries.ts';
import { releaseOrder } from '#packages/features/orders/release-order.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(toOrderView(await releaseOrder(params.id, 'canceled', ctx))));
