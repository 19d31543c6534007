import { updateVenue as route } from '#packages/features/venues/routes.ts';
import { updateVenue } from '#packages/features/venues/venue-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ifMatch }) => ok(await updateVenue(params.id, body, ifMatch)));
