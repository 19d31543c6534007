import { listCheckInLists as route } from '#packages/features/check-ins/routes.ts';
import { listCheckInLists } from '#packages/features/check-ins/check-in-lists.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listCheckInLists(params.id), nextCursor: null }));
