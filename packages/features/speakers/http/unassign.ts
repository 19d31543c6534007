import { unassignSpeaker as route } from '#packages/features/speakers/routes.ts';
import { unassignSpeaker } from '#packages/features/speakers/speaker-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await unassignSpeaker({ eventId: params.id, speakerId: params.speakerId }, params.sessionId)));
