import { createCheckInList as route } from '#packages/features/check-ins/routes.ts';
import { createCheckInList } from '#packages/features/check-ins/check-in-lists.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createCheckInList(params.id, body)));
