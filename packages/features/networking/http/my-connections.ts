import { myConnections as route } from '#packages/features/networking/routes.ts';
import { myConnections } from '#packages/features/networking/connection-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await myConnections(params.token)));
