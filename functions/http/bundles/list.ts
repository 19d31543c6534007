import { listBundles as route } from '#packages/api/routes/bundles.ts';
import { listBundles } from '#packages/core/bundles/bundle-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listBundles(params.id, query)));
