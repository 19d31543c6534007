import { releaseSeats as route } from '#packages/features/seating/routes.ts';
import { releaseSeats } from '#packages/features/seating/block-seats.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await releaseSeats(params.id, body.seatGuids)));
