import { updateOpportunity as route } from '#packages/api/routes/opportunities.ts';
import { updateOpportunity } from '#packages/core/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateOpportunity(params.id, body, ctx)));
