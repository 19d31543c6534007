import { deleteLeadScoringRule as route } from '#packages/api/routes/lead-scoring.ts';
import { deleteRule } from '#packages/core/leads/scoring-rules.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await deleteRule(params.id, ctx);
  return noContent();
});
