import { listVenues as route } from '#packages/api/routes/venues.ts';
import { listVenues } from '#packages/core/venues/venue-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listVenues(query)));
