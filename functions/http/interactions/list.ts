import { listInteractions as route } from '#packages/api/routes/interactions.ts';
import { listInteractions } from '#packages/core/activities/interaction-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listInteractions(query)));
