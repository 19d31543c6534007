import { declineMeeting as route } from '#packages/features/networking/routes.ts';
import { declineMeeting } from '#packages/features/networking/meeting-response.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await declineMeeting(params.token, params.meetingId)));
