import { createOpportunity as route } from '#packages/api/routes/opportunities.ts';
import { createOpportunity } from '#packages/core/opportunities/opportunity-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createOpportunity(body, ctx)));
