import { deliverSponsorBenefit as route } from '#packages/features/sponsors/routes.ts';
import { deliverBenefit } from '#packages/features/sponsors/benefit-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await deliverBenefit(params.id, params.sponsorshipId, params.benefitId, ctx)));
