import { createRoom as route } from '#packages/features/agenda/routes.ts';
import { createRoom } from '#packages/features/agenda/session-service.ts';
import { created, httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await createRoom(params.id, body)));
