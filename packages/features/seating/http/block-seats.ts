import { blockSeats as route } from '#packages/features/seating/routes.ts';
import { blockSeats } from '#packages/features/seating/block-seats.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await blockSeats(params.id, body.seatGuids)));
