import { getCampaignStats as route } from '#packages/api/routes/campaign-stats.ts';
import { getCampaignStats } from '#packages/core/campaigns/campaign-stats.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getCampaignStats(params.id)));
