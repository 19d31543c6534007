import { getUser as route } from '#packages/features/identity/users-routes.ts';
import { getUser } from '#packages/features/identity/user-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getUser(params.id)));
