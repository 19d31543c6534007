import { listRoles as route } from '#packages/api/routes/roles.ts';
import { listRoles } from '#packages/core/users/role-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listRoles(query)));
