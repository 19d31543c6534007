import { createSponsorTier as route } from '#packages/features/sponsors/routes.ts';
import { createTier } from '#packages/features/sponsors/tier-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createTier(params.id, body)));
