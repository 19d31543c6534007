import { confirmSpeaker as route } from '#packages/features/speakers/routes.ts';
import { confirmSpeaker } from '#packages/features/speakers/speaker-service.ts';
import { speakerOfToken } from '#packages/features/speakers/speaker-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await confirmSpeaker(speakerOfToken(params.token))));
