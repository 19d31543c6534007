import { checkIn as route } from '#packages/features/sessions/routes.ts';
import { checkInToSession } from '#packages/features/sessions/session-check-in.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await checkInToSession(params.id, params.sessionId, body, ctx)));
