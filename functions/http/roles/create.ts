import { createRole as route } from '#packages/api/routes/roles.ts';
import { createRole } from '#packages/core/users/role-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, principal, ctx }) => created(await createRole(body, grantCheckFor(principal), ctx)));
