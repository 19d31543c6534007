import { getCheckInList as route } from '#packages/features/check-ins/routes.ts';
import { getCheckInList } from '#packages/features/check-ins/check-in-lists.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getCheckInList(params.id, params.listId)));
