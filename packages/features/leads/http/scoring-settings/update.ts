import { updateLeadScoringSettings as route } from '#packages/features/leads/lead-scoring-routes.ts';
import { updateScoringSettings } from '#packages/features/leads/scoring-rules.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => ok(await updateScoringSettings(body, ctx)));
