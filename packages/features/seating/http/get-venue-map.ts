import { getVenueSeatMap as route } from '#packages/features/seating/routes.ts';
import { getVenueSeatMap } from '#packages/features/seating/venue-maps.ts';
import { ok, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getVenueSeatMap(params.id, params.version)));
