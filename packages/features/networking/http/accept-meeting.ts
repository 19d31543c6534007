import { acceptMeeting as route } from '#packages/features/networking/routes.ts';
import { acceptMeeting } from '#packages/features/networking/meeting-response.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await acceptMeeting(params.token, params.meetingId, ctx)));
