import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { AbTestResult } from './contract.ts';

export const getCampaignAbTest = defineRoute({
  operationId: 'getCampaignAbTest',
  method: 'GET',
  path: '/v1/campaigns/{id}/ab-test',
  handler: 'campaigns/ab-test',
  permission: 'campaigns:read',
  summary:
    'An A/B-tested campaign per variant: recipients, delivered, opens (machine opens apart), clicks, purchases, revenue, rates; the test state, p-value, decision and why (404 for a campaign without a test)',
  tag: 'Campaigns',
  request: { params: IdParams },
  responses: { 200: { description: 'The test and its figures', schema: AbTestResult } },
});
