import { publishEvent as route } from '#packages/api/routes/events.ts';
import { publishEvent } from '#packages/core/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await publishEvent(params.id, ctx)));
