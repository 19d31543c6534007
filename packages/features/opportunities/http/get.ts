import { getOpportunity as route } from '#packages/features/opportunities/routes.ts';
import { getOpportunity } from '#packages/features/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getOpportunity(params.id)));
