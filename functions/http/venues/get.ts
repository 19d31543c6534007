import { getVenue as route } from '#packages/api/routes/venues.ts';
import { getVenue } from '#packages/core/venues/venue-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getVenue(params.id)));
