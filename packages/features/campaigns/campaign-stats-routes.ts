import { CampaignStats } from './campaign-stats-contract.ts';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';

export const getCampaignStats = defineRoute({
  operationId: 'getCampaignStats',
  method: 'GET',
  path: '/v1/campaigns/{id}/stats',
  handler: 'campaigns/stats',
  permission: 'campaigns:read',
  summary: 'Audience, sent, delivered, unique opens and clicks, bounces, complaints, unsubscribes, skips by reason, rates, attributed revenue and ROI',
  tag: 'Campaigns',
  request: { params: IdParams },
  responses: { 200: { description: 'The campaign figures', schema: CampaignStats } },
});

/** The A/B test's figures join the campaign figures' route group (ab/routes.ts). */
export { getCampaignAbTest } from './ab/routes.ts';
