import { deleteInteraction as route } from '#packages/api/routes/interactions.ts';
import { deleteInteraction } from '#packages/core/activities/interaction-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await deleteInteraction(params.id);
  return noContent();
});
