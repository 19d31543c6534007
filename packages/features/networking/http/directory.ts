import { networkingDirectory as route } from '#packages/features/networking/routes.ts';
import { directory } from '#packages/features/networking/profile-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await directory(params.token, query.interest)));
