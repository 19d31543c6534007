import { getOpportunityHistory as route } from '#packages/features/opportunities/routes.ts';
import { opportunityHistory } from '#packages/features/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await opportunityHistory(params.id, query)));
