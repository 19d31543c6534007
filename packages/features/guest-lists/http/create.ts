import { createGuestList as route } from '#packages/features/guest-lists/routes.ts';
import { createGuestList } from '#packages/features/guest-lists/guest-list-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createGuestList(params.id, body)));
