import { listVenueSeatMaps as route } from '#packages/features/seating/routes.ts';
import { listVenueSeatMaps } from '#packages/features/seating/venue-maps.ts';
import { ok, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await listVenueSeatMaps(params.id)));
