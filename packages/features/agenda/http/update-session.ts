import { updateSession as route } from '#packages/features/agenda/routes.ts';
import { updateSession } from '#packages/features/agenda/session-service.ts';
import { created, httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateSession(params.id, params.sessionId, body, ctx)));
