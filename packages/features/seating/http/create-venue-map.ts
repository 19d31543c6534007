import { createVenueSeatMap as route } from '#packages/features/seating/routes.ts';
import { createVenueSeatMap } from '#packages/features/seating/venue-map-create.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createVenueSeatMap(params.id, body)));
