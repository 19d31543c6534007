import { updateOpportunity as route } from '#packages/features/opportunities/routes.ts';
import { updateOpportunity } from '#packages/features/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, ifMatch }) => ok(await updateOpportunity(params.id, body, ctx, ifMatch)));
