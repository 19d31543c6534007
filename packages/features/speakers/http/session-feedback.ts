import { speakerSessionFeedback as route } from '#packages/features/speakers/routes.ts';
import { speakerSessionFeedback } from '#packages/features/speakers/speaker-feedback.ts';
import { speakerOfToken } from '#packages/features/speakers/speaker-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await speakerSessionFeedback(speakerOfToken(params.token), params.sessionId)));
