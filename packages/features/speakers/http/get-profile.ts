import { getSpeakerProfile as route } from '#packages/features/speakers/routes.ts';
import { getSpeaker } from '#packages/features/speakers/speaker-service.ts';
import { speakerOfToken } from '#packages/features/speakers/speaker-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getSpeaker(speakerOfToken(params.token))));
