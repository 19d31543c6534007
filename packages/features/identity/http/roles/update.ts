import { updateRole as route } from '#packages/features/identity/roles-routes.ts';
import { updateRole } from '#packages/features/identity/role-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal }) => ok(await updateRole(params.id, body, grantCheckFor(principal))));
