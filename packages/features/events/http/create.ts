import { createEvent as route } from '#packages/features/events/routes.ts';
import { createEvent } from '#packages/features/events/event-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createEvent(body)));
