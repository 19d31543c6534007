import { listCampaigns as route } from '#packages/features/campaigns/routes.ts';
import { listCampaigns } from '#packages/features/campaigns/campaign-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listCampaigns(query)));
