import { assignSpeaker as route } from '#packages/features/speakers/routes.ts';
import { assignSpeaker } from '#packages/features/speakers/speaker-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await assignSpeaker({ eventId: params.id, speakerId: params.speakerId }, params.sessionId, body)));
