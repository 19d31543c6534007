import { moveOpportunityStage as route } from '#packages/features/opportunities/routes.ts';
import { updateOpportunity } from '#packages/features/opportunities/opportunity-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateOpportunity(params.id, { stageId: body.stageId }, ctx)));
