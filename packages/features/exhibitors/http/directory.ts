import { exhibitorDirectory as route } from '#packages/features/exhibitors/routes.ts';
import { exhibitorDirectory } from '#packages/features/exhibitors/exhibitor-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await exhibitorDirectory(params.id)));
