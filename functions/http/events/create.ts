import { createEvent as route } from '#packages/api/routes/events.ts';
import { createEvent } from '#packages/core/events/event-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createEvent(body)));
