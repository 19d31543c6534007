import { createLeadScoringRule as route } from '#packages/api/routes/lead-scoring.ts';
import { createRule } from '#packages/core/leads/scoring-rules.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createRule(body, ctx)));
