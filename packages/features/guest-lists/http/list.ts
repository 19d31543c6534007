import { listGuestLists as route } from '#packages/features/guest-lists/routes.ts';
import { listGuestLists } from '#packages/features/guest-lists/guest-list-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal }) => ok(await listGuestLists(params.id, principal)));
