import { createSeatMap as route } from '#packages/features/seating/routes.ts';
import { createSeatMap } from '#packages/features/seating/map-create.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createSeatMap(params.id, body)));
