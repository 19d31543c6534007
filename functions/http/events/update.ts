import { updateEvent as route } from '#packages/api/routes/events.ts';
import { updateEvent } from '#packages/core/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateEvent(params.id, body)));
