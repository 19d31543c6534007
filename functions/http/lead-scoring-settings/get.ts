import { getLeadScoringSettings as route } from '#packages/api/routes/lead-scoring.ts';
import { getScoringSettings } from '#packages/core/leads/scoring-rules.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async () => ok(await getScoringSettings()));
