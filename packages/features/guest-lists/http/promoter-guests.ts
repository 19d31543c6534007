import { listPromoterGuests as route } from '#packages/features/guest-lists/routes.ts';
import { listPromoterGuests } from '#packages/features/guest-lists/guest-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, principal }) => ok(await listPromoterGuests(params.id, query.eventId, query, principal)));
