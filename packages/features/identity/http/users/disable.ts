import { disableUser as route } from '#packages/features/identity/users-routes.ts';
import { disableUser } from '#packages/features/identity/user-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal, ctx }) => ok(await disableUser(params.id, grantCheckFor(principal), ctx)));
