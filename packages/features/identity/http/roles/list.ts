import { listRoles as route } from '#packages/features/identity/roles-routes.ts';
import { listRoles } from '#packages/features/identity/role-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listRoles(query)));
