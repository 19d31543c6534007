import { getVenue as route } from '#packages/features/venues/routes.ts';
import { getVenue } from '#packages/features/venues/venue-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getVenue(params.id)));
