import { listSponsorTiers as route } from '#packages/features/sponsors/routes.ts';
import { listTiers } from '#packages/features/sponsors/tier-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listTiers(params.id) }));
