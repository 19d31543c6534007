import { listOpportunities as route } from '#packages/api/routes/opportunities.ts';
import { listOpportunities } from '#packages/core/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, principal }) => ok(await listOpportunities(query, principal.userId)));
