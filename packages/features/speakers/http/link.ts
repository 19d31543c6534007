import { speakerLink as route } from '#packages/features/speakers/routes.ts';
import { speakerLinkFor } from '#packages/features/speakers/speaker-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await speakerLinkFor({ eventId: params.id, speakerId: params.speakerId })));
