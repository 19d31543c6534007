import { listInteractions as route } from '#packages/features/activities/interactions-routes.ts';
import { listInteractions } from '#packages/features/activities/interaction-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listInteractions(query)));
