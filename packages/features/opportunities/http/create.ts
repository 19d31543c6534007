import { createOpportunity as route } from '#packages/features/opportunities/routes.ts';
import { createOpportunity } from '#packages/features/opportunities/opportunity-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createOpportunity(body, ctx)));
