import { listCampaigns as route } from '#packages/api/routes/campaigns.ts';
import { listCampaigns } from '#packages/core/campaigns/campaign-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listCampaigns(query)));
