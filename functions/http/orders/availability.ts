import { getAvailability as route } from '#packages/api/routes/orders.ts';
import { getAvailability } from '#packages/core/orders/availability.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getAvailability(params.id)));
