import { myMeetings as route } from '#packages/features/networking/routes.ts';
import { myMeetings } from '#packages/features/networking/meeting-request.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await myMeetings(params.token)));
