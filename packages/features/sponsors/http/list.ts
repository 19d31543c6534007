import { listSponsorships as route } from '#packages/features/sponsors/routes.ts';
import { listSponsorships } from '#packages/features/sponsors/sponsorship-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listSponsorships(params.id, query)));
