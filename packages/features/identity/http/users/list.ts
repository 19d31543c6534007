import { listUsers as route } from '#packages/features/identity/users-routes.ts';
import { listUsers } from '#packages/features/identity/user-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listUsers(query)));
