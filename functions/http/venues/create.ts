import { createVenue as route } from '#packages/api/routes/venues.ts';
import { createVenue } from '#packages/core/venues/venue-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createVenue(body)));
