import { registrants as route } from '#packages/features/sessions/routes.ts';
import { registrantsOf } from '#packages/features/sessions/registration.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok({ items: await registrantsOf(params.id, params.sessionId, query.state) }));
