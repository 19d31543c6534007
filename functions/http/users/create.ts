import { createUser as route } from '#packages/api/routes/users.ts';
import { createUser } from '#packages/core/users/user-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, principal, ctx }) => created(await createUser(body, grantCheckFor(principal), ctx)));
