import { createCheckInList as route } from '#packages/api/routes/check-ins.ts';
import { createCheckInList } from '#packages/core/check-ins/check-in-lists.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createCheckInList(params.id, body)));
