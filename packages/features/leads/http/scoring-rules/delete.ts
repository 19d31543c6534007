import { deleteLeadScoringRule as route } from '#packages/features/leads/lead-scoring-routes.ts';
import { deleteRule } from '#packages/features/leads/scoring-rules.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await deleteRule(params.id, ctx);
  return noContent();
});
