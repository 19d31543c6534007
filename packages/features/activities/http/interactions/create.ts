import { createInteraction as route } from '#packages/features/activities/interactions-routes.ts';
import { createInteraction } from '#packages/features/activities/interaction-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createInteraction(body, ctx)));
