import { updateUser as route } from '#packages/api/routes/users.ts';
import { updateUser } from '#packages/core/users/user-service.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal, ctx }) =>
  ok(await updateUser(params.id, body, grantCheckFor(principal), ctx)),
);
