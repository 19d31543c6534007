import { getCampaignStats as route } from '#packages/features/campaigns/campaign-stats-routes.ts';
import { getCampaignStats } from '#packages/features/campaigns/campaign-stats.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getCampaignStats(params.id)));
