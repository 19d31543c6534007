import { getRole as route } from '#packages/api/routes/roles.ts';
import { getRole } from '#packages/core/users/role-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getRole(params.id)));
