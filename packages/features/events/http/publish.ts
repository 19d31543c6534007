import { publishEvent as route } from '#packages/features/events/routes.ts';
import { publishEvent } from '#packages/features/events/event-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await publishEvent(params.id, ctx)));
