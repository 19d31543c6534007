import { updateInteraction as route } from '#packages/features/activities/interactions-routes.ts';
import { updateInteraction } from '#packages/features/activities/interaction-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateInteraction(params.id, body)));
