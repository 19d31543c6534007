import { listVenues as route } from '#packages/features/venues/routes.ts';
import { listVenues } from '#packages/features/venues/venue-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listVenues(query)));
