import { releaseSeats as route } from '#packages/features/seating/routes.ts';
import { changeBlock } from '#packages/features/seating/seat-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await changeBlock(params.id, body.seatGuids, 'unblock')));
