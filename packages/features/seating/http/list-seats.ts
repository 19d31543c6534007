import { listSeats as route } from '#packages/features/seating/routes.ts';
import { listSeats } from '#packages/features/seating/seat-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listSeats(params.id, query.section)));
