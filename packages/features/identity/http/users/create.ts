import { createUser as route } from '#packages/features/identity/users-routes.ts';
import { createUser } from '#packages/features/identity/user-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, principal, ctx }) => created(await createUser(body, grantCheckFor(principal), ctx)));
