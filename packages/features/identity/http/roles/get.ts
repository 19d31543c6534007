import { getRole as route } from '#packages/features/identity/roles-routes.ts';
import { getRole } from '#packages/features/identity/role-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getRole(params.id)));
