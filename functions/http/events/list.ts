import { listEvents as route } from '#packages/api/routes/events.ts';
import { listEvents } from '#packages/core/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listEvents(query)));
