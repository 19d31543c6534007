import { updateRole as route } from '#packages/api/routes/roles.ts';
import { updateRole } from '#packages/core/users/role-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal }) => ok(await updateRole(params.id, body, grantCheckFor(principal))));
