import { getInteraction as route } from '#packages/api/routes/interactions.ts';
import { getInteraction } from '#packages/core/activities/interaction-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getInteraction(params.id)));
