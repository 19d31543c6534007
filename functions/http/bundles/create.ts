import { createBundle as route } from '#packages/api/routes/bundles.ts';
import { createBundle } from '#packages/core/bundles/bundle-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createBundle(params.id, body)));
