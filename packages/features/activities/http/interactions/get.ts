import { getInteraction as route } from '#packages/features/activities/interactions-routes.ts';
import { getInteraction } from '#packages/features/activities/interaction-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getInteraction(params.id)));
