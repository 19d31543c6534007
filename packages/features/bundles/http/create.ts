import { createBundle as route } from '#packages/features/bundles/routes.ts';
import { createBundle } from '#packages/features/bundles/bundle-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createBundle(params.id, body)));
