import { getLeadScoringRule as route } from '#packages/api/routes/lead-scoring.ts';
import { getRule } from '#packages/core/leads/scoring-rules.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getRule(params.id)));
