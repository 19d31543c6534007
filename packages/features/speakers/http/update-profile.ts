import { updateSpeakerProfile as route } from '#packages/features/speakers/routes.ts';
import { updateSpeakerProfile } from '#packages/features/speakers/speaker-service.ts';
import { speakerOfToken } from '#packages/features/speakers/speaker-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateSpeakerProfile(speakerOfToken(params.token), body)));
