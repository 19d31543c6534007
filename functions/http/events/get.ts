import { getEvent as route } from '#packages/api/routes/events.ts';
import { getEvent } from '#packages/core/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getEvent(params.id)));
