import { rescheduleMeeting as route } from '#packages/features/networking/routes.ts';
import { rescheduleMeeting } from '#packages/features/networking/meeting-response.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await rescheduleMeeting(params.token, params.meetingId, body)));
