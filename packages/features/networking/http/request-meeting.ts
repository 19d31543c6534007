import { requestMeeting as route } from '#packages/features/networking/routes.ts';
import { requestMeeting } from '#packages/features/networking/meeting-request.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await requestMeeting(params.token, body, ctx)));
