import { createRole as route } from '#packages/features/identity/roles-routes.ts';
import { createRole } from '#packages/features/identity/role-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, principal, ctx }) => created(await createRole(body, grantCheckFor(principal), ctx)));
