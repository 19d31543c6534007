import { getOpportunityHistory as route } from '#packages/api/routes/opportunities.ts';
import { opportunityHistory } from '#packages/core/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await opportunityHistory(params.id, query)));
