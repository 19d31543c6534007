import { updateEvent as route } from '#packages/features/events/routes.ts';
import { updateEvent } from '#packages/features/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ifMatch }) => ok(await updateEvent(params.id, body, ifMatch)));
