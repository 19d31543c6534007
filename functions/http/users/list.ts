import { listUsers as route } from '#packages/api/routes/users.ts';
import { listUsers } from '#packages/core/users/user-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listUsers(query)));
