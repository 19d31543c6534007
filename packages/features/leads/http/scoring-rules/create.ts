import { createLeadScoringRule as route } from '#packages/features/leads/lead-scoring-routes.ts';
import { createRule } from '#packages/features/leads/scoring-rules.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createRule(body, ctx)));
