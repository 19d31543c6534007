import { updateUser as route } from '#packages/features/identity/users-routes.ts';
import { updateUser } from '#packages/features/identity/user-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal, ctx }) =>
  ok(await updateUser(params.id, body, grantCheckFor(principal), ctx)),
);
