import { cancelMeeting as route } from '#packages/features/networking/routes.ts';
import { cancelMeeting } from '#packages/features/networking/meeting-response.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await cancelMeeting(params.token, params.meetingId)));
