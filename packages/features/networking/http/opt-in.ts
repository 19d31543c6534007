import { optIn as route } from '#packages/features/networking/routes.ts';
import { optIn } from '#packages/features/networking/profile-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await optIn(params.token, body)));
