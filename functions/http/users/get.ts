import { getUser as route } from '#packages/api/routes/users.ts';
import { getUser } from '#packages/core/users/user-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getUser(params.id)));
