import { listPromoterOrders as route } from '#packages/features/promoters/routes.ts';
import { listAttributedOrders } from '#packages/features/promoters/promoter-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, principal }) => ok(await listAttributedOrders(params.id, query.eventId, query, principal)));
