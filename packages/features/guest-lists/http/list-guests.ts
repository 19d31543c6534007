import { listGuests as route } from '#packages/features/guest-lists/routes.ts';
import { listGuests } from '#packages/features/guest-lists/guest-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listGuests(params.id, query.status, query)));
