import { listBundles as route } from '#packages/features/bundles/routes.ts';
import { listBundles } from '#packages/features/bundles/bundle-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listBundles(params.id, query)));
