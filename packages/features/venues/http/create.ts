import { createVenue as route } from '#packages/features/venues/routes.ts';
import { createVenue } from '#packages/features/venues/venue-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createVenue(body)));
