import { getAvailability as route } from '#packages/features/orders/routes.ts';
import { getAvailability } from '#packages/features/orders/availability.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await getAvailability(params.id, query.promoterToken)));
