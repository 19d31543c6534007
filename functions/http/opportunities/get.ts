import { getOpportunity as route } from '#packages/api/routes/opportunities.ts';
import { getOpportunity } from '#packages/core/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getOpportunity(params.id)));
