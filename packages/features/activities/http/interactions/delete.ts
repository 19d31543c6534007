import { deleteInteraction as route } from '#packages/features/activities/interactions-routes.ts';
import { deleteInteraction } from '#packages/features/activities/interaction-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await deleteInteraction(params.id);
  return noContent();
});
