import { updateLeadScoringRule as route } from '#packages/features/leads/lead-scoring-routes.ts';
import { updateRule } from '#packages/features/leads/scoring-rules.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateRule(params.id, body, ctx)));
