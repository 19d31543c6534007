import { getMe as route } from '#packages/api/routes/users.ts';
import { describeCaller } from '#packages/core/users/user-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ principal }) => ok(await describeCaller(principal)));
