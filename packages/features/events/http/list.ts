import { listEvents as route } from '#packages/features/events/routes.ts';
import { listEvents } from '#packages/features/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listEvents(query)));
