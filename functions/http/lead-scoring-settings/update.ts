import { updateLeadScoringSettings as route } from '#packages/api/routes/lead-scoring.ts';
import { updateScoringSettings } from '#packages/core/leads/scoring-rules.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => ok(await updateScoringSettings(body, ctx)));
