import { getSponsorship as route } from '#packages/features/sponsors/routes.ts';
import { getSponsorship } from '#packages/features/sponsors/sponsorship-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getSponsorship(params.id, params.sponsorshipId)));
