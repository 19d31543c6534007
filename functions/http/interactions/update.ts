import { updateInteraction as route } from '#packages/api/routes/interactions.ts';
import { updateInteraction } from '#packages/core/activities/interaction-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateInteraction(params.id, body)));
