import { disableUser as route } from '#packages/api/routes/users.ts';
import { disableUser } from '#packages/core/users/user-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal, ctx }) => ok(await disableUser(params.id, grantCheckFor(principal), ctx)));
