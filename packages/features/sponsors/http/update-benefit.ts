import { updateSponsorBenefit as route } from '#packages/features/sponsors/routes.ts';
import { updateBenefit } from '#packages/features/sponsors/benefit-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateBenefit(params.id, params.sponsorshipId, params.benefitId, body)));
