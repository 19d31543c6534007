import { listOpportunities as route } from '#packages/features/opportunities/routes.ts';
import { listOpportunities } from '#packages/features/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, principal }) => ok(await listOpportunities(query, principal.userId)));
