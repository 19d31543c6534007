import { publishSeatMap as route } from '#packages/features/seating/routes.ts';
import { publishSeatMap } from '#packages/features/seating/map-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await publishSeatMap(params.id, params.version)));
