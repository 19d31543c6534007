import { getMe as route } from '#packages/features/identity/users-routes.ts';
import { describeCaller } from '#packages/features/identity/user-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ principal }) => ok(await describeCaller(principal)));
