import { addConnection as route } from '#packages/features/networking/routes.ts';
import { addConnection } from '#packages/features/networking/connection-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await addConnection(params.token, body.withTicketId, body.type)));
