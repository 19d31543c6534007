import { inviteSpeaker as route } from '#packages/features/speakers/routes.ts';
import { inviteSpeaker } from '#packages/features/speakers/speaker-service.ts';
import { created, httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  const result = await inviteSpeaker(params.id, body, ctx);
  return result.created ? created(result.speaker) : ok(result.speaker);
});
