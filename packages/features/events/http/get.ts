import { getEvent as route } from '#packages/features/events/routes.ts';
import { getEvent } from '#packages/features/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getEvent(params.id)));
