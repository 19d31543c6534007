import { createInteraction as route } from '#packages/api/routes/interactions.ts';
import { createInteraction } from '#packages/core/activities/interaction-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createInteraction(body, ctx)));
