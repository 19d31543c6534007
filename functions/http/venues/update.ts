import { updateVenue as route } from '#packages/api/routes/venues.ts';
import { updateVenue } from '#packages/core/venues/venue-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateVenue(params.id, body)));
